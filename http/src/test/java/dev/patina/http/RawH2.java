package dev.patina.http;

import dev.patina.http.internal.hpack.Encoder;
import dev.patina.http.internal.hpack.HeaderField;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-driven HTTP/2 client on a raw socket for connection-level tests: it writes exactly the
 * frames a test asks for (so it can leave SETTINGS unacknowledged or PINGs unanswered) and reads
 * the server's frames one by one.
 */
final class RawH2 implements AutoCloseable {
  static final int DATA = 0;
  static final int HEADERS = 1;
  static final int RST_STREAM = 3;
  static final int SETTINGS = 4;
  static final int PING = 6;
  static final int GOAWAY = 7;
  static final int WINDOW_UPDATE = 8;

  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  /** One frame from the server. */
  record Frame(int type, int flags, int stream, byte[] payload) {
    boolean ack() {
      return (flags & 1) != 0;
    }

    boolean endStream() {
      return (flags & 1) != 0;
    }

    /** GOAWAY's or RST_STREAM's error code. */
    int errorCode() {
      return ByteBuffer.wrap(payload, type == GOAWAY ? 4 : 0, 4).getInt();
    }

    /** GOAWAY's debug data. */
    String debug() {
      return new String(payload, 8, payload.length - 8, StandardCharsets.UTF_8);
    }

    /** WINDOW_UPDATE's increment. */
    int increment() {
      return ByteBuffer.wrap(payload).getInt() & 0x7fffffff;
    }

    /** SETTINGS parameters by id. */
    Map<Integer, Long> settings() {
      Map<Integer, Long> m = new LinkedHashMap<>();
      ByteBuffer b = ByteBuffer.wrap(payload);
      while (b.remaining() >= 6) {
        m.put(b.getShort() & 0xffff, b.getInt() & 0xffffffffL);
      }
      return m;
    }

    @Override
    public String toString() {
      String name =
          switch (type) {
            case DATA -> "DATA";
            case HEADERS -> "HEADERS";
            case RST_STREAM -> "RST_STREAM";
            case SETTINGS -> "SETTINGS";
            case PING -> "PING";
            case GOAWAY -> "GOAWAY";
            case WINDOW_UPDATE -> "WINDOW_UPDATE";
            default -> "type " + type;
          };
      String detail =
          switch (type) {
            case SETTINGS -> ack() ? "ACK" : settings().toString();
            case GOAWAY -> "code " + errorCode() + " \"" + debug() + "\"";
            case RST_STREAM -> "code " + errorCode();
            case WINDOW_UPDATE -> "+" + increment();
            case PING -> ack() ? "ACK" : "";
            default -> payload.length + " bytes" + (endStream() ? " END_STREAM" : "");
          };
      return name + " " + stream + " " + detail;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final Encoder encoder = new Encoder(4096);

  RawH2(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** The client preface and an empty SETTINGS frame. */
  RawH2 preface() throws IOException {
    out.write(PREFACE);
    frame(SETTINGS, 0, 0, new byte[0]);
    return this;
  }

  void frame(int type, int flags, int stream, byte[] payload) throws IOException {
    byte[] head = {
      (byte) (payload.length >>> 16),
      (byte) (payload.length >>> 8),
      (byte) payload.length,
      (byte) type,
      (byte) flags,
      (byte) (stream >>> 24),
      (byte) (stream >>> 16),
      (byte) (stream >>> 8),
      (byte) stream
    };
    out.write(head);
    out.write(payload);
    out.flush();
  }

  void settingsAck() throws IOException {
    frame(SETTINGS, 1, 0, new byte[0]);
  }

  /** A request's HEADERS (END_HEADERS set). */
  void request(int stream, String method, String path, boolean endStream) throws IOException {
    byte[] block =
        encoder.encode(
            List.of(
                new HeaderField(":method", method),
                new HeaderField(":scheme", "http"),
                new HeaderField(":authority", "127.0.0.1"),
                new HeaderField(":path", path)));
    frame(HEADERS, 4 | (endStream ? 1 : 0), stream, block);
  }

  void data(int stream, int length, boolean endStream) throws IOException {
    frame(DATA, endStream ? 1 : 0, stream, new byte[length]);
  }

  /** The next frame, or null once the server has closed the connection. */
  Frame read() throws IOException {
    try {
      int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
      int type = in.readUnsignedByte();
      int flags = in.readUnsignedByte();
      int stream = in.readInt() & 0x7fffffff;
      return new Frame(type, flags, stream, in.readNBytes(length));
    } catch (EOFException | SocketException e) {
      return null; // FIN, or a reset after the server closed
    }
  }

  /** Frames until the server closes (a read timeout fails the test instead). */
  List<Frame> readUntilClosed() throws IOException {
    List<Frame> frames = new ArrayList<>();
    for (Frame f; (f = read()) != null; ) {
      frames.add(f);
    }
    return frames;
  }

  /** Reads (and records) frames until one of {@code type} on {@code stream}; null if closed. */
  Frame await(int type, int stream, List<Frame> seen) throws IOException {
    for (Frame f; (f = read()) != null; ) {
      seen.add(f);
      if (f.type() == type && f.stream() == stream) {
        return f;
      }
    }
    return null;
  }

  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  void soTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

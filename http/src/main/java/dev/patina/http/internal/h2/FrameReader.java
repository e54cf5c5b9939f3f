package dev.patina.http.internal.h2;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads frames (RFC 9113 §4.1) and checks what a frame can be checked for on its own: length
 * against SETTINGS_MAX_FRAME_SIZE and the type's fixed sizes, stream 0 or not, padding. What needs
 * the connection's state (stream states, windows) is the connection's job.
 */
public final class FrameReader {
  private final InputStream in;
  private final int maxFrameSize;
  private final byte[] head = new byte[9];

  /**
   * @param maxFrameSize the SETTINGS_MAX_FRAME_SIZE this side announced
   */
  public FrameReader(InputStream in, int maxFrameSize) {
    this.in = in;
    this.maxFrameSize = maxFrameSize;
  }

  /** Reads exactly {@code n} bytes; false if the stream ended before the first. */
  private boolean readFully(byte[] b, int n, boolean eofOk) throws IOException {
    int off = 0;
    while (off < n) {
      int r;
      try {
        r = in.read(b, off, n - off);
      } catch (java.net.SocketTimeoutException e) {
        if (off > 0 || !eofOk) {
          // a timeout between frames is idleness the caller may forgive; inside a frame the
          // bytes read so far would be lost, so the connection cannot go on
          throw new EOFException("peer stalled inside a frame");
        }
        throw e;
      }
      if (r < 0) {
        if (off == 0 && eofOk) {
          return false;
        }
        throw new EOFException("connection closed inside a frame");
      }
      off += r;
    }
    return true;
  }

  /** The next frame, or null at a clean end of stream between frames. */
  public Frame read() throws IOException, ConnectionError, StreamError {
    if (!readFully(head, 9, true)) {
      return null;
    }
    int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
    int type = head[3] & 0xff;
    int flags = head[4] & 0xff;
    int stream = readInt(head, 5) & 0x7fffffff; // the reserved bit is ignored (§4.1)
    if (length > maxFrameSize) {
      throw new ConnectionError(
          ErrorCode.FRAME_SIZE_ERROR, "frame of " + length + " bytes, limit " + maxFrameSize);
    }
    byte[] p = new byte[length];
    readFully(p, length, false);
    return switch (type) {
      case Frame.TYPE_DATA -> data(stream, flags, p);
      case Frame.TYPE_HEADERS -> headers(stream, flags, p);
      case Frame.TYPE_PRIORITY -> priority(stream, p);
      case Frame.TYPE_RST_STREAM -> {
        requireStream(stream, "RST_STREAM");
        requireLength(p, 4, "RST_STREAM");
        yield new Frame.RstStream(stream, readInt(p, 0));
      }
      case Frame.TYPE_SETTINGS -> settings(stream, flags, p);
      case Frame.TYPE_PUSH_PROMISE -> pushPromise(stream, flags, p);
      case Frame.TYPE_PING -> {
        requireConnection(stream, "PING");
        requireLength(p, 8, "PING");
        yield new Frame.Ping((flags & Frame.FLAG_ACK) != 0, readLong(p));
      }
      case Frame.TYPE_GOAWAY -> {
        requireConnection(stream, "GOAWAY");
        if (length < 8) {
          throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, "GOAWAY shorter than 8 bytes");
        }
        yield new Frame.GoAway(
            readInt(p, 0) & 0x7fffffff, readInt(p, 4), Arrays.copyOfRange(p, 8, length));
      }
      case Frame.TYPE_WINDOW_UPDATE -> {
        requireLength(p, 4, "WINDOW_UPDATE");
        yield new Frame.WindowUpdate(stream, readInt(p, 0) & 0x7fffffff);
      }
      case Frame.TYPE_CONTINUATION -> {
        requireStream(stream, "CONTINUATION");
        yield new Frame.Continuation(stream, p, (flags & Frame.FLAG_END_HEADERS) != 0);
      }
      default -> new Frame.Unknown(type, stream);
    };
  }

  private static Frame data(int stream, int flags, byte[] p) throws ConnectionError {
    requireStream(stream, "DATA");
    int[] range = unpad(flags, p, 0, "DATA");
    return new Frame.Data(
        stream,
        Arrays.copyOfRange(p, range[0], range[1]),
        (flags & Frame.FLAG_END_STREAM) != 0,
        p.length);
  }

  private static Frame headers(int stream, int flags, byte[] p) throws ConnectionError {
    requireStream(stream, "HEADERS");
    boolean prio = (flags & Frame.FLAG_PRIORITY) != 0;
    int[] range = unpad(flags, p, prio ? 5 : 0, "HEADERS");
    Frame.Priority dep = null;
    if (prio) {
      int at = range[0] - 5;
      int d = readInt(p, at);
      dep = new Frame.Priority(stream, d & 0x7fffffff, d < 0, (p[at + 4] & 0xff) + 1);
    }
    return new Frame.Headers(
        stream,
        Arrays.copyOfRange(p, range[0], range[1]),
        (flags & Frame.FLAG_END_STREAM) != 0,
        (flags & Frame.FLAG_END_HEADERS) != 0,
        dep);
  }

  private static Frame priority(int stream, byte[] p) throws ConnectionError, StreamError {
    requireStream(stream, "PRIORITY");
    if (p.length != 5) {
      // §6.3: a stream error, the frame alters no connection state
      throw new StreamError(
          stream, ErrorCode.FRAME_SIZE_ERROR, "PRIORITY of " + p.length + " bytes");
    }
    int d = readInt(p, 0);
    return new Frame.Priority(stream, d & 0x7fffffff, d < 0, (p[4] & 0xff) + 1);
  }

  private static Frame settings(int stream, int flags, byte[] p) throws ConnectionError {
    requireConnection(stream, "SETTINGS");
    boolean ack = (flags & Frame.FLAG_ACK) != 0;
    if (ack && p.length != 0) {
      throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS ACK with a payload");
    }
    if (p.length % 6 != 0) {
      throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS length not a multiple of 6");
    }
    List<Frame.Setting> list = new ArrayList<>(p.length / 6);
    for (int i = 0; i < p.length; i += 6) {
      int id = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
      list.add(new Frame.Setting(id, readInt(p, i + 2) & 0xffffffffL));
    }
    return new Frame.Settings(ack, list);
  }

  private static Frame pushPromise(int stream, int flags, byte[] p) throws ConnectionError {
    requireStream(stream, "PUSH_PROMISE");
    int[] range = unpad(flags, p, 4, "PUSH_PROMISE");
    return new Frame.PushPromise(
        stream,
        readInt(p, range[0] - 4) & 0x7fffffff,
        Arrays.copyOfRange(p, range[0], range[1]),
        (flags & Frame.FLAG_END_HEADERS) != 0);
  }

  /**
   * Where the content lies in a padded payload: after the pad length byte and {@code fixed} bytes
   * of fields, before the padding. §6.1: padding as long as the payload or longer is a
   * PROTOCOL_ERROR.
   */
  private static int[] unpad(int flags, byte[] p, int fixed, String what) throws ConnectionError {
    int start = 0;
    int pad = 0;
    if ((flags & Frame.FLAG_PADDED) != 0) {
      if (p.length < 1) {
        throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, what + " too short for its padding");
      }
      pad = p[0] & 0xff;
      start = 1;
    }
    if (p.length < start + fixed) {
      throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, what + " too short for its fields");
    }
    if (pad > p.length - start - fixed) {
      throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, what + " padding exceeds the payload");
    }
    return new int[] {start + fixed, p.length - pad};
  }

  private static void requireStream(int stream, String what) throws ConnectionError {
    if (stream == 0) {
      throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, what + " on stream 0");
    }
  }

  private static void requireConnection(int stream, String what) throws ConnectionError {
    if (stream != 0) {
      throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, what + " on stream " + stream);
    }
  }

  private static void requireLength(byte[] p, int n, String what) throws ConnectionError {
    if (p.length != n) {
      throw new ConnectionError(
          ErrorCode.FRAME_SIZE_ERROR, what + " of " + p.length + " bytes, must be " + n);
    }
  }

  static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static long readLong(byte[] b) {
    return ((long) readInt(b, 0) << 32) | (readInt(b, 4) & 0xffffffffL);
  }
}

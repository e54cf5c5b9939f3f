package dev.patina.http.internal.h2;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes frames to a buffered stream. Not thread-safe: the connection serialises writers, since a
 * frame must not be interleaved with another and header blocks must leave in HPACK order.
 */
public final class FrameWriter {
  private final OutputStream out;
  private final byte[] head = new byte[9];

  public FrameWriter(OutputStream out) {
    this.out = out;
  }

  public void frame(int type, int flags, int stream, byte[] p, int off, int len)
      throws IOException {
    head[0] = (byte) (len >>> 16);
    head[1] = (byte) (len >>> 8);
    head[2] = (byte) len;
    head[3] = (byte) type;
    head[4] = (byte) flags;
    putInt(head, 5, stream);
    out.write(head);
    out.write(p, off, len);
  }

  public void settings(List<Frame.Setting> settings) throws IOException {
    byte[] p = new byte[6 * settings.size()];
    int i = 0;
    for (Frame.Setting s : settings) {
      p[i] = (byte) (s.id() >>> 8);
      p[i + 1] = (byte) s.id();
      putInt(p, i + 2, (int) s.value());
      i += 6;
    }
    frame(Frame.TYPE_SETTINGS, 0, 0, p, 0, p.length);
  }

  public void settingsAck() throws IOException {
    frame(Frame.TYPE_SETTINGS, Frame.FLAG_ACK, 0, new byte[0], 0, 0);
  }

  public void ping(boolean ack, long opaque) throws IOException {
    byte[] p = new byte[8];
    putInt(p, 0, (int) (opaque >>> 32));
    putInt(p, 4, (int) opaque);
    frame(Frame.TYPE_PING, ack ? Frame.FLAG_ACK : 0, 0, p, 0, 8);
  }

  public void goAway(int lastStreamId, ErrorCode code, String debug) throws IOException {
    byte[] d = debug.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] p = new byte[8 + Math.min(d.length, 256)];
    putInt(p, 0, lastStreamId);
    putInt(p, 4, code.code);
    System.arraycopy(d, 0, p, 8, p.length - 8);
    frame(Frame.TYPE_GOAWAY, 0, 0, p, 0, p.length);
  }

  public void rstStream(int stream, ErrorCode code) throws IOException {
    byte[] p = new byte[4];
    putInt(p, 0, code.code);
    frame(Frame.TYPE_RST_STREAM, 0, stream, p, 0, 4);
  }

  public void windowUpdate(int stream, int increment) throws IOException {
    byte[] p = new byte[4];
    putInt(p, 0, increment);
    frame(Frame.TYPE_WINDOW_UPDATE, 0, stream, p, 0, 4);
  }

  /** A header block as HEADERS plus as many CONTINUATION frames as {@code maxFrame} requires. */
  public void headers(int stream, byte[] block, boolean endStream, int maxFrame)
      throws IOException {
    int first = Math.min(block.length, maxFrame);
    int flags =
        (endStream ? Frame.FLAG_END_STREAM : 0)
            | (first == block.length ? Frame.FLAG_END_HEADERS : 0);
    frame(Frame.TYPE_HEADERS, flags, stream, block, 0, first);
    for (int off = first; off < block.length; ) {
      int n = Math.min(block.length - off, maxFrame);
      int f = off + n == block.length ? Frame.FLAG_END_HEADERS : 0;
      frame(Frame.TYPE_CONTINUATION, f, stream, block, off, n);
      off += n;
    }
  }

  public void data(int stream, byte[] b, int off, int len, boolean endStream) throws IOException {
    frame(Frame.TYPE_DATA, endStream ? Frame.FLAG_END_STREAM : 0, stream, b, off, len);
  }

  public void flush() throws IOException {
    out.flush();
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}

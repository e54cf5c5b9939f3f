package dev.patina.http.internal.h2;

import java.io.IOException;
import java.io.InputStream;

/**
 * The connection's input, buffered: {@link FrameReader} asks for a 9-byte header and then a
 * payload, which unbuffered were two system calls (and two timed reads) per frame. Only the reader
 * thread uses it. Before each read of the socket (which may wait) it runs {@code beforeSocketRead}:
 * the moment to let the writer send what the reader's own answers queued.
 */
final class FrameInput extends InputStream {
  private final InputStream in;
  private final Runnable beforeSocketRead;
  private final byte[] buf = new byte[16 * 1024];
  private int pos;
  private int end;

  FrameInput(InputStream in, Runnable beforeSocketRead) {
    this.in = in;
    this.beforeSocketRead = beforeSocketRead;
  }

  @Override
  public int read() throws IOException {
    if (pos == end && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == end) {
      if (len >= buf.length) {
        beforeSocketRead.run();
        return in.read(b, off, len); // a large payload: straight into the caller's array
      }
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, end - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  private boolean fill() throws IOException {
    beforeSocketRead.run();
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }

  @Override
  public int available() {
    return end - pos;
  }
}

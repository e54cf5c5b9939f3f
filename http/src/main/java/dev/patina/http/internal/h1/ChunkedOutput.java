package dev.patina.http.internal.h1;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Frames what a streamed body writes as chunks (RFC 9112 §7.1): one per flush or full buffer. Used
 * for streamed response bodies by the server and for streamed request bodies by the client.
 */
public final class ChunkedOutput extends OutputStream {
  private final OutputStream out;
  private final byte[] buf = new byte[8192];
  private int n;

  public ChunkedOutput(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    if (n == buf.length) {
      flushChunk();
    }
    buf[n++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (n == buf.length) {
        flushChunk();
      }
      int k = Math.min(len, buf.length - n);
      System.arraycopy(b, off, buf, n, k);
      n += k;
      off += k;
      len -= k;
    }
  }

  @Override
  public void flush() throws IOException {
    flushChunk();
    out.flush();
  }

  @Override
  public void close() {
    // the server ends the body; a writer closing its stream must not close the connection
  }

  private void flushChunk() throws IOException {
    if (n > 0) {
      out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(buf, 0, n);
      out.write('\r');
      out.write('\n');
      n = 0;
    }
  }

  /** Sends what is left and the last chunk (no trailers). */
  public void finish() throws IOException {
    flushChunk();
    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }
}

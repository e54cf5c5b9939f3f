package dev.patina.http.client.internal.h2;

import dev.patina.http.Headers;
import dev.patina.http.client.HttpClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A response's content as the caller reads it. Each read takes what the connection's reader thread
 * has delivered, waiting up to the read timeout, and reopens the stream's window as it goes.
 * Closing before the end resets the stream (CANCEL); other streams are not affected.
 */
public final class H2ResponseBody extends InputStream {
  private final H2ClientConnection conn;
  private final H2ClientStream stream;
  private boolean closed;

  H2ResponseBody(H2ClientConnection conn, H2ClientStream stream) {
    this.conn = conn;
    this.stream = stream;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n;
    do {
      n = read(one, 0, 1);
    } while (n == 0);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("response body closed");
    }
    if (len == 0) {
      return 0;
    }
    try {
      int n = conn.read(stream, b, off, len);
      if (n < 0) {
        closed = true;
        conn.cancel(stream); // ended: only frees the stream, no reset goes out
      }
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      conn.cancel(stream);
      throw new InterruptedIOException("interrupted while reading a response body");
    } catch (HttpClientException e) {
      closed = true;
      conn.cancel(stream);
      throw new HttpClientException(e.kind(), e.getMessage(), e);
    }
  }

  /** The trailer fields, once the body was read to its end; null if there were none. */
  public Headers trailers() {
    return conn.trailers(stream);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      conn.cancel(stream);
    }
  }
}

package dev.patina.http.client.internal;

import dev.patina.http.Limits;
import dev.patina.http.client.HttpClientException;
import dev.patina.http.client.HttpClientException.Kind;
import dev.patina.http.internal.h1.HeadParser;
import dev.patina.http.internal.h1.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * A response body read from the connection only when the caller reads (no read-ahead beyond the
 * connection's input buffer): by Content-Length, chunked (RFC 9112 §7.1) or up to the close. At the
 * end the connection goes back to the pool if the response allows it; a body closed early, a
 * timeout or a framing error closes the connection instead.
 */
public final class BodyStream extends InputStream {
  private final ClientConnection conn;
  private final Pool pool;
  private final boolean reusable;
  private final long length; // as ResponseHead.bodyLength
  private long left; // bytes left in the body (fixed) or in the current chunk (chunked)
  private boolean done;
  private boolean released;

  public BodyStream(ClientConnection conn, Pool pool, ResponseHead head) {
    this.conn = conn;
    this.pool = pool;
    this.reusable = head.reusable();
    this.length = head.bodyLength();
    this.left = length > 0 ? length : 0;
    if (length == 0) {
      finish(reusable);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done) {
      return -1;
    }
    if (released) {
      throw new IOException("response body closed");
    }
    if (len == 0) {
      return 0;
    }
    try {
      if (length == ResponseHead.CHUNKED && left == 0 && !nextChunk()) {
        return -1;
      }
      int want = length == ResponseHead.UNTIL_CLOSE ? len : (int) Math.min(len, left);
      int n = conn.in().readSome(b, off, want);
      if (n < 0) {
        if (length == ResponseHead.UNTIL_CLOSE) {
          finish(false); // the close is the end of this body
          return -1;
        }
        throw new HttpClientException(Kind.CONNECTION_CLOSED, "connection closed mid-body");
      }
      if (length != ResponseHead.UNTIL_CLOSE) {
        left -= n;
        if (length > 0 && left == 0) {
          finish(reusable);
        } else if (length == ResponseHead.CHUNKED && left == 0) {
          expectCrlf();
        }
      }
      return n;
    } catch (SocketTimeoutException e) {
      abort();
      throw new HttpClientException(Kind.TIMEOUT, "response body: read timed out", e);
    } catch (EOFException e) {
      abort();
      throw new HttpClientException(Kind.CONNECTION_CLOSED, "connection closed mid-body", e);
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  /** Reads a chunk-size line; false after the last chunk (and its trailers). */
  private boolean nextChunk() throws IOException {
    String line;
    try {
      line = conn.in().readLine(1024);
    } catch (ProtocolException e) {
      throw ResponseReader.malformed("bad chunk size line: " + e.getMessage());
    }
    int semi = line.indexOf(';'); // extensions are ignored (§7.1.1)
    String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
    if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(BodyStream::isHex)) {
      throw ResponseReader.malformed("bad chunk size: \"" + hex + "\"");
    }
    long size = Long.parseLong(hex, 16);
    if (size == 0) {
      try {
        HeadParser.skipTrailers(conn.in(), Limits.DEFAULT);
      } catch (ProtocolException e) {
        throw ResponseReader.malformed("bad trailer: " + e.getMessage());
      }
      finish(reusable);
      return false;
    }
    left = size;
    return true;
  }

  private void expectCrlf() throws IOException {
    if (conn.in().read() != '\r' || conn.in().read() != '\n') {
      throw ResponseReader.malformed("chunk data not followed by CRLF");
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private void finish(boolean reuse) {
    done = true;
    if (!released) {
      released = true;
      if (reuse) {
        pool.release(conn);
      } else {
        pool.discard(conn);
      }
    }
  }

  private void abort() {
    done = false;
    if (!released) {
      released = true;
      pool.discard(conn);
    }
  }

  /** Closing before the end closes the connection: the unread rest could be any size. */
  @Override
  public void close() {
    if (!released) {
      abort();
    }
  }
}

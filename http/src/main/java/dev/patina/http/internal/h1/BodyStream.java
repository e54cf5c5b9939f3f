package dev.patina.http.internal.h1;

import dev.patina.http.Limits;
import dev.patina.http.RequestBodyException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * One HTTP/1.1 request body read on demand from the connection, by Content-Length or chunked (RFC
 * 9112 §6, §7.1). A read returns what the connection has (never waits to fill the caller's buffer),
 * so a handler sees the first bytes while the client is still sending. {@code Expect: 100-continue}
 * is answered at the first read, as hyper does when the service first polls the body.
 *
 * <p>Used by one handler thread, then by the connection after the response; not thread-safe.
 */
public final class BodyStream extends InputStream {
  /** Sends {@code 100 Continue} (and flushes). */
  @FunctionalInterface
  public interface Continue {
    void send() throws IOException;
  }

  private final ConnectionInput in;
  private final Limits limits;
  private final boolean chunked;
  private Continue pendingContinue; // non-null until the 100 is sent (or no longer useful)
  private long remaining; // of the Content-Length, or of the current chunk
  private long total; // decoded bytes so far
  private boolean done; // the body (and any trailers) has been read completely
  private IOException failure; // the first error: later reads repeat it

  /**
   * @param pendingContinue sends {@code 100 Continue} at the first read, or null if none is due
   */
  public BodyStream(ConnectionInput in, RequestHead head, Limits limits, Continue pendingContinue) {
    this.in = in;
    this.limits = limits;
    this.chunked = head.bodyLength() < 0;
    this.remaining = chunked ? 0 : head.bodyLength(); // bounded by maxBodyBytes in HeadParser
    this.done = head.bodyLength() == 0;
    this.pendingContinue = done ? null : pendingContinue;
  }

  /** True once the whole body has been read. */
  boolean done() {
    return done;
  }

  /** True if the client was told to send the body, or needs no telling. */
  boolean continueSent() {
    return pendingContinue == null;
  }

  /** The error a read ran into (the handler may have swallowed it), or null. */
  IOException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (failure != null) {
      throw failure;
    }
    if (done) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    try {
      if (pendingContinue != null) {
        Continue c = pendingContinue;
        pendingContinue = null;
        c.send();
      }
      return readBody(b, off, len);
    } catch (ProtocolException e) {
      failure = new RequestBodyException(e.status(), e.getMessage());
      throw failure;
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  private int readBody(byte[] b, int off, int len) throws IOException, ProtocolException {
    if (chunked && remaining == 0 && !nextChunk()) {
      done = true;
      return -1;
    }
    int n = in.readSome(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException("connection closed mid-body");
    }
    remaining -= n;
    total += n;
    if (remaining == 0) {
      if (chunked) {
        if (in.read() != '\r' || in.read() != '\n') {
          throw new ProtocolException(400, "chunk not followed by CRLF");
        }
      } else {
        done = true;
      }
    }
    return n;
  }

  /** Reads a chunk header; false at the last chunk (after its trailers). */
  private boolean nextChunk() throws IOException, ProtocolException {
    String line = in.readLine(1024); // size plus extensions; longer is not a real client
    int semi = line.indexOf(';'); // chunk extensions are ignored (§7.1.1)
    String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
    if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(BodyStream::isHex)) {
      throw new ProtocolException(400, "bad chunk size");
    }
    long size = Long.parseLong(hex, 16);
    if (size == 0) {
      HeadParser.skipTrailers(in, limits); // trailers are parsed and dropped
      return false;
    }
    if (total + size > limits.maxBodyBytes()) {
      throw new ProtocolException(413, "body larger than " + limits.maxBodyBytes() + " bytes");
    }
    remaining = size;
    return true;
  }

  /**
   * Reads and drops what the handler left unread, if it is at most {@code budget} bytes, so the
   * connection can serve its next request. False if the body is longer, malformed, or the client
   * was never told to send it (then the connection must close).
   */
  boolean skipRest(long budget) {
    if (done) {
      return failure == null;
    }
    if (failure != null || pendingContinue != null) {
      return false;
    }
    if (!chunked && remaining > budget) {
      return false;
    }
    byte[] scratch = new byte[8192];
    long skipped = 0;
    try {
      while (!done) {
        int n = readBody(scratch, 0, scratch.length);
        if (n > 0 && (skipped += n) > budget) {
          return false;
        }
      }
      return true;
    } catch (IOException | ProtocolException e) {
      return false;
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}

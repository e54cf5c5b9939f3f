package dev.patina.http.internal.h2;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;

/**
 * One HTTP/2 request body as the handler reads it. The connection's reader thread offers each DATA
 * payload; the handler's thread takes bytes out and reports them consumed, and only then does the
 * stream's receive window reopen (WINDOW_UPDATE): a handler that stops reading stops its client
 * after one window, while the connection window — reopened as DATA arrives — keeps the other
 * streams going. What is buffered here is therefore bounded by the stream window.
 */
final class H2BodyStream extends InputStream {
  /** Reopens the stream window for bytes the handler has taken. */
  @FunctionalInterface
  interface Consumed {
    void consumed(int bytes) throws IOException;
  }

  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private final long idleNanos; // 0 = wait forever
  private final Consumed consumed;
  private int offset; // into chunks.peekFirst()
  private long buffered;
  private boolean ended; // END_STREAM seen
  private boolean abandoned; // the handler is done or the body was refused: DATA is dropped
  private IOException failure;

  H2BodyStream(long idleNanos, Consumed consumed) {
    this.idleNanos = idleNanos;
    this.consumed = consumed;
  }

  /**
   * From the reader thread: a DATA payload, and whether it ends the body. False if nobody will read
   * it (then the caller drops it and reopens the window itself).
   */
  synchronized boolean offer(byte[] data, boolean end) {
    if (end) {
      ended = true;
    }
    if (abandoned || failure != null) {
      return false;
    }
    if (data.length > 0) {
      chunks.addLast(data);
      buffered += data.length;
    }
    notifyAll();
    return true;
  }

  /** The body will not be delivered: reads throw {@code e}; later DATA is dropped. */
  synchronized void fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
    abandoned = true;
    chunks.clear();
    buffered = 0;
    notifyAll();
  }

  /** The error the handler's reads met (it may have swallowed it), or null. */
  synchronized IOException failure() {
    return failure;
  }

  /**
   * From the handler's thread once the response is sent: what is still buffered is dropped.
   *
   * @return the bytes dropped (their window is to be reopened), or -1 if END_STREAM was seen
   */
  synchronized long abandon() {
    abandoned = true;
    long unread = buffered;
    chunks.clear();
    buffered = 0;
    return ended ? -1 : unread;
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
    if (len == 0) {
      return 0;
    }
    int n = 0;
    synchronized (this) {
      awaitData();
      if (chunks.isEmpty()) {
        return -1; // ended
      }
      // everything buffered that fits, not one DATA payload per read: a 64 KiB read would
      // otherwise take four calls (and four window reports) for 16 KiB frames
      while (n < len && !chunks.isEmpty()) {
        byte[] first = chunks.peekFirst();
        int k = Math.min(len - n, first.length - offset);
        System.arraycopy(first, offset, b, off + n, k);
        n += k;
        offset += k;
        if (offset == first.length) {
          chunks.removeFirst();
          offset = 0;
        }
      }
      buffered -= n;
    }
    consumed.consumed(n); // outside the lock: it may write a WINDOW_UPDATE
    return n;
  }

  @Override
  public synchronized int available() {
    return (int) Math.min(Integer.MAX_VALUE, buffered);
  }

  /** Waits until a chunk is buffered, the body ended, or it failed (then throws). */
  private void awaitData() throws IOException {
    long deadline = System.nanoTime() + idleNanos;
    while (chunks.isEmpty() && !ended && failure == null) {
      long left = deadline - System.nanoTime();
      if (idleNanos != 0 && left <= 0) {
        fail(
            new SocketTimeoutException(
                "no request body data for " + idleNanos / 1_000_000 + " ms"));
        break;
      }
      try {
        if (idleNanos == 0) {
          wait();
        } else {
          wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        fail(new InterruptedIOException("stream reset"));
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

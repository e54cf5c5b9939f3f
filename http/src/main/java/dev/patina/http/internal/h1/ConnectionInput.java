package dev.patina.http.internal.h1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A buffered reader of one connection's bytes. Pipelined requests simply stay in the buffer for the
 * next round. Lines are read under a byte budget so a peer cannot make the server buffer without
 * bound, and a head is read under a deadline so it cannot take forever either.
 */
public final class ConnectionInput {
  /** {@link #readDeadline} of a read that {@link DeadlineWatch} has ended. */
  private static final long EXPIRED = Long.MIN_VALUE;

  private final InputStream in;
  private final Socket socket; // null for in-memory input (tests): no timeouts then
  private final int idleMillis;
  private boolean watched; // deadlines kept by DeadlineWatch rather than SO_TIMEOUT (until rest())
  // System.nanoTime() by which the read in progress must return; 0 when no read waits; EXPIRED
  // once the watch has shut the input down. Swapped atomically by the reader and the watch, so
  // that the watch only ever ends the read whose deadline it saw.
  private final AtomicLong readDeadline = new AtomicLong();
  private final byte[] buf;
  private int pos;
  private int end;
  private long deadline; // System.nanoTime() by which the current head must be in; 0 for none

  /**
   * Input from a socket; each read waits at most {@code idleMillis} (0 = forever), timed by the
   * socket's SO_TIMEOUT (the client's connections).
   */
  public ConnectionInput(Socket socket, int idleMillis) throws IOException {
    this(socket, idleMillis, false);
  }

  private ConnectionInput(Socket socket, int idleMillis, boolean watched) throws IOException {
    this.in = socket.getInputStream();
    this.buf = new byte[16 * 1024];
    this.socket = socket;
    this.idleMillis = idleMillis;
    this.watched = watched;
    if (watched) {
      DeadlineWatch.watch(this);
    } else {
      socket.setSoTimeout(idleMillis);
    }
  }

  /**
   * Input from a server connection's socket, with the same timeouts kept by {@link DeadlineWatch}
   * (untimed reads are much cheaper on virtual threads). Call {@link #release()} when done.
   */
  public static ConnectionInput watched(Socket socket, int idleMillis) throws IOException {
    return new ConnectionInput(socket, idleMillis, true);
  }

  /** Stops watching this input's deadlines (the connection has ended). */
  public void release() {
    if (watched) {
      DeadlineWatch.unwatch(this);
    }
  }

  /** Called by the watch: ends the read in progress if its deadline has passed. */
  void expireIfDue(long now) {
    long d = readDeadline.get();
    if (d != 0 && d != EXPIRED && now - d >= 0 && readDeadline.compareAndSet(d, EXPIRED)) {
      try {
        socket.shutdownInput(); // the blocked read returns end-of-stream at once
      } catch (IOException ignored) {
        // already closed: the read has ended anyway
      }
    }
  }

  /** Input from a stream without timeouts. */
  public ConnectionInput(InputStream in) {
    this.in = in;
    this.buf = new byte[16 * 1024];
    this.socket = null;
    this.idleMillis = 0;
    this.watched = false;
  }

  private ConnectionInput(byte[] buffered) {
    this.in = InputStream.nullInputStream();
    this.buf = buffered;
    this.socket = null;
    this.idleMillis = 0;
    this.watched = false;
  }

  /**
   * Input over bytes already in {@code buffered} (between {@link #reset} positions) and nothing
   * after them: the I/O loop parses a head it has seen whole without copying it.
   */
  public static ConnectionInput over(byte[] buffered) {
    return new ConnectionInput(buffered);
  }

  /** Makes {@code buf[pos..end)} the input ({@link #over} inputs only). */
  public void reset(int pos, int end) {
    this.pos = pos;
    this.end = end;
  }

  /** Where the next byte would be read from in the buffer. */
  public int position() {
    return pos;
  }

  /**
   * Puts bytes read elsewhere (by the I/O loop, before it handed the connection over) in front of
   * what the socket sends next. Only while nothing is buffered.
   */
  public void preload(byte[] bytes, int off, int len) {
    if (pos < end || len > buf.length) {
      throw new IllegalStateException("preload into a non-empty or too small buffer");
    }
    System.arraycopy(bytes, off, buf, 0, len);
    pos = 0;
    end = len;
  }

  /** From now on, reads fail with {@link SocketTimeoutException} after {@code nanos}. */
  public void startDeadline(long nanos) {
    deadline = System.nanoTime() + nanos;
  }

  public void clearDeadline() throws IOException {
    deadline = 0;
    if (socket != null && !watched) {
      socket.setSoTimeout(idleMillis);
    }
  }

  /** Waits for at least one byte; false at a clean end of stream. */
  public boolean awaitData() throws IOException {
    return pos < end || fill();
  }

  /** True if bytes of a next (pipelined) request are already buffered. */
  public boolean hasBuffered() {
    return pos < end;
  }

  private boolean fill() throws IOException {
    if (watched) {
      return fillWatched();
    }
    if (deadline != 0 && socket != null) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new SocketTimeoutException("request head not complete in time");
      }
      socket.setSoTimeout(idleMillis == 0 ? (int) left : (int) Math.min(idleMillis, left));
    }
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }

  private boolean fillWatched() throws IOException {
    return fillFrom(readWatched(0, buf.length));
  }

  /** One untimed read into {@code buf} under the deadline that {@link DeadlineWatch} enforces. */
  private int readWatched(int off, int len) throws IOException {
    long now = System.nanoTime();
    long limit = idleMillis == 0 ? 0 : now + idleMillis * 1_000_000L;
    if (deadline != 0) {
      if (deadline - now <= 0) {
        throw new SocketTimeoutException("request head not complete in time");
      }
      limit = limit == 0 ? deadline : Math.min(limit, deadline);
    }
    if (limit == 0) {
      return in.read(buf, off, len); // no timeout configured: nothing to watch
    }
    readDeadline.set(limit);
    try {
      return in.read(buf, off, len);
    } finally {
      if (readDeadline.getAndSet(0) == EXPIRED) {
        throw new SocketTimeoutException(
            deadline != 0 ? "request head not complete in time" : "read timed out");
      }
    }
  }

  private boolean fillFrom(int n) {
    if (n <= 0) {
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }

  /**
   * Consumes {@code prefix} if the input starts with it (reading more as needed), else leaves the
   * buffer as it was. Used to recognise the HTTP/2 connection preface on a plaintext connection.
   */
  public boolean consumePrefix(byte[] prefix) throws IOException {
    for (int i = 0; i < prefix.length; i++) {
      while (pos + i >= end) {
        if (end == buf.length) {
          System.arraycopy(buf, pos, buf, 0, end - pos);
          end -= pos;
          pos = 0;
        }
        int n = watched ? readWatched(end, buf.length - end) : in.read(buf, end, buf.length - end);
        if (n <= 0) {
          return false;
        }
        end += n;
      }
      if (buf[pos + i] != prefix[i]) {
        return false;
      }
    }
    pos += prefix.length;
    return true;
  }

  /** What is left of the connection as a stream: buffered bytes first, then the socket. */
  public InputStream rest() {
    if (watched) {
      // HTTP/2 reads the socket itself and relies on SO_TIMEOUT for its idle timeout
      watched = false;
      DeadlineWatch.unwatch(this);
      try {
        socket.setSoTimeout(idleMillis);
      } catch (SocketException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new InputStream() {
      @Override
      public int read() throws IOException {
        return pos < end ? buf[pos++] & 0xff : in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (pos < end) {
          int n = Math.min(len, end - pos);
          System.arraycopy(buf, pos, b, off, n);
          pos += n;
          return n;
        }
        return in.read(b, off, len);
      }
    };
  }

  public int read() throws IOException {
    if (pos == end && !fill()) {
      throw new EOFException("connection closed mid-request");
    }
    return buf[pos++] & 0xff;
  }

  /** Reads exactly {@code len} bytes into {@code dst}. */
  public void readFully(byte[] dst, int off, int len) throws IOException {
    while (len > 0) {
      if (pos == end && !fill()) {
        throw new EOFException("connection closed mid-body");
      }
      int n = Math.min(len, end - pos);
      System.arraycopy(buf, pos, dst, off, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  /**
   * Reads at least one and at most {@code len} bytes (what is buffered, else one socket read): for
   * a body read on demand, which must not wait for more than the caller asked.
   *
   * @return the count, or -1 at the end of the stream
   */
  public int readSome(byte[] dst, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == end && !fill()) {
      return -1;
    }
    int n = Math.min(len, end - pos);
    System.arraycopy(buf, pos, dst, off, n);
    pos += n;
    return n;
  }

  /**
   * Reads one line ending in LF (a preceding CR is dropped; RFC 9112 §2.2 lets a recipient accept a
   * bare LF) as ISO-8859-1 text.
   *
   * @param budget most bytes the line may take, terminator included
   * @throws ProtocolException 431 when the budget runs out, 400 for a CR not followed by LF
   */
  public String readLine(int budget) throws IOException, ProtocolException {
    String line = bufferedLine(budget);
    return line != null ? line : readLineSlowly(budget);
  }

  /**
   * The common case, without a copy per byte: the whole line is already buffered, fits the budget
   * and has no CR but the one before its LF. Null otherwise; then {@link #readLineSlowly} reads it
   * byte by byte and decides (same result, same errors).
   */
  private String bufferedLine(int budget) {
    int limit = Math.min(end, pos + Math.max(0, budget));
    for (int i = pos; i < limit; i++) {
      byte b = buf[i];
      if (b == '\n') {
        int stop = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
        String line = new String(buf, pos, stop - pos, StandardCharsets.ISO_8859_1);
        pos = i + 1;
        return line;
      }
      if (b == '\r' && (i + 1 >= end || buf[i + 1] != '\n')) {
        return null; // a CR that may be bare: the slow path reports it exactly
      }
    }
    return null;
  }

  private String readLineSlowly(int budget) throws IOException, ProtocolException {
    StringBuilder sb = new StringBuilder(64);
    int used = 0;
    while (true) {
      int b = read();
      if (++used > budget) {
        throw new ProtocolException(431, "request head too large");
      }
      if (b == '\n') {
        return sb.toString();
      }
      if (b == '\r') {
        if (++used > budget) {
          throw new ProtocolException(431, "request head too large");
        }
        if (read() != '\n') {
          throw new ProtocolException(400, "bare CR in request head");
        }
        return sb.toString();
      }
      sb.append((char) b);
    }
  }
}

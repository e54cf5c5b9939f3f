package dev.patina.runtime.net;

import dev.patina.runtime.net.internal.NetCounters;
import dev.patina.runtime.net.internal.StreamIo;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP connection, as Tokio's {@code TcpStream}, with blocking methods meant for virtual threads.
 *
 * <p>One reader and one writer may use a stream at the same time (Tokio's split halves); further
 * readers or writers wait their turn. A read blocked in a task is cut short by an abort of the task
 * or a cancellation of its token ({@link OperationCancelledException}, the stream is then closed)
 * and by {@link #close()} from another thread ({@link
 * java.nio.channels.AsynchronousCloseException}).
 */
public final class TcpStream implements AutoCloseable {
  private final NetDriver driver;
  private final StreamIo io;
  private final Guarded guard;
  private final ReentrantLock reading = new ReentrantLock();
  private final ReentrantLock writing = new ReentrantLock();
  private volatile long readTimeoutNanos;

  TcpStream(NetDriver driver, StreamIo io) {
    this.driver = driver;
    this.io = io;
    this.guard = new Guarded(io);
    NetCounters.OPEN_SOCKETS.increment();
  }

  /** Connects with the {@link NetDriver#defaultDriver() default driver}. */
  public static TcpStream connect(InetSocketAddress remote) throws IOException {
    return connect(NetDriver.defaultDriver(), remote, null);
  }

  public static TcpStream connect(NetDriver driver, InetSocketAddress remote) throws IOException {
    return connect(driver, remote, null);
  }

  /**
   * Connects, giving up after {@code timeout} (null: the kernel's own limit) with {@link
   * java.net.SocketTimeoutException}. A refused connection is a {@link java.net.ConnectException}.
   */
  public static TcpStream connect(NetDriver driver, InetSocketAddress remote, Duration timeout)
      throws IOException {
    Objects.requireNonNull(remote, "remote");
    InetSocketAddress target =
        remote.isUnresolved()
            ? new InetSocketAddress(remote.getHostString(), remote.getPort())
            : remote;
    if (target.isUnresolved()) {
      throw new java.net.UnknownHostException(remote.getHostString());
    }
    long nanos = timeout == null ? 0 : Math.max(1, timeout.toNanos());
    return new TcpStream(driver, driver.transport().connect(target, nanos));
  }

  public NetDriver driver() {
    return driver;
  }

  /** Reads what is available, blocking until at least one byte arrives; -1 at end of stream. */
  public int read(byte[] b) throws IOException {
    return read(b, 0, b.length);
  }

  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    reading.lock();
    try {
      int n = guard.run("read", () -> io.read(b, off, len, readTimeoutNanos));
      if (n > 0) {
        NetCounters.BYTES_READ.add(n);
      }
      return n;
    } finally {
      reading.unlock();
    }
  }

  /** Fills {@code b} or throws {@link EOFException} if the stream ends first. */
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  public void readFully(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    int done = 0;
    while (done < len) {
      int n = read(b, off + done, len - done);
      if (n < 0) {
        throw new EOFException("stream ended after " + done + " of " + len + " bytes");
      }
      done += n;
    }
  }

  /** Writes some of the bytes (at least one, unless {@code len} is 0) and returns how many. */
  public int write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    writing.lock();
    try {
      int n = guard.run("write", () -> io.write(b, off, len));
      NetCounters.BYTES_WRITTEN.add(n);
      return n;
    } finally {
      writing.unlock();
    }
  }

  public void writeAll(byte[] b) throws IOException {
    writeAll(b, 0, b.length);
  }

  public void writeAll(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    int done = 0;
    while (done < len) {
      done += write(b, off + done, len - done);
    }
  }

  /** Half-closes: the peer reads end of stream; this side can still read. */
  public void shutdownOutput() throws IOException {
    guard.run(
        "shutdownOutput",
        () -> {
          io.shutdownOutput();
          return null;
        });
  }

  /**
   * Limits how long each read waits ({@code null} or zero: forever). A timed-out read throws {@link
   * java.net.SocketTimeoutException} and leaves the stream usable.
   */
  public void setReadTimeout(Duration timeout) {
    if (timeout != null && timeout.isNegative()) {
      throw new IllegalArgumentException("negative read timeout: " + timeout);
    }
    readTimeoutNanos = timeout == null || timeout.isZero() ? 0 : Math.max(1, timeout.toNanos());
  }

  /** The read timeout, or null for none. */
  public Duration readTimeout() {
    long n = readTimeoutNanos;
    return n == 0 ? null : Duration.ofNanos(n);
  }

  public InetSocketAddress localAddress() throws IOException {
    return guard.run("localAddress", io::localAddress);
  }

  public InetSocketAddress peerAddress() throws IOException {
    return guard.run("peerAddress", io::peerAddress);
  }

  /** TCP_NODELAY: send small segments at once instead of waiting to coalesce them (Nagle). */
  public void setNoDelay(boolean on) throws IOException {
    guard.run(
        "setNoDelay",
        () -> {
          io.setNoDelay(on);
          return null;
        });
  }

  public boolean noDelay() throws IOException {
    return guard.run("noDelay", io::noDelay);
  }

  public boolean isClosed() {
    return guard.isClosed();
  }

  /** Closes the stream; a read or write blocked on it fails. Idempotent. */
  @Override
  public void close() throws IOException {
    if (guard.close()) {
      NetCounters.OPEN_SOCKETS.decrement();
    }
  }
}

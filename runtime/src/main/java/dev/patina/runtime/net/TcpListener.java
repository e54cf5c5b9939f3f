package dev.patina.runtime.net;

import dev.patina.runtime.net.internal.ListenerIo;
import dev.patina.runtime.net.internal.NetCounters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A listening TCP socket, as Tokio's {@code TcpListener}: {@link #bind} then {@link #accept} in a
 * loop, usually spawning a task per connection.
 */
public final class TcpListener implements AutoCloseable {
  /** Tokio's backlog for {@code TcpListener::bind}. */
  public static final int DEFAULT_BACKLOG = 1024;

  private final NetDriver driver;
  private final ListenerIo io;
  private final Guarded guard;
  private volatile long acceptTimeoutNanos;

  private TcpListener(NetDriver driver, ListenerIo io) {
    this.driver = driver;
    this.io = io;
    this.guard = new Guarded(io);
    NetCounters.OPEN_SOCKETS.increment();
  }

  /** Binds with the {@link NetDriver#defaultDriver() default driver}; port 0 picks a free port. */
  public static TcpListener bind(InetSocketAddress local) throws IOException {
    return bind(NetDriver.defaultDriver(), local, DEFAULT_BACKLOG);
  }

  public static TcpListener bind(NetDriver driver, InetSocketAddress local) throws IOException {
    return bind(driver, local, DEFAULT_BACKLOG);
  }

  public static TcpListener bind(NetDriver driver, InetSocketAddress local, int backlog)
      throws IOException {
    Objects.requireNonNull(local, "local");
    if (backlog < 1) {
      throw new IllegalArgumentException("backlog must be positive, not " + backlog);
    }
    return new TcpListener(driver, driver.transport().listen(local, backlog));
  }

  /** Blocks until a connection arrives and returns it, on this listener's driver. */
  public TcpStream accept() throws IOException {
    return new TcpStream(driver, guard.run("accept", () -> io.accept(acceptTimeoutNanos)));
  }

  /** Limits how long {@link #accept} waits (null or zero: forever); then SocketTimeoutException. */
  public void setAcceptTimeout(Duration timeout) {
    if (timeout != null && timeout.isNegative()) {
      throw new IllegalArgumentException("negative accept timeout: " + timeout);
    }
    acceptTimeoutNanos = timeout == null || timeout.isZero() ? 0 : Math.max(1, timeout.toNanos());
  }

  public InetSocketAddress localAddress() throws IOException {
    return guard.run("localAddress", io::localAddress);
  }

  public NetDriver driver() {
    return driver;
  }

  /** Closes the listener; an accept blocked on it fails. Idempotent. */
  @Override
  public void close() throws IOException {
    if (guard.close()) {
      NetCounters.OPEN_SOCKETS.decrement();
    }
  }
}

package dev.patina.runtime.net;

import dev.patina.runtime.net.internal.DatagramIo;
import dev.patina.runtime.net.internal.NetCounters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A UDP socket, as Tokio's {@code UdpSocket}: {@link #sendTo}/{@link #recvFrom} with any peer, or
 * {@link #connect} then {@link #send}/{@link #recv} with one. A datagram longer than the buffer is
 * cut, and {@link Datagram#truncated()} says so.
 */
public final class UdpSocket implements AutoCloseable {
  private final NetDriver driver;
  private final DatagramIo io;
  private final Guarded guard;
  private volatile long recvTimeoutNanos;

  private UdpSocket(NetDriver driver, DatagramIo io) {
    this.driver = driver;
    this.io = io;
    this.guard = new Guarded(io);
    NetCounters.OPEN_SOCKETS.increment();
  }

  public static UdpSocket bind(InetSocketAddress local) throws IOException {
    return bind(NetDriver.defaultDriver(), local);
  }

  public static UdpSocket bind(NetDriver driver, InetSocketAddress local) throws IOException {
    Objects.requireNonNull(local, "local");
    return new UdpSocket(driver, driver.transport().udp(local));
  }

  public void sendTo(byte[] b, InetSocketAddress target) throws IOException {
    sendTo(b, 0, b.length, target);
  }

  /** Sends one datagram of {@code len} bytes to {@code target}. */
  public void sendTo(byte[] b, int off, int len, InetSocketAddress target) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    Objects.requireNonNull(target, "target");
    guard.run(
        "sendTo",
        () -> {
          io.sendTo(b, off, len, target);
          return null;
        });
    NetCounters.DATAGRAMS_SENT.increment();
  }

  /** Blocks until a datagram arrives; copies what fits into {@code b}. */
  public Datagram recvFrom(byte[] b) throws IOException {
    return recvFrom(b, 0, b.length);
  }

  public Datagram recvFrom(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    Datagram d = guard.run("recvFrom", () -> io.receive(b, off, len, recvTimeoutNanos));
    NetCounters.DATAGRAMS_RECEIVED.increment();
    return d;
  }

  /** Sets the default peer: {@link #send} goes there and only its datagrams are received. */
  public void connect(InetSocketAddress peer) throws IOException {
    Objects.requireNonNull(peer, "peer");
    guard.run(
        "connect",
        () -> {
          io.connect(peer);
          return null;
        });
  }

  /** Sends one datagram to the connected peer. */
  public void send(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    guard.run(
        "send",
        () -> {
          io.send(b, off, len);
          return null;
        });
    NetCounters.DATAGRAMS_SENT.increment();
  }

  public void send(byte[] b) throws IOException {
    send(b, 0, b.length);
  }

  /** Receives one datagram from the connected peer; returns how many bytes were kept. */
  public Datagram recv(byte[] b) throws IOException {
    if (peerAddress() == null) {
      throw new java.net.SocketException("recv on a UdpSocket that is not connected");
    }
    return recvFrom(b, 0, b.length);
  }

  /** Limits how long each receive waits (null or zero: forever); then SocketTimeoutException. */
  public void setRecvTimeout(Duration timeout) {
    if (timeout != null && timeout.isNegative()) {
      throw new IllegalArgumentException("negative receive timeout: " + timeout);
    }
    recvTimeoutNanos = timeout == null || timeout.isZero() ? 0 : Math.max(1, timeout.toNanos());
  }

  public InetSocketAddress localAddress() throws IOException {
    return guard.run("localAddress", io::localAddress);
  }

  /** The connected peer, or null. */
  public InetSocketAddress peerAddress() throws IOException {
    return guard.run("peerAddress", io::peerAddress);
  }

  public NetDriver driver() {
    return driver;
  }

  @Override
  public void close() throws IOException {
    if (guard.close()) {
      NetCounters.OPEN_SOCKETS.decrement();
    }
  }
}

package dev.patina.runtime.internal.uring;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.patina.runtime.net.Datagram;
import dev.patina.runtime.net.internal.DatagramIo;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A UDP socket on the ring: RECVMSG and SENDMSG with a {@code msghdr} of the socket's own per
 * direction (x86-64 layout: name, namelen, iov, iovlen, control, controllen, flags; 56 bytes), one
 * iovec over a 64 KiB native buffer, and room for the peer's address. Receives pass MSG_TRUNC, so
 * the kernel returns a datagram's full length even when it was cut, which is how truncation is
 * reported. One receiver and one sender at a time per socket, as the buffers are shared.
 */
final class UringDatagram extends UringFd implements DatagramIo {
  private static final int MAX_DATAGRAM = 65_536;
  private final Direction in = new Direction();
  private final Direction out = new Direction();
  private volatile InetSocketAddress peer;

  /**
   * One direction's native memory: msghdr (0), iovec (64), address (80), payload (128); malloc'd
   * (16-byte aligned) and freed when the socket is closed and no send or receive uses it.
   */
  private static final class Direction {
    final ReentrantLock lock = new ReentrantLock();
    final MemorySegment mem = NativeBuffers.allocate(128 + MAX_DATAGRAM);
    final MemorySegment msghdr = mem.asSlice(0, 56);
    final MemorySegment iovec = mem.asSlice(64, 16);
    final MemorySegment name = mem.asSlice(80, SockAddr.CAPACITY);
    final MemorySegment payload = mem.asSlice(128, MAX_DATAGRAM);

    /** Points the msghdr at the payload ({@code len} bytes) and the address ({@code nameLen}). */
    void prepare(int len, int nameLen) {
      msghdr.fill((byte) 0);
      msghdr.set(ADDRESS, 0, nameLen == 0 ? MemorySegment.NULL : name);
      msghdr.set(JAVA_INT, 8, nameLen);
      msghdr.set(ADDRESS, 16, iovec);
      msghdr.set(JAVA_LONG, 24, 1L);
      iovec.set(ADDRESS, 0, payload);
      iovec.set(JAVA_LONG, 8, len);
    }
  }

  UringDatagram(UringDriver driver, int fd) {
    super(driver, fd);
  }

  @Override
  public void sendTo(byte[] b, int off, int len, InetSocketAddress target) throws IOException {
    send(b, off, len, target);
  }

  @Override
  public void send(byte[] b, int off, int len) throws IOException {
    if (peer == null) {
      throw new java.net.SocketException("send on a UdpSocket that is not connected");
    }
    send(b, off, len, null);
  }

  private void send(byte[] b, int off, int len, InetSocketAddress target) throws IOException {
    if (len > MAX_DATAGRAM) {
      throw new java.net.SocketException("datagram of " + len + " bytes is over UDP's limit");
    }
    use(() -> sendNow(b, off, len, target));
  }

  private int sendNow(byte[] b, int off, int len, InetSocketAddress target) throws IOException {
    out.lock.lock();
    try {
      int nameLen = target == null ? 0 : SockAddr.encode(target, out.name);
      MemorySegment.copy(b, off, out.payload, JAVA_BYTE, 0, len);
      out.prepare(len, nameLen);
      Op op = new Op(Op.SENDMSG, fd, out.msghdr.address(), 1, 0, 0, out.mem, true);
      return run("send", op, 0);
    } finally {
      out.lock.unlock();
    }
  }

  @Override
  public Datagram receive(byte[] b, int off, int len, long timeoutNanos) throws IOException {
    Datagram[] got = new Datagram[1];
    use(
        () -> {
          got[0] = receiveNow(b, off, len, timeoutNanos);
          return got[0].length();
        });
    return got[0];
  }

  private Datagram receiveNow(byte[] b, int off, int len, long timeoutNanos) throws IOException {
    in.lock.lock();
    try {
      in.prepare(MAX_DATAGRAM, SockAddr.CAPACITY);
      Op op = new Op(Op.RECVMSG, fd, in.msghdr.address(), 1, Libc.MSG_TRUNC, 0, in.mem, true);
      int full = run("receive", op, timeoutNanos);
      int kept = Math.min(full, len);
      MemorySegment.copy(in.payload, JAVA_BYTE, 0, b, off, kept);
      return new Datagram(kept, SockAddr.decode(in.name), full > len);
    } finally {
      in.lock.unlock();
    }
  }

  @Override
  void releaseMemory() {
    NativeBuffers.free(in.mem);
    NativeBuffers.free(out.mem);
  }

  @Override
  public void connect(InetSocketAddress target) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment sa = a.allocate(SockAddr.CAPACITY);
      int n = SockAddr.encode(target, sa);
      direct("connect", () -> Libc.connect(fd, sa, n));
    }
    peer = target;
  }

  @Override
  public InetSocketAddress localAddress() throws IOException {
    return address(false);
  }

  @Override
  public InetSocketAddress peerAddress() {
    return peer;
  }
}

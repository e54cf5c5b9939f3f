package dev.patina.runtime.internal.uring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.patina.runtime.net.internal.ReadSpin;
import dev.patina.runtime.net.internal.StreamIo;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;

/**
 * A connected TCP socket on the ring. Reads and writes go through a native buffer of the stream's
 * own per direction (the kernel must not see a heap array, which the GC may move): RECV into it and
 * copy out, copy in and SEND. The buffers are malloc'd on first use and freed once the stream is
 * closed and no read or write is in progress ({@link UringFd#use}), never while the kernel may
 * still write into them.
 */
final class UringStream extends UringFd implements StreamIo {
  static final int BUFFER = 64 * 1024;

  /** {@code -Dpatina.uring.directSend=false} sends every write through the ring (to measure). */
  private static final boolean DIRECT_SEND =
      Boolean.parseBoolean(System.getProperty("patina.uring.directSend", "true"));

  private final ReadSpin spin = ReadSpin.fromProperty(ReadSpin.URING_DEFAULT); // the reader's
  private MemorySegment readBuf; // touched by the one reader at a time
  private MemorySegment writeBuf; // touched by the one writer at a time

  UringStream(UringDriver driver, int fd) {
    super(driver, fd);
  }

  @Override
  public int read(byte[] b, int off, int len, long timeoutNanos) throws IOException {
    return use(() -> readNow(b, off, len, timeoutNanos));
  }

  private int readNow(byte[] b, int off, int len, long timeoutNanos) throws IOException {
    if (readBuf == null) {
      readBuf = NativeBuffers.allocate(BUFFER);
    }
    int n = Math.min(len, BUFFER);
    // Non-blocking recv on this thread, with yields between tries (ReadSpin), before the ring.
    MemorySegment buf = readBuf;
    int got = spin.tryBeforePark(() -> recvNow(buf, n));
    if (got >= 0) {
      if (got == 0) {
        return -1;
      }
      MemorySegment.copy(readBuf, JAVA_BYTE, 0, b, off, got);
      return got;
    }
    Op op = new Op(Op.RECV, fd, readBuf.address(), n, 0, 0, readBuf, true);
    int r = run("read", op, timeoutNanos);
    if (r == 0) {
      return -1;
    }
    MemorySegment.copy(readBuf, JAVA_BYTE, 0, b, off, r);
    return r;
  }

  /** A non-blocking recv for {@link ReadSpin}: a count, 0 at end, -1 for none yet; else throws. */
  private int recvNow(MemorySegment buf, int n) throws IOException {
    int r = attempt(() -> Libc.recvNow(fd, buf, n));
    if (r >= 0) {
      return r;
    }
    if (r == -Errors.EAGAIN) {
      return -1;
    }
    throw Errors.of("read", -r);
  }

  @Override
  public int write(byte[] b, int off, int len) throws IOException {
    return use(() -> writeNow(b, off, len));
  }

  private int writeNow(byte[] b, int off, int len) throws IOException {
    if (writeBuf == null) {
      writeBuf = NativeBuffers.allocate(BUFFER);
    }
    int n = Math.min(len, BUFFER);
    MemorySegment.copy(b, off, writeBuf, JAVA_BYTE, 0, n);
    // Most sends fit in the socket buffer at once: try a non-blocking send on this thread first,
    // and use the ring (and park) only when it would block or fails (the ring reports the errno).
    if (DIRECT_SEND) {
      MemorySegment buf = writeBuf;
      int sent = attempt(() -> Libc.sendNow(fd, buf, n));
      if (sent > 0) {
        return sent;
      }
    }
    // MSG_NOSIGNAL: a write to a reset connection fails with EPIPE instead of raising SIGPIPE.
    Op op = new Op(Op.SEND, fd, writeBuf.address(), n, Libc.MSG_NOSIGNAL, 0, writeBuf, true);
    return run("write", op, 0);
  }

  @Override
  void releaseMemory() {
    if (readBuf != null) {
      NativeBuffers.free(readBuf);
      readBuf = null;
    }
    if (writeBuf != null) {
      NativeBuffers.free(writeBuf);
      writeBuf = null;
    }
  }

  @Override
  public void shutdownOutput() throws IOException {
    direct("shutdown", () -> Libc.shutdown(fd, Libc.SHUT_WR));
  }

  @Override
  public InetSocketAddress localAddress() throws IOException {
    return address(false);
  }

  @Override
  public InetSocketAddress peerAddress() throws IOException {
    return address(true);
  }

  @Override
  public void setNoDelay(boolean on) throws IOException {
    direct(
        "setsockopt", () -> Libc.setIntOption(fd, Libc.IPPROTO_TCP, Libc.TCP_NODELAY, on ? 1 : 0));
  }

  @Override
  public boolean noDelay() throws IOException {
    return direct("getsockopt", () -> Libc.intOption(fd, Libc.IPPROTO_TCP, Libc.TCP_NODELAY)) != 0;
  }
}

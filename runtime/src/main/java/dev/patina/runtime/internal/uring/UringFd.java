package dev.patina.runtime.internal.uring;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * A socket descriptor driven through a ring: submits an op for it and parks until the completion.
 *
 * <p>The descriptor is closed by an IORING_OP_CLOSE queued behind cancels of its pending ops, all
 * under one lock with every submission and direct call on it. So no op can reach the kernel after
 * the close, when the number may already belong to another socket.
 */
abstract class UringFd implements Closeable {
  final UringDriver driver;
  final int fd;
  private final Set<Op> pending = new HashSet<>(4); // guarded by this
  private boolean closed; // guarded by this
  private int users; // read/write calls in progress, guarded by this (see use)
  private boolean released; // guarded by this

  UringFd(UringDriver driver, int fd) {
    this.driver = driver;
    this.fd = fd;
  }

  /**
   * Submits {@code op} (which must target {@link #fd}) and waits for its completion.
   *
   * @param timeoutNanos 0 for none; then the op is cancelled and SocketTimeoutException thrown
   * @return the op's non-negative result
   */
  final int run(String what, Op op, long timeoutNanos) throws IOException {
    synchronized (this) {
      if (closed) {
        throw new ClosedChannelException();
      }
      pending.add(op);
      driver.submit(op);
    }
    try {
      await(op, timeoutNanos);
    } finally {
      synchronized (this) {
        pending.remove(op);
      }
    }
    int r = op.result();
    if (r >= 0) {
      return r;
    }
    if (r == -Errors.ECANCELED || r == -Errors.EINTR) {
      switch (op.cancelReason) {
        case TIMEOUT -> throw new SocketTimeoutException(what + " timed out");
        case INTERRUPT -> throw new ClosedByInterruptException();
        case CLOSE -> throw new AsynchronousCloseException();
        case NONE -> {}
      }
    }
    throw Errors.of(what, -r);
  }

  /**
   * Parks until the op completes. A deadline or an interrupt asks the kernel to cancel it, and the
   * wait goes on: the kernel may still write into the op's buffer until the completion arrives.
   */
  private void await(Op op, long timeoutNanos) {
    long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
    boolean interrupted = false;
    while (!op.isDone()) {
      if (deadline != 0 && op.cancelReason == Op.Reason.NONE) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          requestCancel(op, Op.Reason.TIMEOUT);
          continue;
        }
        LockSupport.parkNanos(this, left);
      } else {
        LockSupport.park(this);
      }
      if (Thread.interrupted()) {
        interrupted = true;
        requestCancel(op, Op.Reason.INTERRUPT);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void requestCancel(Op op, Op.Reason reason) {
    if (op.cancelReason == Op.Reason.NONE && !op.isDone()) {
      op.cancelReason = reason;
      driver.cancel(op);
    }
  }

  /**
   * A direct libc call on the descriptor, refused once it is closed; returns its result or throws.
   */
  final int direct(String what, IntSupplier call) throws IOException {
    int r;
    synchronized (this) {
      if (closed) {
        throw new ClosedChannelException();
      }
      r = call.getAsInt();
    }
    if (r < 0) {
      throw Errors.of(what, -r);
    }
    return r;
  }

  /** A direct call that may fail without an exception (the caller falls back to the ring). */
  final synchronized int attempt(IntSupplier call) throws ClosedChannelException {
    if (closed) {
      throw new ClosedChannelException();
    }
    return call.getAsInt();
  }

  final InetSocketAddress address(boolean peer) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment sa = a.allocate(SockAddr.CAPACITY);
      direct(peer ? "getpeername" : "getsockname", () -> Libc.name(peer, fd, sa));
      return SockAddr.decode(sa);
    }
  }

  /**
   * Runs a call that uses this socket's native memory: the memory is released by whichever comes
   * last, {@link #close()} or the end of the last such call. Every op a call submits has completed
   * when the call returns ({@link #run} waits for the completion even after a cancel), so no op can
   * point at released memory.
   */
  final int use(IoCall call) throws IOException {
    synchronized (this) {
      if (closed) {
        throw new ClosedChannelException();
      }
      users++;
    }
    try {
      return call.run();
    } finally {
      boolean release;
      synchronized (this) {
        users--;
        release = closed && users == 0 && !released;
        released |= release;
      }
      if (release) {
        releaseMemory();
      }
    }
  }

  /** A call for {@link #use}: a read or write returning its count. */
  interface IoCall {
    int run() throws IOException;
  }

  /** Frees the socket's native memory; called once, when closed and no call uses it. */
  void releaseMemory() {}

  @Override
  public final void close() {
    boolean release;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      release = users == 0;
      released = release;
      for (Op op : pending) {
        if (op.cancelReason == Op.Reason.NONE && !op.isDone()) {
          op.cancelReason = Op.Reason.CLOSE;
          driver.cancel(op);
        }
      }
      driver.submit(new Op(Op.CLOSE, fd, 0, 0, 0, 0, null, false));
    }
    if (release) {
      releaseMemory();
    }
  }
}

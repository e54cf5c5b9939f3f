package dev.patina.runtime.internal.uring;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One submission and its completion. The submitting virtual thread parks until the driver thread
 * stores the result and unparks it. The op holds the native memory its SQE points at ({@link
 * #keep}) until the completion has arrived, so the kernel never writes into freed memory.
 */
class Op {
  static final byte NOP = 0;
  static final byte SENDMSG = 9;
  static final byte RECVMSG = 10;
  static final byte ACCEPT = 13;
  static final byte ASYNC_CANCEL = 14;
  static final byte CONNECT = 16;
  static final byte CLOSE = 19;
  static final byte READ = 22;
  static final byte SEND = 26;
  static final byte RECV = 27;
  static final byte SHUTDOWN = 34;

  private static final AtomicLong IDS = new AtomicLong(1);

  /** Why a waiter asked for its op to be cancelled. */
  enum Reason {
    NONE,
    TIMEOUT,
    INTERRUPT,
    CLOSE
  }

  final long id = IDS.getAndIncrement();
  final byte opcode;
  final int fd;
  final long addr;
  final int len;
  final int opFlags;
  final long addr2;
  final MemorySegment keep;
  private final Thread waiter;

  volatile Reason cancelReason = Reason.NONE;
  private volatile boolean done;
  private int res;

  Op(
      byte opcode,
      int fd,
      long addr,
      int len,
      int opFlags,
      long addr2,
      MemorySegment keep,
      boolean await) {
    this.opcode = opcode;
    this.fd = fd;
    this.addr = addr;
    this.len = len;
    this.opFlags = opFlags;
    this.addr2 = addr2;
    this.keep = keep;
    this.waiter = await ? Thread.currentThread() : null;
  }

  /** The SQE's user_data, by which the completion finds this op. */
  long userData() {
    return id;
  }

  /** Whether a thread waits for the completion (fire-and-forget cancels and closes do not). */
  boolean waits() {
    return waiter != null;
  }

  /** Called by the driver thread with the CQE's result. */
  final void complete(int result) {
    res = result;
    done = true;
    if (waiter != null) {
      LockSupport.unpark(waiter);
    }
  }

  boolean isDone() {
    return done;
  }

  /** The kernel's result: a count or fd, or -errno. Valid once {@link #isDone()}. */
  int result() {
    return res;
  }
}

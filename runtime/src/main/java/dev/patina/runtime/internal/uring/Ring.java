package dev.patina.runtime.internal.uring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * One io_uring instance: {@code io_uring_setup}, the mmap'd submission and completion rings, SQE
 * preparation and {@code io_uring_enter}. Not thread-safe: only the driver thread touches it (the
 * ring is set up with SINGLE_ISSUER where the kernel allows, which makes that a kernel rule too).
 *
 * <p>Layouts are those of {@code <linux/io_uring.h>}: {@code io_uring_params} (120 bytes), 64-byte
 * SQEs, 16-byte CQEs.
 */
final class Ring implements AutoCloseable {
  static final int SETUP_SUBMIT_ALL = 1 << 7;
  static final int SETUP_COOP_TASKRUN = 1 << 8;
  static final int SETUP_SINGLE_ISSUER = 1 << 12;
  static final int SETUP_DEFER_TASKRUN = 1 << 13;
  static final int FEAT_SINGLE_MMAP = 1;
  static final int FEAT_NODROP = 1 << 1;
  static final int ENTER_GETEVENTS = 1;
  static final long OFF_SQ_RING = 0L;
  static final long OFF_CQ_RING = 0x8000000L;
  static final long OFF_SQES = 0x10000000L;
  private static final int PROT_RW = 0x1 | 0x2;
  private static final int MAP_SHARED_POPULATE = 0x01 | 0x8000;

  private static final VarHandle INT = JAVA_INT.varHandle();

  final int fd;
  final int features;
  private final int sqEntries;
  private final MemorySegment sq;
  private final MemorySegment cq;
  private final MemorySegment sqes;
  private final long sqHead;
  private final long sqTail;
  private final int sqMask;
  private final long sqArray;
  private final long cqHead;
  private final long cqTail;
  private final int cqMask;
  private final long cqes;
  private int tail; // our copy of the SQ tail: entries written, published at the next enter

  /**
   * @throws UringException with the errno if the kernel refuses
   */
  static Ring open(int entries, int flags) throws UringException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment p = a.allocate(120, 8);
      p.set(JAVA_INT, 8, flags);
      long fd = Libc.syscall(Libc.SYS_IO_URING_SETUP, entries, p.address(), 0, 0, 0, 0);
      if (fd < 0) {
        throw new UringException("io_uring_setup", (int) -fd);
      }
      try {
        return new Ring((int) fd, p);
      } catch (UringException e) {
        Libc.close((int) fd);
        throw e;
      }
    }
  }

  private Ring(int fd, MemorySegment p) throws UringException {
    this.fd = fd;
    sqEntries = p.get(JAVA_INT, 0);
    int cqEntries = p.get(JAVA_INT, 4);
    features = p.get(JAVA_INT, 20);
    int sqOffArray = p.get(JAVA_INT, 40 + 24);
    int cqOffCqes = p.get(JAVA_INT, 80 + 20);
    long sqSize = sqOffArray + 4L * sqEntries;
    long cqSize = cqOffCqes + 16L * cqEntries;
    if ((features & FEAT_SINGLE_MMAP) != 0) {
      long size = Math.max(sqSize, cqSize);
      sq = map(size, OFF_SQ_RING);
      cq = sq;
    } else {
      sq = map(sqSize, OFF_SQ_RING);
      cq = map(cqSize, OFF_CQ_RING);
    }
    sqes = map(64L * sqEntries, OFF_SQES);
    sqHead = p.get(JAVA_INT, 40);
    sqTail = p.get(JAVA_INT, 44);
    sqMask = sq.get(JAVA_INT, p.get(JAVA_INT, 48));
    sqArray = sqOffArray;
    cqHead = p.get(JAVA_INT, 80);
    cqTail = p.get(JAVA_INT, 84);
    cqMask = cq.get(JAVA_INT, p.get(JAVA_INT, 88));
    cqes = cqOffCqes;
    tail = sq.get(JAVA_INT, sqTail);
    // The mappings live as long as the process: rings are few and never closed while in use.
  }

  private MemorySegment map(long size, long offset) throws UringException {
    long addr = Libc.mmap(size, PROT_RW, MAP_SHARED_POPULATE, fd, offset);
    if (addr < 0) {
      throw new UringException("mmap of the io_uring rings", (int) -addr);
    }
    return MemorySegment.ofAddress(addr).reinterpret(size);
  }

  /** Free SQ slots: entries minus those written and not yet consumed by the kernel. */
  int space() {
    int head = (int) INT.getAcquire(sq, sqHead);
    return sqEntries - (tail - head);
  }

  /** Writes the op's SQE in the next slot; the caller checked {@link #space()}. */
  void prepare(Op op) {
    int index = tail & sqMask;
    long base = 64L * index;
    MemorySegment e = sqes.asSlice(base, 64);
    e.fill((byte) 0);
    e.set(JAVA_BYTE, 0, op.opcode);
    e.set(JAVA_INT, 4, op.fd);
    e.set(JAVA_LONG, 8, op.addr2);
    e.set(JAVA_LONG, 16, op.addr);
    e.set(JAVA_INT, 24, op.len);
    e.set(JAVA_INT, 28, op.opFlags);
    e.set(JAVA_LONG, 32, op.userData());
    e.set(JAVA_SHORT, 40, (short) 0);
    sq.set(JAVA_INT, sqArray + 4L * index, index);
    tail++;
  }

  /**
   * Publishes the prepared SQEs and enters the kernel.
   *
   * @param waitFor completions to wait for (0: submit and collect what is ready)
   * @return the number submitted, or -errno (EINTR, EBUSY and EAGAIN are for the caller to retry)
   */
  int submitAndWait(int waitFor) {
    INT.setRelease(sq, sqTail, tail);
    // Without SQPOLL the kernel consumes SQEs only inside io_uring_enter, so everything between its
    // head and our tail is still to submit (including SQEs a failed enter left behind).
    int toSubmit = tail - (int) INT.getAcquire(sq, sqHead);
    // GETEVENTS even when not waiting: with DEFER_TASKRUN the kernel runs the deferred completion
    // work only then, and a driver that always has more to submit would otherwise starve it.
    return (int)
        Libc.syscall(Libc.SYS_IO_URING_ENTER, fd, toSubmit, waitFor, ENTER_GETEVENTS, 0, 0);
  }

  /** Hands each available completion to {@code sink} and frees its slot; returns how many. */
  int reap(CompletionSink sink) {
    int head = cq.get(JAVA_INT, cqHead);
    int t = (int) INT.getAcquire(cq, cqTail);
    int n = 0;
    while (head != t) {
      long base = cqes + 16L * (head & cqMask);
      long userData = cq.get(JAVA_LONG, base);
      int res = cq.get(JAVA_INT, base + 8);
      sink.completed(userData, res);
      head++;
      n++;
    }
    if (n > 0) {
      INT.setRelease(cq, cqHead, head);
    }
    return n;
  }

  /** Receives completions from {@link #reap}. */
  interface CompletionSink {
    void completed(long userData, int res);
  }

  @Override
  public void close() {
    Libc.close(fd);
  }
}

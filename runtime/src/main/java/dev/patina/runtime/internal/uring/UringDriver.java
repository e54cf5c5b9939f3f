package dev.patina.runtime.internal.uring;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A ring and the platform thread that owns it, as Netty's io_uring event loop: only this thread
 * writes SQEs, enters the kernel and reaps CQEs. Virtual threads hand it {@link Op}s through a
 * lock-free queue and park; the driver wakes them as completions arrive.
 *
 * <p>While the driver waits in {@code io_uring_enter}, a read of an eventfd is pending in the ring;
 * a submitter that finds the driver asleep writes to the eventfd, which completes that read and
 * returns the driver to drain the queue. The flag makes one write per sleep enough.
 *
 * <p>Only this thread submits because io_uring ties requests to the submitting task: requests of a
 * thread that exits are cancelled, and virtual threads' carriers come and go.
 */
final class UringDriver {
  private static final long WAKE_ID = 0; // Op ids start at 1
  private static final int ENTRIES = 4096;

  private final ConcurrentLinkedQueue<Op> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sleeping = new AtomicBoolean();
  private final Map<Long, Op> inFlight = new HashMap<>(); // driver thread only
  private final int eventFd;
  private final MemorySegment wakeBuf = Arena.global().allocate(JAVA_LONG);
  private Ring ring;
  private boolean wakeArmed;
  private volatile boolean stopped;
  private static final int EIO = 5;

  private UringDriver(int eventFd) {
    this.eventFd = eventFd;
  }

  /** Starts a driver thread with its own ring; throws with the kernel's reason if it cannot. */
  static UringDriver start(String name) throws UringException {
    int efd = Libc.eventfd();
    if (efd < 0) {
      throw new UringException("eventfd", -efd);
    }
    UringDriver d = new UringDriver(efd);
    CountDownLatch ready = new CountDownLatch(1);
    UringException[] failure = new UringException[1];
    Thread t =
        Thread.ofPlatform()
            .name(name)
            .daemon()
            .start(
                () -> {
                  // The ring is made on its own thread: with SINGLE_ISSUER the creator is the only
                  // task allowed to submit.
                  try {
                    d.ring = openRing();
                  } catch (UringException e) {
                    failure[0] = e;
                  } finally {
                    ready.countDown();
                  }
                  if (d.ring != null) {
                    d.loop();
                  }
                });
    boolean interrupted = false;
    while (true) {
      try {
        ready.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the ring is being made: wait for it, then pass the interrupt on
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure[0] != null) {
      Libc.close(efd);
      throw failure[0];
    }
    return d;
  }

  private static Ring openRing() throws UringException {
    int fast =
        Ring.SETUP_SUBMIT_ALL
            | Ring.SETUP_COOP_TASKRUN
            | Ring.SETUP_SINGLE_ISSUER
            | Ring.SETUP_DEFER_TASKRUN;
    try {
      return Ring.open(ENTRIES, fast);
    } catch (UringException e) {
      if (e.errno != 22) { // EINVAL: an older kernel without these flags
        throw e;
      }
      return Ring.open(ENTRIES, 0);
    }
  }

  /** Queues {@code op} for submission; its waiter parks until {@link Op#isDone()}. */
  void submit(Op op) {
    queue.add(op);
    if (stopped) {
      failQueued(); // the driver is gone: fail now rather than park forever
    } else if (sleeping.get() && sleeping.compareAndSet(true, false)) {
      Libc.wake(eventFd);
    }
  }

  /** Asks the kernel to cancel {@code target} if it is still pending; does not wait. */
  void cancel(Op target) {
    submit(new Op(Op.ASYNC_CANCEL, -1, target.id, 0, 0, 0, null, false));
  }

  private void loop() {
    try {
      run();
    } catch (Throwable t) {
      // A bug here must not leave every socket's waiter parked forever: fail them all with EIO,
      // and every later op at once.
      System.err.println("patina io_uring driver stopped: " + t);
      stopped = true;
      failAll(-EIO);
      failQueued();
      throw t;
    }
  }

  private void failQueued() {
    for (Op op; (op = queue.poll()) != null; ) {
      op.complete(-EIO);
    }
  }

  private void run() {
    while (true) {
      if (!wakeArmed && ring.space() > 0) {
        ring.prepare(new WakeRead(eventFd, wakeBuf));
        wakeArmed = true;
      }
      drain();
      int waitFor;
      sleeping.set(true);
      if (queue.isEmpty()) {
        waitFor = 1;
      } else {
        sleeping.set(false);
        waitFor = 0;
      }
      int r = ring.submitAndWait(waitFor);
      sleeping.set(false);
      if (r < 0 && r != -4 && r != -16 && r != -11) { // EINTR, EBUSY, EAGAIN: reap and retry
        failAll(r);
      }
      ring.reap(this::completed);
    }
  }

  private void drain() {
    Op op;
    while (ring.space() > 0 && (op = queue.poll()) != null) {
      if (op.waits()) {
        inFlight.put(op.id, op);
      }
      ring.prepare(op);
    }
  }

  private void completed(long userData, int res) {
    if (userData == WAKE_ID) {
      wakeArmed = false;
      return;
    }
    Op op = inFlight.remove(userData);
    if (op != null) {
      op.complete(res);
    }
  }

  /** A fatal enter error (a bug or a dying kernel): fail every waiter rather than hang it. */
  private void failAll(int errno) {
    System.err.println("patina io_uring driver: failing pending ops with errno " + -errno);
    for (Op op : inFlight.values()) {
      op.complete(errno);
    }
    inFlight.clear();
  }

  /** The eventfd read that ends the driver's sleep; its user_data is {@link #WAKE_ID}. */
  private static final class WakeRead extends Op {
    WakeRead(int eventFd, MemorySegment buf) {
      super(Op.READ, eventFd, buf.address(), 8, 0, 0, buf, false);
    }

    @Override
    long userData() {
      return WAKE_ID;
    }
  }
}

package dev.patina.runtime.net.internal;

import java.io.IOException;

/**
 * "Try again before parking", one per stream (used by its one reader at a time): before a read
 * parks its virtual thread on the driver, it tries a non-blocking read, and if nothing is there
 * yields the carrier ({@link Thread#yield()}) and tries again, a bounded number of times.
 *
 * <p>Why: a read that parks is woken from another thread (the JDK's poller for NIO, the ring thread
 * for io_uring), two thread switches per message. In a request/response exchange the answer often
 * arrives while the carrier runs the other virtual threads that are ready, which is what {@code
 * yield} lets it do (the virtual thread goes to the back of the scheduler's queue, like one sweep
 * of an event loop). If the data came meanwhile, the read completes on this carrier without any
 * hand-off.
 *
 * <p>Bounds: at most {@code yields} per read call (one non-blocking attempt after each), then the
 * read parks as before; nothing polls while it is parked, so an idle connection costs nothing after
 * its last read call began. Adaptive: trying costs a system call and a trip through the scheduler
 * when it fails, so a stream whose tries fail backs off: after a failed phase it skips the next 1,
 * 2, 4 ... up to {@link #MAX_SKIP} reads (straight to the driver), and one success resets that.
 * {@code -Dpatina.net.readYields=N} sets the bound: 0 makes one non-blocking attempt and no yield,
 * -1 goes straight to the driver.
 *
 * <p>Defaults per driver, from the echo benchmark: on (2 yields) for io_uring, whose fallback is a
 * hand-off through the ring thread and whose try is the receive itself; off for NIO, whose try is
 * only a FIONREAD (a success still needs the read) and whose fallback, the JDK's poller, is
 * cheaper. The trade is thread switches against system calls (each failed try is one) and scheduler
 * trips; docs/runtime.md has the numbers.
 */
public final class ReadSpin {
  /** The property that sets the bound; read when a stream is made. */
  public static final String PROPERTY = "patina.net.readYields";

  /**
   * The io_uring driver's bound when the property is not set: on, as it lowered the server's CPU
   * time per message in the echo runs (docs/runtime.md has the measurements).
   */
  public static final int URING_DEFAULT = 2;

  /** NIO's bound when the property is not set: off, as it did not pay there. */
  public static final int NIO_DEFAULT = -1;

  /** The longest run of reads that skip trying after failed tries. */
  static final int MAX_SKIP = 64;

  private final int yields;
  private int skip; // reads left to skip
  private int backoff; // the skip after the next failure: 0, then 1, 2, 4 ... MAX_SKIP

  /** A non-blocking read attempt: a count, 0 at end of stream, or negative for "nothing yet". */
  @FunctionalInterface
  public interface Attempt {
    int tryRead() throws IOException;
  }

  /** With the bound from {@code -Dpatina.net.readYields}, else {@code driverDefault}. */
  public static ReadSpin fromProperty(int driverDefault) {
    return new ReadSpin(Integer.getInteger(PROPERTY, driverDefault));
  }

  /**
   * @param yields at most this many yields per read; 0 one non-blocking attempt, negative none
   */
  public ReadSpin(int yields) {
    this.yields = yields;
  }

  /**
   * Runs {@code attempt} once and, while it finds nothing, up to {@code yields} more times with a
   * yield before each; returns its last result (negative: the caller parks on its driver, as it
   * does without trying while this stream backs off).
   */
  public int tryBeforePark(Attempt attempt) throws IOException {
    if (yields < 0) {
      return -1;
    }
    if (skip > 0) {
      skip--;
      return -1;
    }
    int r = attempt.tryRead();
    for (int i = 0; r < 0 && i < yields; i++) {
      Thread.yield();
      r = attempt.tryRead();
    }
    if (r >= 0) {
      backoff = 0;
    } else {
      skip = backoff;
      backoff = Math.min(MAX_SKIP, Math.max(1, backoff * 2));
    }
    return r;
  }
}

package dev.patina.runtime;

import dev.patina.runtime.internal.TimerDriver;
import dev.patina.runtime.internal.TimerWheel;
import dev.patina.runtime.internal.Waiter;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Timers, as {@code tokio::time}: sleep, interval, timeout. Every pending timer is one entry in a
 * hierarchical timing wheel turned by a single driver thread, with millisecond resolution; a timer
 * never fires early.
 */
public final class Time {
  private Time() {}

  /** Blocks the calling (virtual) thread for {@code d}. */
  public static void sleep(Duration d) throws InterruptedException {
    sleepUntil(Deadlines.after(d));
  }

  /** Blocks until {@code deadlineNanos} ({@link System#nanoTime()} scale). */
  public static void sleepUntil(long deadlineNanos) throws InterruptedException {
    if (deadlineNanos - System.nanoTime() <= 0) {
      return;
    }
    Waiter w = new Waiter();
    TimerDriver driver = TimerDriver.global();
    TimerWheel.Entry e = driver.schedule(deadlineNanos, w::wake);
    try {
      while (System.nanoTime() - deadlineNanos < 0) {
        w.park(Long.MAX_VALUE);
        w.reset();
      }
    } finally {
      driver.cancel(e); // after an interrupt: do not leave the timer pending
    }
  }

  /** An interval whose first tick is now. */
  public static Interval interval(Duration period) {
    return new Interval(Clock.SYSTEM, System.nanoTime(), period);
  }

  /** An interval whose first tick is at {@code startNanos}. */
  public static Interval intervalAt(long startNanos, Duration period) {
    return new Interval(Clock.SYSTEM, startNanos, period);
  }

  /** A body for {@link #timeout}. */
  @FunctionalInterface
  public interface Body<T, X extends Exception> {
    T call() throws X, InterruptedException;
  }

  /**
   * Runs {@code body} on the calling thread, interrupting it if it has not finished within {@code
   * limit}, as {@code tokio::time::timeout}. A body that finishes wins a tie with the deadline, as
   * Tokio polls the inner future first; the interrupt is then cleared so it cannot leak into the
   * caller.
   *
   * @throws TimeoutException if the deadline passed and the body did not return normally (its
   *     exception, typically {@link InterruptedException}, is attached as the cause)
   */
  public static <T, X extends Exception> T timeout(Duration limit, Body<T, X> body)
      throws X, InterruptedException, TimeoutException {
    Thread caller = Thread.currentThread();
    AtomicInteger state = new AtomicInteger(RUNNING);
    TimerWheel.Entry e =
        TimerDriver.global()
            .schedule(
                Deadlines.after(limit),
                () -> {
                  if (state.compareAndSet(RUNNING, FIRING)) {
                    caller.interrupt();
                    state.set(FIRED);
                  }
                });
    T result;
    try {
      result = body.call();
    } catch (Exception ex) {
      if (finish(state, e)) {
        TimeoutException t = new TimeoutException("deadline of " + limit + " elapsed");
        t.initCause(ex);
        throw t;
      }
      throw ex;
    }
    finish(state, e);
    return result;
  }

  private static final int RUNNING = 0;
  private static final int FIRING = 1;
  private static final int FIRED = 2;
  private static final int DONE = 3;

  /** Settles the race with the timer; true if it fired (and its interrupt was cleared). */
  private static boolean finish(AtomicInteger state, TimerWheel.Entry e) {
    if (state.compareAndSet(RUNNING, DONE)) {
      TimerDriver.global().cancel(e);
      return false;
    }
    while (state.get() != FIRED) {
      Thread.onSpinWait(); // the driver is between its CAS and interrupt(): a few instructions
    }
    Thread.interrupted();
    return true;
  }
}

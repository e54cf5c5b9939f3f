package dev.patina.runtime.internal;

import java.util.function.Supplier;

/** The one blocking loop every channel operation shares: try, register, re-check, park. */
public final class Blocking {
  private Blocking() {}

  /**
   * Calls {@code attempt} until it returns non-null, parking on {@code list} in between. The
   * attempt must take the source's lock for the state it reads, so that a change made after the
   * waiter registered either is seen by the attempt or wakes the waiter.
   */
  public static <R> R until(WaitList list, Supplier<R> attempt) throws InterruptedException {
    return until(list, attempt, Long.MAX_VALUE);
  }

  /**
   * As {@link #until(WaitList, Supplier)}, giving up at {@code deadlineNanos} ({@link
   * System#nanoTime()} scale).
   *
   * @return the attempt's result, or null if the deadline passed first
   */
  public static <R> R until(WaitList list, Supplier<R> attempt, long deadlineNanos)
      throws InterruptedException {
    R r = attempt.get();
    if (r != null) {
      return r;
    }
    Waiter w = new Waiter();
    list.add(w);
    try {
      while (true) {
        w.reset();
        r = attempt.get();
        if (r != null) {
          return r;
        }
        if (!w.park(deadlineNanos)) {
          return attempt.get(); // one last look: the deadline and the event may have crossed
        }
      }
    } finally {
      list.remove(w);
    }
  }
}

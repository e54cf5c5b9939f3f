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
        w.park(Long.MAX_VALUE);
      }
    } finally {
      list.remove(w);
    }
  }
}

package dev.patina.runtime.internal;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The waiters interested in one event source (a channel becoming readable, a task finishing...).
 *
 * <p>Every state change wakes all registered waiters, which then re-check the state themselves.
 * Waking all (rather than one) keeps the protocol simple and immune to lost wake-ups when a waiter
 * registered with several sources by {@code Select} takes another branch; the cost is a thundering
 * herd when many threads block on one source, which Tokio avoids with FIFO semaphores.
 */
public final class WaitList {
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

  public void add(Waiter waiter) {
    waiters.add(waiter);
  }

  public void remove(Waiter waiter) {
    waiters.remove(waiter);
  }

  public void wakeAll() {
    for (Waiter w : waiters) {
      w.wake();
    }
  }

  public boolean isEmpty() {
    return waiters.isEmpty();
  }
}

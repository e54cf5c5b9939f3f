package dev.patina.runtime.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * One blocked thread waiting for any of the events it registered for.
 *
 * <p>This is the runtime's stand-in for Tokio's {@code Waker}: a channel, timer or task that
 * changes state calls {@link #wake()} on the waiters registered with it. The flag makes a wake that
 * arrives before {@link #park} impossible to lose. The protocol for every blocking operation is:
 * register, then loop { {@link #reset()}; re-check the state; park }. A stale wake only costs one
 * extra re-check.
 */
public final class Waiter {
  private final Thread thread = Thread.currentThread();
  private volatile boolean woken;

  /** Marks this waiter woken and unparks its thread. Safe from any thread, any number of times. */
  public void wake() {
    woken = true;
    LockSupport.unpark(thread);
  }

  /** Clears the flag before a re-check of the state this waiter waits for. */
  public void reset() {
    woken = false;
  }

  public boolean isWoken() {
    return woken;
  }

  /**
   * Parks until woken, until {@code deadlineNanos} ({@link System#nanoTime()} scale; {@code
   * Long.MAX_VALUE} for none) or until interrupted.
   *
   * @return whether the waiter was woken (false: the deadline passed)
   */
  public boolean park(long deadlineNanos) throws InterruptedException {
    while (!woken) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (deadlineNanos == Long.MAX_VALUE) {
        LockSupport.park(this);
      } else {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return woken;
        }
        LockSupport.parkNanos(this, left);
      }
    }
    return true;
  }
}

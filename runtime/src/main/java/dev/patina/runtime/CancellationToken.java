package dev.patina.runtime;

import dev.patina.runtime.internal.WaitList;
import dev.patina.runtime.internal.Waiter;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A cooperative cancellation signal, as tokio_util's {@code CancellationToken}.
 *
 * <p>Cancelling a token cancels all its {@link #childToken() children} (and theirs), never its
 * parent. Cancelling is a signal only: code observes it with {@link #isCancelled()}, blocks on it
 * with {@link #awaitCancelled()}, or selects on it with {@link Select#onCancelled}. Interrupting
 * threads is {@link TaskHandle#abort()}'s job, not the token's.
 */
public final class CancellationToken {
  private final Object lock = new Object();
  private final WaitList waiters = new WaitList();
  private Set<Runnable> onCancel = new LinkedHashSet<>();
  private volatile boolean cancelled;

  public CancellationToken() {}

  /** A new token that is cancelled when this one is (or at once, if this one already is). */
  public CancellationToken childToken() {
    CancellationToken child = new CancellationToken();
    whenCancelled(child::cancel);
    return child;
  }

  /** Cancels this token and its descendants; idempotent. */
  public void cancel() {
    Set<Runnable> callbacks;
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      callbacks = onCancel;
      onCancel = null;
    }
    waiters.wakeAll();
    for (Runnable r : callbacks) {
      r.run();
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Blocks until this token is cancelled. */
  public void awaitCancelled() throws InterruptedException {
    Waiter w = new Waiter();
    waiters.add(w);
    try {
      while (!cancelled) {
        w.park(Long.MAX_VALUE);
      }
    } finally {
      waiters.remove(w);
    }
  }

  /**
   * Runs {@code action} once when this token is cancelled (at once, on this thread, if it already
   * is). The action runs on the cancelling thread and must be short.
   *
   * @return a deregistration: call it when the action is no longer wanted, so that a long-lived
   *     token does not keep every finished task's callback alive. Public so that blocking I/O
   *     ({@code dev.patina.runtime.net}) can unblock a pending read when the token is cancelled.
   */
  public Runnable whenCancelled(Runnable action) {
    Runnable entry = action::run; // a fresh identity per registration
    synchronized (lock) {
      if (!cancelled) {
        onCancel.add(entry);
        return () -> {
          synchronized (lock) {
            if (onCancel != null) {
              onCancel.remove(entry);
            }
          }
        };
      }
    }
    action.run();
    return () -> {};
  }

  WaitList waitList() {
    return waiters;
  }
}

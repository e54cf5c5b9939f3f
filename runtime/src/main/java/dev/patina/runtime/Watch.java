package dev.patina.runtime;

import dev.patina.runtime.internal.Blocking;
import dev.patina.runtime.internal.WaitList;
import java.util.Objects;

/**
 * A single-value channel that keeps only the latest value, as {@code tokio::sync::watch}.
 *
 * <p>Receivers read the current value at any time and can wait for a newer one than they last
 * marked seen. Intermediate values between two looks are not seen: watch is for state, not events.
 */
public final class Watch {
  private Watch() {}

  public record Channel<T>(WatchSender<T> tx, WatchReceiver<T> rx) {}

  /** A channel whose current value is {@code initial}, already marked seen by the receiver. */
  public static <T> Channel<T> channel(T initial) {
    State<T> s = new State<>(initial);
    return new Channel<>(new WatchSender<>(s), s.subscribe());
  }

  static final class State<T> {
    final WaitList changed = new WaitList();
    private T value;
    private long version;
    private boolean senderClosed;
    private int receivers;

    State(T initial) {
      value = Objects.requireNonNull(initial, "channel values must not be null");
    }

    /** Stores the value only if a receiver exists (Tokio's {@code send}). */
    boolean send(T v) {
      Objects.requireNonNull(v, "channel values must not be null");
      synchronized (this) {
        if (receivers == 0) {
          return false;
        }
        value = v;
        version++;
      }
      changed.wakeAll();
      return true;
    }

    /** Stores the value whatever the receivers (Tokio's {@code send_replace}). */
    T sendReplace(T v) {
      Objects.requireNonNull(v, "channel values must not be null");
      T old;
      synchronized (this) {
        old = value;
        value = v;
        version++;
      }
      changed.wakeAll();
      return old;
    }

    synchronized WatchReceiver<T> subscribe() {
      receivers++;
      return new WatchReceiver<>(this, version);
    }

    synchronized void dropReceiver() {
      receivers--;
    }

    synchronized int receiverCount() {
      return receivers;
    }

    void closeSender() {
      synchronized (this) {
        senderClosed = true;
      }
      changed.wakeAll();
    }

    synchronized T value() {
      return value;
    }

    synchronized long version() {
      return version;
    }

    /**
     * For a receiver that has seen {@code seen[0]}: TRUE (and marks the newest seen) if there is a
     * newer value, FALSE if there is none and the sender is closed, null if it should wait.
     */
    synchronized Boolean pollChanged(long[] seen) {
      if (version != seen[0]) {
        seen[0] = version;
        return Boolean.TRUE;
      }
      return senderClosed ? Boolean.FALSE : null;
    }

    boolean awaitChanged(long[] seen) throws InterruptedException {
      return Blocking.until(changed, () -> pollChanged(seen));
    }

    synchronized T borrowAndUpdate(long[] seen) {
      seen[0] = version;
      return value;
    }
  }
}

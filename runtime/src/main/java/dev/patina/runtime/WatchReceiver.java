package dev.patina.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

/** One receiver of a {@link Watch} channel; it remembers which version it last saw. */
public final class WatchReceiver<T> implements AutoCloseable {
  private final Watch.State<T> state;
  private final long[] seen; // guarded by the state's lock
  private final AtomicBoolean closed = new AtomicBoolean();

  WatchReceiver(Watch.State<T> state, long seen) {
    this.state = state;
    this.seen = new long[] {seen};
  }

  /** The current value, without marking it seen. */
  public T borrow() {
    return state.value();
  }

  /** The current value, marking it seen. */
  public T borrowAndUpdate() {
    return state.borrowAndUpdate(seen);
  }

  /** Whether a value newer than the last seen one exists. */
  public boolean hasChanged() {
    synchronized (state) {
      return state.version() != seen[0];
    }
  }

  /**
   * Waits until there is a value newer than the last one seen, then marks it seen. Returns at once
   * if there already is one.
   *
   * @return true for a change, false if the sender closed and no unseen value remains
   */
  public boolean changed() throws InterruptedException {
    return state.awaitChanged(seen);
  }

  /** Another receiver that has seen what this one has. */
  public WatchReceiver<T> copy() {
    WatchReceiver<T> r = state.subscribe();
    synchronized (state) {
      r.seen[0] = seen[0];
    }
    return r;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      state.dropReceiver();
    }
  }

  Watch.State<T> state() {
    return state;
  }

  long[] seen() {
    return seen;
  }
}

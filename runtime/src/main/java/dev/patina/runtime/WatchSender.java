package dev.patina.runtime;

/** The sending half of a {@link Watch} channel. */
public final class WatchSender<T> implements AutoCloseable {
  private final Watch.State<T> state;

  WatchSender(Watch.State<T> state) {
    this.state = state;
  }

  /**
   * Replaces the current value and notifies receivers.
   *
   * @return false if there is no receiver: the value was not stored (Tokio's {@code SendError})
   */
  public boolean send(T value) {
    return state.send(value);
  }

  /** Replaces the value even with no receiver; returns the previous one. */
  public T sendReplace(T value) {
    return state.sendReplace(value);
  }

  /** The current value. */
  public T borrow() {
    return state.value();
  }

  /** A new receiver for which the current value counts as seen. */
  public WatchReceiver<T> subscribe() {
    return state.subscribe();
  }

  public int receiverCount() {
    return state.receiverCount();
  }

  /**
   * Receivers waiting in {@link WatchReceiver#changed()} return false once they saw the last value.
   */
  @Override
  public void close() {
    state.closeSender();
  }
}

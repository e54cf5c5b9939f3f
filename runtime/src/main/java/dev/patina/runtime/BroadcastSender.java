package dev.patina.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

/** The sending half of a {@link Broadcast} channel. Sends never block. */
public final class BroadcastSender<T> implements AutoCloseable {
  private final Broadcast.State<T> state;
  private final AtomicBoolean closed = new AtomicBoolean();

  BroadcastSender(Broadcast.State<T> state) {
    this.state = state;
  }

  /**
   * Sends {@code value} to every current receiver, overwriting the oldest kept value if the ring is
   * full.
   *
   * @return how many receivers the value reached; 0 means there were none and it was not sent
   *     (Tokio's {@code SendError})
   */
  public int send(T value) {
    checkOpen();
    return state.send(value);
  }

  /** A new receiver that sees values sent from now on. */
  public BroadcastReceiver<T> subscribe() {
    return state.subscribe();
  }

  public int receiverCount() {
    return state.receiverCount();
  }

  /** Another sender handle on the same channel. */
  public BroadcastSender<T> copy() {
    checkOpen();
    state.addSender();
    return new BroadcastSender<>(state);
  }

  /** Releases this handle; when the last one closes, receivers drain and then see Closed. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      state.dropSender();
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("sender is closed");
    }
  }
}

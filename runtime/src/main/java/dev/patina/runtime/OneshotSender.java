package dev.patina.runtime;

/** The sending half of a {@link Oneshot} channel: send once, or close to say "never". */
public final class OneshotSender<T> implements AutoCloseable {
  private final Oneshot.State<T> state;

  OneshotSender(Oneshot.State<T> state) {
    this.state = state;
  }

  /**
   * Completes the channel with {@code value}.
   *
   * @return false if the receiver was closed first; the value was not delivered
   * @throws IllegalStateException if this sender already sent or closed
   */
  public boolean send(T value) {
    return state.send(value);
  }

  /** Whether the receiver is closed, so a send would fail. */
  public boolean isClosed() {
    return state.isReceiverClosed();
  }

  /**
   * Blocks until the receiver closes (Tokio's {@code Sender::closed}), e.g. to stop useless work.
   */
  public void awaitClosed() throws InterruptedException {
    state.awaitReceiverClosed();
  }

  /** Closes without sending (if nothing was sent yet): the receiver sees {@link Recv.Closed}. */
  @Override
  public void close() {
    state.closeSender();
  }
}

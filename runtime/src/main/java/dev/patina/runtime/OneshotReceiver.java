package dev.patina.runtime;

/** The receiving half of a {@link Oneshot} channel. */
public final class OneshotReceiver<T> implements AutoCloseable {
  private final Oneshot.State<T> state;

  OneshotReceiver(Oneshot.State<T> state) {
    this.state = state;
  }

  /**
   * Waits for the value.
   *
   * @return the value, or null if the sender closed without sending (or it was already received)
   */
  public T recv() throws InterruptedException {
    return state.recv();
  }

  /** The value if it has arrived, {@link Recv.Empty} if not yet, {@link Recv.Closed} if never. */
  public Recv<T> tryRecv() {
    return state.tryRecv();
  }

  /** Refuses the value: a later send fails. A value already sent can still be received. */
  @Override
  public void close() {
    state.closeReceiver();
  }

  Oneshot.State<T> state() {
    return state;
  }
}

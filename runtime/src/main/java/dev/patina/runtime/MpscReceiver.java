package dev.patina.runtime;

/**
 * The receiving half of an mpsc channel. Only one thread at a time should receive (the "single
 * consumer"); the implementation stays safe if several do, but the order they see is then theirs to
 * sort out.
 */
public final class MpscReceiver<T> implements AutoCloseable {
  private final MpscState<T> state;

  MpscReceiver(MpscState<T> state) {
    this.state = state;
  }

  /**
   * The next value, waiting for one if the buffer is empty.
   *
   * @return null once every sender has closed (or this receiver closed) and the buffer is drained
   * @throws InterruptedException if the thread is interrupted (for a task: aborted) while waiting
   */
  public T recv() throws InterruptedException {
    return state.recv();
  }

  /** The next value if one is buffered, else {@link Recv.Empty} or {@link Recv.Closed}. */
  public Recv<T> tryRecv() {
    return state.tryRecv();
  }

  /**
   * Closes the channel for senders (their sends fail from now on) without discarding what is
   * buffered: {@link #recv()} still returns those values, then null. Idempotent.
   */
  @Override
  public void close() {
    state.closeReceiver();
  }

  /** Values buffered now. */
  public int len() {
    return state.len();
  }

  public boolean isEmpty() {
    return state.len() == 0;
  }

  /** Whether no sender handle remains open (Tokio's {@code is_closed} on the sender side). */
  public boolean sendersClosed() {
    return state.senderCount() == 0;
  }

  MpscState<T> state() {
    return state;
  }
}

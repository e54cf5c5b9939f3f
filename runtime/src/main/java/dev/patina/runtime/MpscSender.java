package dev.patina.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sending half of an mpsc channel. Each handle counts as one sender until {@link #close()}d;
 * when the last one closes, the receiver drains what is buffered and then sees the end. Java has no
 * destructor to do that for it, so close senders (try-with-resources) where Rust would drop them.
 */
public final class MpscSender<T> implements AutoCloseable {
  private final MpscState<T> state;
  private final AtomicBoolean closed = new AtomicBoolean();

  MpscSender(MpscState<T> state) {
    this.state = state;
  }

  /** Another sender handle on the same channel (Tokio's {@code Sender::clone}). */
  public MpscSender<T> copy() {
    checkOpen();
    state.addSender();
    return new MpscSender<>(state);
  }

  /**
   * Sends {@code value}, waiting for capacity if the channel is bounded and full.
   *
   * @return false if the receiver is closed: the value was not sent (Tokio's {@code SendError})
   * @throws InterruptedException if the thread is interrupted (for a task: aborted) while waiting
   */
  public boolean send(T value) throws InterruptedException {
    checkOpen();
    return state.send(value);
  }

  /** Sends {@code value} only if that needs no waiting. */
  public TrySend trySend(T value) {
    checkOpen();
    return state.trySend(value);
  }

  /** Whether the receiver is closed, so that every send will fail. */
  public boolean isClosed() {
    return state.isClosedForSenders();
  }

  /** Values buffered now. */
  public int len() {
    return state.len();
  }

  /** The bound given at creation ({@code Integer.MAX_VALUE} for an unbounded channel). */
  public int maxCapacity() {
    return state.capacity;
  }

  /** Releases this handle; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      state.dropSender();
    }
  }

  MpscState<T> state() {
    return state;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("sender is closed");
    }
  }
}

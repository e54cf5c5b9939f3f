package dev.patina.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

/** One receiver of a {@link Broadcast} channel, with its own position in the stream. */
public final class BroadcastReceiver<T> implements AutoCloseable {
  private final Broadcast.State<T> state;
  // One-element array so that the state's lock guards the cursor too.
  private final long[] cursor;
  private final AtomicBoolean closed = new AtomicBoolean();

  BroadcastReceiver(Broadcast.State<T> state, long next) {
    this.state = state;
    this.cursor = new long[] {next};
  }

  /**
   * The next value, waiting if there is none yet: {@link Recv.Value}, {@link Recv.Lagged} (values
   * were lost; receive again for the oldest kept one) or {@link Recv.Closed} (all senders closed
   * and everything was received). Never {@link Recv.Empty}.
   */
  public Recv<T> recv() throws InterruptedException {
    return state.recv(cursor);
  }

  /** Like {@link #recv()} but returns {@link Recv.Empty} instead of waiting. */
  public Recv<T> tryRecv() {
    return state.tryRecv(cursor);
  }

  /** Values sent that this receiver has not seen and that are still kept. */
  public long len() {
    synchronized (state) {
      return state.pending(cursor[0]);
    }
  }

  /** A new receiver positioned at the newest end of the channel (Tokio's {@code resubscribe}). */
  public BroadcastReceiver<T> resubscribe() {
    return state.subscribe();
  }

  /** Stops receiving; senders no longer count this receiver. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      state.dropReceiver();
    }
  }

  Broadcast.State<T> state() {
    return state;
  }

  long[] cursor() {
    return cursor;
  }
}

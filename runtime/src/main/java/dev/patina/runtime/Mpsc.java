package dev.patina.runtime;

/**
 * Multi-producer, single-consumer channels, as {@code tokio::sync::mpsc}.
 *
 * <pre>{@code
 * var ch = Mpsc.<String>bounded(16);
 * group.spawn(() -> ch.tx().send("hello"));
 * String s = ch.rx().recv(); // null once every sender is closed and the buffer is drained
 * }</pre>
 */
public final class Mpsc {
  private Mpsc() {}

  /** The two ends of a new channel. */
  public record Channel<T>(MpscSender<T> tx, MpscReceiver<T> rx) {}

  /**
   * A channel that holds at most {@code capacity} values; {@link MpscSender#send} blocks while it
   * is full (backpressure).
   *
   * @throws IllegalArgumentException if capacity is not positive (Tokio panics on zero)
   */
  public static <T> Channel<T> bounded(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("mpsc bounded channel requires capacity > 0");
    }
    return open(new MpscState<>(capacity));
  }

  /** A channel without a bound: {@link MpscSender#send} never blocks. */
  public static <T> Channel<T> unbounded() {
    return open(new MpscState<>(Integer.MAX_VALUE));
  }

  private static <T> Channel<T> open(MpscState<T> state) {
    return new Channel<>(new MpscSender<>(state), new MpscReceiver<>(state));
  }
}

package dev.patina.runtime;

/**
 * What a non-blocking receive found, or what a broadcast receive returned.
 *
 * <p>The variants are Tokio's: a value, an empty channel that may still get one ({@code
 * TryRecvError::Empty}), a channel that never will ({@code Disconnected} / {@code Closed}), and for
 * broadcast only, {@code Lagged(n)}: the receiver fell behind and {@code n} values were dropped
 * before it could see them.
 */
public sealed interface Recv<T> {
  record Value<T>(T value) implements Recv<T> {}

  record Empty<T>() implements Recv<T> {}

  record Closed<T>() implements Recv<T> {}

  record Lagged<T>(long missed) implements Recv<T> {}

  static <T> Recv<T> value(T value) {
    return new Value<>(value);
  }

  static <T> Recv<T> empty() {
    return new Empty<>();
  }

  static <T> Recv<T> closed() {
    return new Closed<>();
  }
}

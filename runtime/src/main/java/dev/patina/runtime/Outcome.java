package dev.patina.runtime;

/**
 * How a task ended, as Tokio's {@code Result<T, JoinError>}: it returned a value, it threw (Tokio:
 * panicked), or it was aborted before it finished.
 */
public sealed interface Outcome<T> {
  record Success<T>(T value) implements Outcome<T> {}

  /** The task's body threw {@code cause}; the joiner sees it rather than losing it. */
  record Panicked<T>(Throwable cause) implements Outcome<T> {}

  record Cancelled<T>() implements Outcome<T> {}

  /**
   * The value of a successful task.
   *
   * @throws JoinException if the task panicked (with the task's exception as cause) or was
   *     cancelled
   */
  default T get() throws JoinException {
    return switch (this) {
      case Success<T> s -> s.value();
      case Panicked<T> p -> throw new JoinException("task panicked: " + p.cause(), p.cause());
      case Cancelled<T> c -> throw new JoinException("task was cancelled", null);
    };
  }

  default boolean isCancelled() {
    return this instanceof Cancelled<T>;
  }

  default boolean isPanic() {
    return this instanceof Panicked<T>;
  }
}

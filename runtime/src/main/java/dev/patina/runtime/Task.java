package dev.patina.runtime;

import java.util.Optional;

/** Access to the task the calling code runs in, as Tokio's {@code task::id()} and friends. */
public final class Task {
  /**
   * The task whose body is running on this thread. A scoped value rather than a thread-local: it is
   * bound for exactly the body's extent and inherited by nothing else.
   */
  static final ScopedValue<TaskHandle<?>> CURRENT = ScopedValue.newInstance();

  private Task() {}

  /** The current task, if the caller runs inside one spawned by a {@link TaskGroup}. */
  public static Optional<TaskHandle<?>> current() {
    return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
  }

  /**
   * The current task's cancellation token, or a fresh token that nobody cancels when not in a task.
   * Long-running task bodies poll it or select on it to stop cooperatively.
   */
  public static CancellationToken token() {
    return CURRENT.isBound() ? CURRENT.get().token() : new CancellationToken();
  }
}

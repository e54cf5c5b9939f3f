package dev.patina.runtime;

import dev.patina.runtime.internal.Blocking;
import dev.patina.runtime.internal.WaitList;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A set of tasks, each on its own virtual thread, as Tokio's {@code JoinSet}: spawn, join them in
 * the order they finish, abort one or all.
 *
 * <p>Groups nest: a group opened inside a task's body belongs to that task. Its token is a child of
 * the task's token (cooperative cancellation flows down), and aborting the task aborts the group's
 * tasks too. {@link #close()} aborts what is still running and waits for it, so that no task
 * outlives the block that opened its group (Tokio aborts on drop but does not wait).
 *
 * <pre>{@code
 * try (var group = new TaskGroup<Integer>()) {
 *   for (int i = 0; i < 10; i++) { int n = i; group.spawn(() -> n * n); }
 *   for (Outcome<Integer> o; (o = group.joinNext()) != null; ) sum += o.get();
 * }
 * }</pre>
 */
public final class TaskGroup<T> implements AutoCloseable {
  private static final AtomicLong IDS = new AtomicLong();

  private final CancellationToken token;
  private final TaskHandle<?> parent; // the task that opened this group, or null
  private final Set<TaskHandle<T>> running = new LinkedHashSet<>(); // guarded by this
  private final ArrayDeque<TaskHandle<T>> finished = new ArrayDeque<>(); // guarded by this
  private final WaitList done = new WaitList();
  private boolean closed; // guarded by this
  private volatile boolean parentAborted;

  /** A group whose token is a child of the current task's token (or a root token outside tasks). */
  public TaskGroup() {
    TaskHandle<?> p = Task.CURRENT.isBound() ? Task.CURRENT.get() : null;
    this.parent = p;
    this.token = p == null ? new CancellationToken() : p.token().childToken();
    if (p != null && !p.adopt(this)) {
      parentAborted = true; // opened in an aborted or finished task: nothing it spawns may run
    }
  }

  /**
   * Starts {@code body} on a new virtual thread. The body may block freely: channel operations,
   * sleeps and joins park the virtual thread, not a carrier.
   *
   * @throws IllegalStateException if the group is closed
   */
  public TaskHandle<T> spawn(Callable<T> body) {
    CancellationToken taskToken = new CancellationToken();
    TaskHandle<T> h = new TaskHandle<>(IDS.incrementAndGet(), this, taskToken, body);
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("task group is closed");
      }
      running.add(h);
    }
    // The task's token follows the group's; deregistered when the task ends so that a long-lived
    // group does not accumulate callbacks.
    h.setDetach(token.whenCancelled(taskToken::cancel));
    h.start();
    if (parentAborted) {
      h.abort(); // the flag is read after the task joined `running`, so abortAll cannot miss it
    }
    return h;
  }

  /** Like {@link #spawn(Callable)} for a body without a result. */
  public TaskHandle<T> spawn(RunnableBody body) {
    return spawn(
        () -> {
          body.run();
          return null;
        });
  }

  /** A task body that returns nothing and may throw. */
  @FunctionalInterface
  public interface RunnableBody {
    void run() throws Exception;
  }

  /**
   * Waits for the next task to finish and returns its outcome; null if the group has no tasks left
   * (Tokio's {@code join_next} returning {@code None}).
   */
  public Outcome<T> joinNext() throws InterruptedException {
    return Blocking.until(done, this::poll).orElse(null);
  }

  /**
   * As {@link #joinNext()}, waiting at most {@code timeout}.
   *
   * @throws TimeoutException if tasks remain but none finished in time
   */
  public Outcome<T> joinNext(Duration timeout) throws InterruptedException, TimeoutException {
    Optional<Outcome<T>> o = Blocking.until(done, this::poll, Deadlines.after(timeout));
    if (o == null) {
      throw new TimeoutException("no task finished within " + timeout);
    }
    return o.orElse(null);
  }

  /** The outcome of a task that has finished, without waiting; null if none has. */
  public synchronized Outcome<T> tryJoinNext() {
    TaskHandle<T> h = finished.pollFirst();
    return h == null ? null : h.outcome();
  }

  /** Next outcome; empty if no tasks at all; null if the caller must wait. */
  synchronized Optional<Outcome<T>> poll() {
    TaskHandle<T> h = finished.pollFirst();
    if (h != null) {
      return Optional.of(h.outcome());
    }
    return running.isEmpty() ? Optional.empty() : null;
  }

  /** Aborts every running task; finished outcomes stay to be joined. New spawns are allowed. */
  public void abortAll() {
    List<TaskHandle<T>> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(running);
    }
    for (TaskHandle<T> h : snapshot) {
      h.abort();
    }
  }

  /** The task that opened this group was aborted or ended: abort everything, now and later. */
  void parentAborted() {
    parentAborted = true;
    abortAll();
  }

  /** Aborts every task and waits for all of them to end, discarding their outcomes. */
  public void shutdown() throws InterruptedException {
    abortAll();
    drain(Long.MAX_VALUE);
  }

  /**
   * Graceful shutdown: cancels the group's token (tasks that watch it wind down on their own),
   * waits up to {@code grace} for them, then aborts the rest and waits for them to end.
   *
   * @return how many tasks had to be aborted
   */
  public int shutdown(Duration grace) throws InterruptedException {
    token.cancel();
    drain(Deadlines.after(grace));
    int stragglers = size();
    shutdown();
    return stragglers;
  }

  private void drain(long deadlineNanos) throws InterruptedException {
    while (true) {
      Optional<Outcome<T>> o = Blocking.until(done, this::poll, deadlineNanos);
      if (o == null || o.isEmpty()) {
        return;
      }
    }
  }

  /** Tasks that have not been joined yet: running ones plus finished, unjoined ones. */
  public synchronized int size() {
    return running.size() + finished.size();
  }

  public synchronized boolean isEmpty() {
    return running.isEmpty() && finished.isEmpty();
  }

  /** The group's token: cancel it to ask every task, and every nested group, to stop. */
  public CancellationToken token() {
    return token;
  }

  /**
   * Closes the group: no more spawns, running tasks are aborted and waited for. If interrupted
   * while waiting, the tasks are still aborted and the interrupt status is kept.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    try {
      shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (parent != null) {
        parent.disown(this);
      }
    }
  }

  void finished(TaskHandle<T> h) {
    synchronized (this) {
      running.remove(h);
      finished.addLast(h);
    }
    done.wakeAll();
  }

  WaitList doneList() {
    return done;
  }
}

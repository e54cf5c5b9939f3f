package dev.patina.runtime;

import dev.patina.runtime.internal.Blocking;
import dev.patina.runtime.internal.Counters;
import dev.patina.runtime.internal.WaitList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * One spawned task, as Tokio's {@code JoinHandle} / {@code AbortHandle}: a virtual thread running a
 * body, its cancellation token, and its outcome once it ends.
 */
public final class TaskHandle<T> {
  private final long id;
  private final CancellationToken token;
  private final TaskGroup<T> group;
  private final Callable<T> body;
  final WaitList done = new WaitList();
  private final List<TaskGroup<?>> children = new ArrayList<>(); // guarded by this
  private Thread thread; // guarded by this
  private boolean aborted; // guarded by this
  private volatile Outcome<T> outcome;
  private Runnable detachFromParentToken = () -> {};

  TaskHandle(long id, TaskGroup<T> group, CancellationToken token, Callable<T> body) {
    this.id = id;
    this.group = group;
    this.token = token;
    this.body = body;
  }

  void start() {
    Counters.SPAWNED_TASKS.increment();
    Counters.LIVE_TASKS.increment();
    Thread t = Thread.ofVirtual().name("patina-task-" + id).unstarted(this::run);
    synchronized (this) {
      thread = t;
    }
    t.start();
  }

  void setDetach(Runnable detach) {
    this.detachFromParentToken = detach;
  }

  private void run() {
    Outcome<T> result;
    synchronized (this) {
      if (aborted) {
        result = new Outcome.Cancelled<>(); // aborted before it ran: the body never starts
        finish(result);
        return;
      }
    }
    Object[] box = new Object[1];
    Throwable[] failure = new Throwable[1];
    ScopedValue.where(Task.CURRENT, this)
        .run(
            () -> {
              try {
                box[0] = body.call();
              } catch (Throwable e) {
                failure[0] = e;
              }
            });
    @SuppressWarnings("unchecked")
    T value = (T) box[0];
    synchronized (this) {
      // As in Tokio, an abort requested before the body returned wins: the output is dropped.
      if (aborted) {
        result = new Outcome.Cancelled<>();
      } else if (failure[0] == null) {
        result = new Outcome.Success<>(value);
      } else {
        result = new Outcome.Panicked<>(failure[0]);
      }
    }
    finish(result);
  }

  private void finish(Outcome<T> result) {
    List<TaskGroup<?>> orphans;
    synchronized (this) {
      orphans = List.copyOf(children);
      children.clear();
    }
    // Groups the body left open would otherwise outlive their task: abort them, as dropping a
    // JoinSet does in Tokio.
    for (TaskGroup<?> g : orphans) {
      g.parentAborted();
    }
    detachFromParentToken.run();
    outcome = result;
    Counters.LIVE_TASKS.decrement();
    group.finished(this);
    done.wakeAll();
  }

  public long id() {
    return id;
  }

  /** This task's token: cancelled when its group's token is, or when the task is aborted. */
  public CancellationToken token() {
    return token;
  }

  /**
   * Aborts the task: cancels its token, aborts the task groups it opened (their tasks, and theirs),
   * and interrupts its thread so that a blocking call throws {@link InterruptedException}. Unless
   * the body had already returned, the outcome is {@link Outcome.Cancelled} whatever the body does
   * with the interrupt (its value or exception is dropped, as Tokio drops an aborted task's
   * output). Aborting a finished task does nothing.
   */
  public void abort() {
    Thread t;
    List<TaskGroup<?>> kids;
    synchronized (this) {
      if (outcome != null || aborted) {
        return;
      }
      aborted = true;
      t = thread;
      kids = List.copyOf(children);
    }
    token.cancel();
    for (TaskGroup<?> g : kids) {
      g.parentAborted();
    }
    if (t != null) {
      t.interrupt();
    }
  }

  /** Whether {@link #abort()} was called (before the task finished). */
  public synchronized boolean isAborted() {
    return aborted;
  }

  public boolean isFinished() {
    return outcome != null;
  }

  /** Waits for the task to end. */
  public Outcome<T> join() throws InterruptedException {
    return Blocking.until(done, () -> outcome);
  }

  /**
   * Waits at most {@code timeout} for the task to end. The task keeps running after a timeout, as
   * with {@code tokio::time::timeout(d, handle)}.
   */
  public Outcome<T> join(Duration timeout) throws InterruptedException, TimeoutException {
    Outcome<T> o = Blocking.until(done, () -> outcome, Deadlines.after(timeout));
    if (o == null) {
      throw new TimeoutException("task " + id + " did not finish within " + timeout);
    }
    return o;
  }

  /** The outcome if finished, else null. */
  public Outcome<T> outcome() {
    return outcome;
  }

  /** Registers a group opened inside this task's body; false if the task is already aborted. */
  boolean adopt(TaskGroup<?> child) {
    synchronized (this) {
      if (!aborted && outcome == null) {
        children.add(child);
        return true;
      }
    }
    return false;
  }

  synchronized void disown(TaskGroup<?> child) {
    children.remove(child);
  }

  @Override
  public String toString() {
    return "Task[" + id + (outcome == null ? ", running]" : ", " + outcome + "]");
  }
}

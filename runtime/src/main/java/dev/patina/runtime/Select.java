package dev.patina.runtime;

import dev.patina.runtime.internal.TimerDriver;
import dev.patina.runtime.internal.TimerWheel;
import dev.patina.runtime.internal.WaitList;
import dev.patina.runtime.internal.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Waits for the first of several operations to complete, as Tokio's {@code select!}: channel
 * receives and sends, task completion, cancellation, and deadlines. Exactly one branch completes;
 * the others have no effect (a send that did not win sent nothing, a receive took nothing).
 *
 * <p>When several branches are ready, one is chosen at random so that no branch starves, as Tokio
 * does by default; {@link #biased()} checks them in the order they were added instead. A branch on
 * a closed channel is always ready (its handler gets null or {@link Recv.Closed}), as {@code
 * rx.recv()} returning {@code None} is in Tokio; drop such a branch from the next select.
 *
 * <pre>{@code
 * String what = new Select<String>()
 *     .onRecv(jobs, job -> "job " + job)
 *     .onCancelled(token, () -> "stopping")
 *     .onTimeout(Duration.ofSeconds(1), () -> "idle")
 *     .run();
 * }</pre>
 *
 * <p>A Select is a one-thread builder; build a new one per wait (deadlines are computed when a
 * timeout branch is added).
 */
public final class Select<R> {
  /** One branch: a non-blocking attempt plus where to wait for it to become possible. */
  private interface Arm<R> {
    /** Completes the operation if it can without waiting; returns the handler call, else null. */
    Supplier<R> poll();

    void register(Waiter w);

    void unregister(Waiter w);
  }

  /** A branch whose readiness is signalled through one wait list. */
  private record ListArm<R>(WaitList list, Supplier<Supplier<R>> attempt) implements Arm<R> {
    @Override
    public Supplier<R> poll() {
      return attempt.get();
    }

    @Override
    public void register(Waiter w) {
      list.add(w);
    }

    @Override
    public void unregister(Waiter w) {
      list.remove(w);
    }
  }

  private final List<Arm<R>> arms = new ArrayList<>();
  private boolean biased;

  public Select() {}

  /** Checks branches in the order they were added rather than from a random start. */
  public Select<R> biased() {
    this.biased = true;
    return this;
  }

  /** Receives from an mpsc channel; the handler gets null if the channel is closed and drained. */
  public <T> Select<R> onRecv(MpscReceiver<T> rx, Function<? super T, ? extends R> handler) {
    MpscState<T> s = rx.state();
    return add(
        s.readable,
        () ->
            switch (s.tryRecv()) {
              case Recv.Value<T>(T v) -> () -> handler.apply(v);
              case Recv.Closed<T> c -> () -> handler.apply(null);
              default -> null;
            });
  }

  /**
   * Sends {@code value} on an mpsc channel once it has room; the handler gets true if sent, false
   * if the receiver is closed. If another branch wins, the value was not sent.
   */
  public <T> Select<R> onSend(MpscSender<T> tx, T value, Function<Boolean, ? extends R> handler) {
    MpscState<T> s = tx.state();
    return add(
        s.writable,
        () ->
            switch (s.trySend(value)) {
              case SENT -> () -> handler.apply(true);
              case CLOSED -> () -> handler.apply(false);
              case FULL -> null;
            });
  }

  /** Receives from a broadcast channel: a value, {@link Recv.Lagged} or {@link Recv.Closed}. */
  public <T> Select<R> onRecv(
      BroadcastReceiver<T> rx, Function<? super Recv<T>, ? extends R> handler) {
    Broadcast.State<T> s = rx.state();
    return add(
        s.readable,
        () -> {
          Recv<T> r = s.tryRecv(rx.cursor());
          return r instanceof Recv.Empty<T> ? null : () -> handler.apply(r);
        });
  }

  /** Receives a oneshot's value; the handler gets null if the sender closed without sending. */
  public <T> Select<R> onRecv(OneshotReceiver<T> rx, Function<? super T, ? extends R> handler) {
    Oneshot.State<T> s = rx.state();
    return add(
        s.readable,
        () ->
            switch (s.tryRecv()) {
              case Recv.Value<T>(T v) -> () -> handler.apply(v);
              case Recv.Empty<T> e -> null;
              default -> () -> handler.apply(null);
            });
  }

  /**
   * Waits for a watch value newer than the receiver last saw (marking it seen); the handler gets
   * true for a change, false if the sender closed.
   */
  public <T> Select<R> onChanged(WatchReceiver<T> rx, Function<Boolean, ? extends R> handler) {
    Watch.State<T> s = rx.state();
    return add(
        s.changed,
        () -> {
          Boolean b = s.pollChanged(rx.seen());
          return b == null ? null : () -> handler.apply(b);
        });
  }

  /** Waits for one task to finish. */
  public <T> Select<R> onJoin(TaskHandle<T> task, Function<Outcome<T>, ? extends R> handler) {
    return add(
        task.done,
        () -> {
          Outcome<T> o = task.outcome();
          return o == null ? null : () -> handler.apply(o);
        });
  }

  /** Joins the next task of a group; the handler gets null if the group has no tasks. */
  public <T> Select<R> onJoinNext(TaskGroup<T> group, Function<Outcome<T>, ? extends R> handler) {
    return add(
        group.doneList(),
        () -> {
          Optional<Outcome<T>> o = group.poll();
          return o == null ? null : () -> handler.apply(o.orElse(null));
        });
  }

  /** Fires once {@code token} is cancelled. */
  public Select<R> onCancelled(CancellationToken token, Supplier<? extends R> handler) {
    return add(token.waitList(), () -> token.isCancelled() ? handler::get : null);
  }

  /** Fires when {@code d} has passed since this branch was added (Tokio's {@code sleep} branch). */
  public Select<R> onTimeout(Duration d, Supplier<? extends R> handler) {
    return onDeadline(Deadlines.after(d), handler);
  }

  /** Fires at {@code deadlineNanos} ({@link System#nanoTime()} scale). */
  public Select<R> onDeadline(long deadlineNanos, Supplier<? extends R> handler) {
    BooleanSupplier due = () -> System.nanoTime() - deadlineNanos >= 0;
    arms.add(
        new Arm<R>() {
          private TimerWheel.Entry timer;

          @Override
          public Supplier<R> poll() {
            return due.getAsBoolean() ? handler::get : null;
          }

          @Override
          public void register(Waiter w) {
            timer = TimerDriver.global().schedule(deadlineNanos, w::wake);
          }

          @Override
          public void unregister(Waiter w) {
            if (timer != null) {
              TimerDriver.global().cancel(timer);
              timer = null;
            }
          }
        });
    return this;
  }

  private Select<R> add(WaitList list, Supplier<Supplier<R>> attempt) {
    arms.add(new ListArm<>(list, attempt));
    return this;
  }

  /**
   * Blocks until one branch completes and returns its handler's result.
   *
   * @throws IllegalStateException if no branch was added
   * @throws InterruptedException if interrupted while waiting; no branch has completed then
   */
  public R run() throws InterruptedException {
    int n = arms.size();
    if (n == 0) {
      throw new IllegalStateException("select needs at least one branch");
    }
    int start = biased ? 0 : ThreadLocalRandom.current().nextInt(n);
    Supplier<R> won = pollAll(start);
    if (won != null) {
      return won.get();
    }
    Waiter w = new Waiter();
    for (Arm<R> a : arms) {
      a.register(w);
    }
    try {
      while (true) {
        w.reset();
        won = pollAll(start);
        if (won != null) {
          break;
        }
        w.park(Long.MAX_VALUE);
        if (!biased) {
          start = ThreadLocalRandom.current().nextInt(n);
        }
      }
    } finally {
      for (Arm<R> a : arms) {
        a.unregister(w);
      }
    }
    return won.get();
  }

  private Supplier<R> pollAll(int start) {
    int n = arms.size();
    for (int i = 0; i < n; i++) {
      Supplier<R> s = arms.get((start + i) % n).poll();
      if (s != null) {
        return s;
      }
    }
    return null;
  }
}

package dev.patina.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that turns the {@link TimerWheel}: it sleeps until the next expiry (or until an
 * earlier timer is inserted), fires what expired, and sleeps again. Timer actions run on this
 * thread and only wake waiters, so one platform thread serves every sleeping virtual thread.
 */
public final class TimerDriver {
  private static final long NANOS_PER_TICK = TimeUnit.MILLISECONDS.toNanos(1);

  private static final class Holder {
    static final TimerDriver GLOBAL = new TimerDriver();
  }

  /** The process-wide driver, started on first use. */
  public static TimerDriver global() {
    return Holder.GLOBAL;
  }

  private final long origin = System.nanoTime();
  private final TimerWheel wheel = new TimerWheel();
  private final Thread thread;
  private final LongAdder fired = new LongAdder();
  private long sleepingUntil = Long.MAX_VALUE; // guarded by this

  private TimerDriver() {
    thread = Thread.ofPlatform().daemon().name("patina-timer").unstarted(this::loop);
    thread.start();
  }

  /**
   * Runs {@code action} on the driver thread at or after {@code deadlineNanos} ({@link
   * System#nanoTime()} scale). Deadlines round up to the next millisecond, so a timer never fires
   * early.
   */
  public TimerWheel.Entry schedule(long deadlineNanos, Runnable action) {
    long tick = toTick(deadlineNanos);
    boolean wake;
    TimerWheel.Entry e;
    synchronized (this) {
      e = wheel.insert(tick, action);
      wake = tick < sleepingUntil;
      if (wake) {
        sleepingUntil = tick;
      }
    }
    if (wake) {
      LockSupport.unpark(thread);
    }
    return e;
  }

  public synchronized boolean cancel(TimerWheel.Entry e) {
    return wheel.cancel(e);
  }

  public synchronized int pending() {
    return wheel.size();
  }

  public long fired() {
    return fired.sum();
  }

  private long toTick(long deadlineNanos) {
    long rel = deadlineNanos - origin;
    if (rel <= 0) {
      return 0;
    }
    return rel / NANOS_PER_TICK + (rel % NANOS_PER_TICK == 0 ? 0 : 1);
  }

  private long nowTick() {
    return (System.nanoTime() - origin) / NANOS_PER_TICK;
  }

  private void loop() {
    List<TimerWheel.Entry> due = new ArrayList<>();
    while (true) {
      long next;
      synchronized (this) {
        wheel.poll(nowTick(), due);
        next = wheel.nextExpiration();
        sleepingUntil = next;
      }
      for (TimerWheel.Entry e : due) {
        try {
          e.action().run();
        } catch (RuntimeException | Error ex) {
          // An action only wakes a waiter; one that throws must not stop every other timer.
          thread.getUncaughtExceptionHandler().uncaughtException(thread, ex);
        }
      }
      fired.add(due.size());
      due.clear();
      if (next == Long.MAX_VALUE) {
        LockSupport.park(this);
      } else {
        long waitNanos = origin + next * NANOS_PER_TICK - System.nanoTime();
        if (waitNanos > 0) {
          LockSupport.parkNanos(this, waitNanos);
        }
      }
    }
  }
}

package dev.patina.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ticks at a fixed period, as {@code tokio::time::Interval}. The first tick completes at once (at
 * the start instant); each {@link #tick()} waits for the next one. Not thread-safe: one consumer,
 * like Tokio's {@code &mut self}.
 */
public final class Interval {
  private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Clock clock;
  private final long period;
  private long next;
  private MissedTickBehavior behavior = MissedTickBehavior.BURST;

  Interval(Clock clock, long startNanos, Duration period) {
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("interval period must be positive, got " + period);
    }
    this.clock = clock;
    this.period = period.toNanos();
    this.next = startNanos;
  }

  /**
   * Waits for the next tick.
   *
   * @return the instant ({@link System#nanoTime()} scale) the tick was scheduled for, which with
   *     {@link MissedTickBehavior#BURST} is on the original schedule even when late
   */
  public long tick() throws InterruptedException {
    long deadline = next;
    clock.sleepUntil(deadline);
    long now = clock.nanoTime();
    next = now - deadline > LATE_NANOS ? behavior.next(deadline, now, period) : deadline + period;
    return deadline;
  }

  /** Restarts the schedule: the next tick is one period from now. */
  public void reset() {
    next = clock.nanoTime() + period;
  }

  public void setMissedTickBehavior(MissedTickBehavior behavior) {
    this.behavior = behavior;
  }

  public MissedTickBehavior missedTickBehavior() {
    return behavior;
  }

  public Duration period() {
    return Duration.ofNanos(period);
  }

  /** When the next tick is due ({@link System#nanoTime()} scale). */
  public long nextTick() {
    return next;
  }
}

package dev.patina.runtime;

/**
 * What an {@link Interval} does when ticks were missed because the caller came back late, as {@code
 * tokio::time::MissedTickBehavior}. As in Tokio, a tick counts as missed only when the caller is
 * more than 5 ms late.
 */
public enum MissedTickBehavior {
  /**
   * Keep the original schedule: the missed ticks fire back to back until caught up. The default.
   */
  BURST {
    @Override
    long next(long missedDeadline, long now, long period) {
      return missedDeadline + period;
    }
  },
  /** Restart the schedule from now: the next tick is one period after the late one was taken. */
  DELAY {
    @Override
    long next(long missedDeadline, long now, long period) {
      return now + period;
    }
  },
  /** Drop the missed ticks: the next tick is the next multiple of the period on the schedule. */
  SKIP {
    @Override
    long next(long missedDeadline, long now, long period) {
      return now + period - Math.floorMod(now - missedDeadline, period);
    }
  };

  /** The deadline after a tick due at {@code missedDeadline} was taken late, at {@code now}. */
  abstract long next(long missedDeadline, long now, long period);
}

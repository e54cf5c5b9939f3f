package dev.patina.pd.tso;

import dev.patina.pd.PdException;
import dev.patina.pd.storage.Backend;
import dev.patina.pd.storage.Keys;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timestamp oracle: hands out strictly increasing timestamps, also across restarts and crashes.
 *
 * <p>As in PD, a time window is persisted: before any timestamp whose physical part reaches the
 * saved bound is handed out, {@code physical + saveInterval} is stored durably. After a restart the
 * oracle starts above the saved bound, so no timestamp handed out before a crash (all below the
 * bound) can be handed out again, even if the wall clock went back. When the 18 logical bits of one
 * millisecond run out, the physical part moves on by one millisecond ahead of the clock.
 */
public final class TimestampOracle {
  private static final Logger log = LoggerFactory.getLogger(TimestampOracle.class);

  private final Backend backend;
  private final LongSupplier clock;
  private final long saveIntervalMillis;

  private long physical;
  private long logical;
  private long saved;

  /**
   * Loads the saved window and starts above it.
   *
   * @param clock wall-clock milliseconds (System::currentTimeMillis in production)
   * @param saveIntervalMillis width of the persisted window (PD's tso-save-interval, 3 s)
   */
  public TimestampOracle(Backend backend, LongSupplier clock, long saveIntervalMillis) {
    if (saveIntervalMillis < 1) {
      throw new IllegalArgumentException("tso-save-interval must be at least 1 ms");
    }
    this.backend = backend;
    this.clock = clock;
    this.saveIntervalMillis = saveIntervalMillis;
    byte[] stored = backend.get(Keys.TIMESTAMP);
    long last = stored == null ? 0 : Keys.readU64(stored, "timestamp");
    long now = clock.getAsLong();
    this.physical = Math.max(now, last + 1);
    this.logical = 0;
    if (last > now) {
      log.warn(
          "TSO: the saved window ends {} ms after the wall clock; starting from it (clock went back?)",
          last - now);
    }
    save(physical + saveIntervalMillis);
  }

  /**
   * Reserves {@code count} consecutive timestamps and returns the last one; the first is {@code
   * last.logical - count + 1} in the same millisecond.
   */
  public synchronized Timestamp next(int count) {
    if (count < 1 || count >= Timestamp.MAX_LOGICAL) {
      throw PdException.invalid(
          "tso count should be between 1 and " + (Timestamp.MAX_LOGICAL - 1) + ", got " + count);
    }
    long now = clock.getAsLong();
    if (now > physical) {
      physical = now;
      logical = 0;
    }
    if (logical + count >= Timestamp.MAX_LOGICAL) {
      physical++;
      logical = 0;
    }
    if (physical >= saved) {
      save(physical + saveIntervalMillis);
    }
    logical += count;
    return new Timestamp(physical, logical);
  }

  /**
   * Extends the persisted window ahead of time so that {@link #next} rarely waits for a disk write;
   * called periodically (every 50 ms in the server).
   */
  public synchronized void refresh() {
    long head = Math.max(clock.getAsLong(), physical);
    if (saved - head <= saveIntervalMillis / 2) {
      save(head + saveIntervalMillis);
    }
  }

  /** The persisted upper bound of physical times handed out (exclusive). */
  public synchronized long savedBound() {
    return saved;
  }

  private void save(long bound) {
    backend.put(Keys.TIMESTAMP, Keys.u64(bound));
    saved = bound;
  }
}

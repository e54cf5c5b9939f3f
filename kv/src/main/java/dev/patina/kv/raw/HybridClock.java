package dev.patina.kv.raw;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A local TSO-shaped clock ({@code physical_ms << 18 | logical}) that never goes backwards, for API
 * V2 raw writes when no PD timestamp source is given.
 */
public final class HybridClock implements LongSupplier {
  private final LongSupplier millis;
  private final AtomicLong last = new AtomicLong();

  public HybridClock(LongSupplier millis) {
    this.millis = millis;
  }

  @Override
  public long getAsLong() {
    long physical = millis.getAsLong() << 18;
    return last.updateAndGet(prev -> Math.max(prev + 1, physical));
  }
}

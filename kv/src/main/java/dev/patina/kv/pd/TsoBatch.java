package dev.patina.kv.pd;

import java.util.function.LongSupplier;

/**
 * Timestamps from PD's TSO, fetched in batches (TiKV's causal timestamps for API V2 raw writes):
 * strictly increasing across the store and across restarts, since PD never hands out a timestamp
 * twice. Throws {@link PdException} when PD cannot be reached and the batch is used up.
 */
public final class TsoBatch implements LongSupplier {
  private final PdClient pd;
  private final int batch;
  private long next;
  private long last = -1;

  public TsoBatch(PdClient pd, int batch) {
    this.pd = pd;
    this.batch = batch;
  }

  @Override
  public synchronized long getAsLong() {
    if (next > last) {
      last = pd.tso(batch);
      next = last - batch + 1;
    }
    return next++;
  }
}

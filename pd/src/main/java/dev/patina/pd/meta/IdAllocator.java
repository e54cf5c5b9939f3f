package dev.patina.pd.meta;

import dev.patina.pd.storage.Backend;
import dev.patina.pd.storage.Keys;

/**
 * Unique ids for stores, regions and peers. As in PD, ids are reserved in durable batches: the end
 * of the current batch is stored before any id in it is handed out, and a restart continues after
 * the stored end, so an id is never handed out twice (ids skipped by a restart are simply unused).
 */
public final class IdAllocator {
  /** Ids reserved by one durable write (PD's allocator step). */
  public static final long STEP = 1000;

  private final Backend backend;
  private long next;
  private long end;

  public IdAllocator(Backend backend) {
    this.backend = backend;
    byte[] stored = backend.get(Keys.ALLOC_ID);
    this.end = stored == null ? 0 : Keys.readU64(stored, "alloc id");
    this.next = end + 1;
  }

  /** A new id, never 0. */
  public synchronized long alloc() {
    if (next > end) {
      long newEnd = end + STEP;
      backend.put(Keys.ALLOC_ID, Keys.u64(newEnd));
      end = newEnd;
    }
    return next++;
  }

  /** The largest id that may have been handed out (end of the reserved batch). */
  public synchronized long reservedEnd() {
    return end;
  }
}

package dev.patina.kv.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * TiKV's scheduler flow control: writes in flight are counted in bytes, and beyond {@code
 * storage.scheduler-pending-write-threshold} new writes are refused with ServerIsBusy ("scheduler
 * is busy") so that clients back off instead of piling up. One write is always admitted when none
 * is pending, whatever its size.
 */
final class WriteFlow {
  static final String SCHEDULER_IS_BUSY = "scheduler is busy";

  private final long threshold;
  private final AtomicLong pending = new AtomicLong();

  WriteFlow(long threshold) {
    this.threshold = threshold;
  }

  /** Admits a write of {@code bytes}, or returns false when the store is too busy. */
  boolean tryAcquire(long bytes) {
    while (true) {
      long p = pending.get();
      if (p > 0 && p + bytes > threshold) {
        return false;
      }
      if (pending.compareAndSet(p, p + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    pending.addAndGet(-bytes);
  }

  long pending() {
    return pending.get();
  }
}

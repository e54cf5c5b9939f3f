package dev.patina.kv.txn;

import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.mvcc.Lock;
import dev.patina.kv.mvcc.TimeStamps;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * TiKV's {@code ConcurrencyManager}: the largest timestamp any read has used ({@code max_ts}), and
 * in-memory locks of async-commit / 1PC prewrites between computing their min_commit_ts and writing
 * their locks. A reader first raises max_ts, then checks memory locks; a prewrite first registers
 * its key, then reads max_ts under the key's monitor. So either the reader sees the lock, or the
 * prewrite sees the reader's ts.
 */
public final class ConcurrencyManager {
  private final AtomicLong maxTs = new AtomicLong();
  private final ConcurrentSkipListMap<byte[], MemLock> locks =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

  /** A registered key; its lock is set once min_commit_ts is known. */
  public static final class MemLock {
    private Lock lock;
    private int holders = 1;

    synchronized Lock lock() {
      return lock;
    }

    synchronized void set(Lock l) {
      this.lock = l;
    }
  }

  public long maxTs() {
    return maxTs.get();
  }

  /** Raises max_ts to {@code ts} ({@code TimeStamp::max()} is ignored, as TiKV). */
  public void updateMaxTs(long ts) {
    if (TimeStamps.isMax(ts)) {
      return;
    }
    maxTs.accumulateAndGet(ts, TimeStamps::max);
  }

  /** Registers {@code key} for a prewrite; call {@link #release} after the write. */
  public MemLock register(byte[] key) {
    return locks.compute(
        key,
        (k, v) -> {
          if (v == null) {
            return new MemLock();
          }
          synchronized (v) {
            v.holders++;
          }
          return v;
        });
  }

  public void release(byte[] key, MemLock m) {
    locks.computeIfPresent(
        key,
        (k, v) -> {
          if (v != m) {
            return v;
          }
          synchronized (v) {
            v.holders--;
            if (v.holders == 0) {
              return null;
            }
            v.lock = null;
            return v;
          }
        });
  }

  /**
   * Computes a lock's min_commit_ts from max_ts under the key's monitor and publishes it (TiKV's
   * {@code async_commit_timestamps}).
   */
  public long publish(MemLock m, BiFunction<Long, Lock, Lock> withMaxTs, Lock lock) {
    synchronized (m) {
      Lock l = withMaxTs.apply(maxTs.get(), lock);
      m.lock = l;
      return l.minCommitTs();
    }
  }

  /** {@code read_key_check}: throws the error {@code check} returns for the key's memory lock. */
  public void readKeyCheck(byte[] key, BiFunction<byte[], Lock, KeyError> check) {
    if (locks.isEmpty()) {
      return;
    }
    MemLock m = locks.get(key);
    if (m != null) {
      Lock l = m.lock();
      if (l != null) {
        KeyError e = check.apply(key, l);
        if (e != null) {
          throw new KeyErrorException(e);
        }
      }
    }
  }

  /** {@code read_range_check} over encoded {@code [start, end)} (empty end: unbounded). */
  public void readRangeCheck(byte[] start, byte[] end, BiFunction<byte[], Lock, KeyError> check) {
    if (locks.isEmpty()) {
      return;
    }
    Map<byte[], MemLock> sub =
        end == null || end.length == 0
            ? locks.tailMap(start, true)
            : locks.subMap(start, true, end, false);
    for (Map.Entry<byte[], MemLock> e : sub.entrySet()) {
      Lock l = e.getValue().lock();
      if (l != null) {
        KeyError err = check.apply(e.getKey(), l);
        if (err != null) {
          throw new KeyErrorException(err);
        }
      }
    }
  }

  /** The memory lock of a key, if any (prewrites in flight). */
  public Lock memoryLock(byte[] key) {
    MemLock m = locks.get(key);
    return m == null ? null : m.lock();
  }
}

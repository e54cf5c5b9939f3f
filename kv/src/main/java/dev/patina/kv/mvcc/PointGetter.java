package dev.patina.kv.mvcc;

import dev.patina.kv.IsolationLevel;
import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.TxnReadOptions;
import java.util.Arrays;

/**
 * Snapshot-isolation point reads ({@code PointGetter}): the value of a key as of {@code ts}, with
 * TiKV's lock checks.
 */
public final class PointGetter {
  private final MvccReader reader;
  private final long ts;
  private final TxnReadOptions options;
  private final boolean omitValue;

  public PointGetter(MvccReader reader, long ts, TxnReadOptions options, boolean omitValue) {
    this.reader = reader;
    this.ts = ts;
    this.options = options;
    this.omitValue = omitValue;
  }

  /**
   * TiKV's {@code check_ts_conflict} for SI: a lock blocks a read at {@code ts} unless it is newer,
   * a LOCK or pessimistic lock, pushed past {@code ts} (min_commit_ts), bypassed, or the primary
   * read at {@code ts = MAX}. Returns the error, or null.
   */
  public static KeyError checkTsConflict(Lock lock, byte[] rawKey, long ts, TxnReadOptions opts) {
    if (opts.isolationLevel() != IsolationLevel.SI) {
      return null;
    }
    if (TimeStamps.gt(lock.ts(), ts)
        || lock.lockType() == LockType.LOCK
        || lock.isPessimisticLock()) {
      return null;
    }
    if (TimeStamps.gt(lock.minCommitTs(), ts)) {
      return null;
    }
    if (opts.resolvedLocks().contains(lock.ts())) {
      return null;
    }
    if (TimeStamps.isMax(ts) && Arrays.equals(rawKey, lock.primary()) && !lock.useAsyncCommit()) {
      return null;
    }
    return new KeyError.Locked(lock.toLockInfo(rawKey));
  }

  /** The value of the encoded key as of {@code ts}, null when absent; throws when locked. */
  public byte[] get(byte[] key, byte[] rawKey) {
    if (options.isolationLevel() == IsolationLevel.SI) {
      Lock lock = reader.loadLock(key);
      if (lock != null) {
        KeyError e = checkTsConflict(lock, rawKey, ts, options);
        if (e != null) {
          if (options.committedLocks().contains(lock.ts())) {
            return valueFromLock(key, lock);
          }
          throw new KeyErrorException(e);
        }
      }
    }
    return read(key);
  }

  /** The committed value as of {@code ts} (no lock check). */
  public byte[] read(byte[] key) {
    MvccReader.WriteAt w = reader.seekWrite(key, ts);
    while (w != null) {
      if (!w.write().checkGcFenceAsLatestVersion(ts)) {
        return null;
      }
      switch (w.write().writeType()) {
        case PUT -> {
          return omitValue ? new byte[0] : reader.loadData(key, w.write());
        }
        case DELETE -> {
          return null;
        }
        default -> {
          if (w.commitTs() == 0) {
            return null;
          }
          w = reader.seekWrite(key, w.commitTs() - 1);
        }
      }
    }
    return null;
  }

  /** A committed transaction's lock: its value is what the read sees. */
  byte[] valueFromLock(byte[] key, Lock lock) {
    return switch (lock.lockType()) {
      case PUT -> {
        if (omitValue) {
          yield new byte[0];
        }
        if (lock.shortValue() != null) {
          yield lock.shortValue();
        }
        byte[] v =
            reader
                .snapshot()
                .get(dev.patina.kv.engine.Cf.DEFAULT, MvccKey.appendTs(key, lock.ts()));
        if (v == null) {
          throw new KeyErrorException(
              new KeyError.DefaultNotFound(MvccKey.appendTs(key, lock.ts())));
        }
        yield v;
      }
      case DELETE -> null;
      default -> read(key);
    };
  }
}

package dev.patina.kv.mvcc;

import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.engine.EngineIterator;
import dev.patina.kv.engine.EngineSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads MVCC data from a snapshot: locks, write records and values, as TiKV's {@code MvccReader}.
 * Keys are encoded user keys. Not thread-safe.
 */
public final class MvccReader {
  private final EngineSnapshot snap;
  private EngineIterator writeIt;

  public MvccReader(EngineSnapshot snap) {
    this.snap = snap;
  }

  public EngineSnapshot snapshot() {
    return snap;
  }

  /** A write record and its commit_ts. */
  public record WriteAt(long commitTs, Write write) {}

  /** The lock on {@code key}, or null. */
  public Lock loadLock(byte[] key) {
    byte[] v = snap.get(Cf.LOCK, key);
    return v == null ? null : Lock.parse(v);
  }

  /** The newest write record of {@code key} with commit_ts {@code <= ts}, or null. */
  public WriteAt seekWrite(byte[] key, long ts) {
    if (writeIt == null) {
      writeIt = snap.iterator(Cf.WRITE, null, null);
    }
    if (!writeIt.seek(MvccKey.appendTs(key, ts))) {
      return null;
    }
    byte[] k = writeIt.key();
    if (!MvccKey.isUserKeyEq(k, key)) {
      return null;
    }
    return new WriteAt(MvccKey.decodeTs(k), Write.parse(writeIt.value()));
  }

  /**
   * The newest PUT of {@code key} at or before {@code ts} (null if the newest data version is a
   * DELETE or there is none); LOCK and ROLLBACK records are skipped. With {@code gcFenceLimit}
   * (nullable) a record whose GC fence is at or below it is treated as deleted.
   */
  public WriteAt getWriteWithCommitTs(byte[] key, long ts, Long gcFenceLimit) {
    WriteAt w = seekWrite(key, ts);
    while (w != null) {
      if (gcFenceLimit != null && !w.write().checkGcFenceAsLatestVersion(gcFenceLimit)) {
        return null;
      }
      switch (w.write().writeType()) {
        case PUT -> {
          return w;
        }
        case DELETE -> {
          return null;
        }
        default -> {
          if (w.write().versionsToLastChange() != 0 && w.write().lastChangeTs() == 0) {
            return null; // LastChange::NotExist
          }
          if (w.commitTs() == 0) {
            return null;
          }
          w = seekWrite(key, w.commitTs() - 1);
        }
      }
    }
    return null;
  }

  /** The value of {@code key} as of {@code ts} (no lock check). */
  public byte[] get(byte[] key, long ts, Long gcFenceLimit) {
    WriteAt w = getWriteWithCommitTs(key, ts, gcFenceLimit);
    return w == null ? null : loadData(key, w.write());
  }

  /** The value a PUT record points at: inline or in the default column family. */
  public byte[] loadData(byte[] key, Write write) {
    if (write.shortValue() != null) {
      return write.shortValue();
    }
    byte[] v = snap.get(Cf.DEFAULT, MvccKey.appendTs(key, write.startTs()));
    if (v == null) {
      throw new KeyErrorException(
          new KeyError.DefaultNotFound(MvccKey.appendTs(key, write.startTs())));
    }
    return v;
  }

  /**
   * TiKV's {@code get_txn_commit_record}: scans the versions of {@code key} from the newest down to
   * {@code startTs} for the record of the transaction that started at {@code startTs}.
   */
  public TxnCommitRecord getTxnCommitRecord(byte[] key, long startTs) {
    long seekTs = TimeStamps.MAX;
    long gcFence = 0;
    WriteAt w;
    while ((w = seekWrite(key, seekTs)) != null) {
      if (w.write().startTs() == startTs) {
        return new TxnCommitRecord.SingleRecord(w.commitTs(), w.write());
      }
      if (w.commitTs() == startTs) {
        if (w.write().hasOverlappedRollback()) {
          return new TxnCommitRecord.OverlappedRollback(w.commitTs());
        }
        return new TxnCommitRecord.None(w.write(), gcFence);
      }
      if (w.write().writeType() == WriteType.PUT || w.write().writeType() == WriteType.DELETE) {
        gcFence = w.commitTs();
      }
      if (TimeStamps.lt(w.commitTs(), startTs) || w.commitTs() == 0) {
        break;
      }
      seekTs = w.commitTs() - 1;
    }
    return new TxnCommitRecord.None(null, 0);
  }

  /** A lock and its (encoded) key. */
  public record KeyLock(byte[] key, Lock lock) {}

  /** Locks in encoded {@code [start, end)} accepted by {@code filter}, at most {@code limit}. */
  public List<KeyLock> scanLocks(byte[] start, byte[] end, Predicate<Lock> filter, int limit) {
    List<KeyLock> out = new ArrayList<>();
    EngineIterator it = snap.iterator(Cf.LOCK, start, end);
    for (boolean ok = it.seekToFirst(); ok; ok = it.next()) {
      Lock l = Lock.parse(it.value());
      if (filter.test(l)) {
        out.add(new KeyLock(it.key(), l));
        if (limit > 0 && out.size() >= limit) {
          break;
        }
      }
    }
    return out;
  }
}

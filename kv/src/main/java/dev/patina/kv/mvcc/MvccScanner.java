package dev.patina.kv.mvcc;

import dev.patina.kv.IsolationLevel;
import dev.patina.kv.KeyError;
import dev.patina.kv.KeyFailure;
import dev.patina.kv.KvPair;
import dev.patina.kv.KvResult;
import dev.patina.kv.TxnReadOptions;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.engine.EngineIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Snapshot-isolation range scans ({@code ForwardKvScanner} / {@code BackwardKvScanner}): user keys
 * of encoded {@code [lower, upper)} as of {@code ts}, merging the lock and write column families. A
 * key with a blocking lock yields a {@link KeyFailure} in place (counted in the limit), as TiKV.
 */
public final class MvccScanner {
  private final MvccReader reader;
  private final long ts;
  private final TxnReadOptions options;
  private final boolean keyOnly;
  private final PointGetter getter;

  public MvccScanner(MvccReader reader, long ts, TxnReadOptions options, boolean keyOnly) {
    this.reader = reader;
    this.ts = ts;
    this.options = options;
    this.keyOnly = keyOnly;
    this.getter = new PointGetter(reader, ts, options, keyOnly);
  }

  /** Scans encoded {@code [lower, upper)} (empty upper: unbounded), at most {@code limit}. */
  public List<KvResult> scan(byte[] lower, byte[] upper, int limit, boolean reverse) {
    List<KvResult> out = new ArrayList<>(Math.min(limit, 256));
    if (limit <= 0) {
      return out;
    }
    EngineIterator writes = reader.snapshot().iterator(Cf.WRITE, lower, upper);
    EngineIterator locks = reader.snapshot().iterator(Cf.LOCK, lower, upper);
    boolean checkLocks = options.isolationLevel() == IsolationLevel.SI;
    boolean wOk = reverse ? writes.seekToLast() : writes.seekToFirst();
    boolean lOk = checkLocks && (reverse ? locks.seekToLast() : locks.seekToFirst());
    while ((wOk || lOk) && out.size() < limit) {
      byte[] wKey = wOk ? MvccKey.truncateTs(writes.key()) : null;
      byte[] lKey = lOk ? locks.key() : null;
      byte[] current;
      if (wKey == null) {
        current = lKey;
      } else if (lKey == null) {
        current = wKey;
      } else {
        int c = Arrays.compareUnsigned(wKey, lKey);
        current = (reverse ? c >= 0 : c <= 0) ? wKey : lKey;
      }
      boolean hasWrite = wKey != null && Arrays.equals(wKey, current);
      boolean hasLock = lKey != null && Arrays.equals(lKey, current);
      byte[] rawKey = null;
      KvResult result = null;
      boolean done = false;
      if (hasLock) {
        Lock lock = Lock.parse(locks.value());
        rawKey = MvccKey.decode(current);
        KeyError e = PointGetter.checkTsConflict(lock, rawKey, ts, options);
        if (e != null) {
          if (options.committedLocks().contains(lock.ts())) {
            byte[] v = getter.valueFromLock(current, lock);
            if (v != null) {
              result = new KvPair(rawKey, keyOnly ? new byte[0] : v);
            }
          } else {
            result = new KeyFailure(rawKey, e);
          }
          done = true;
        }
        lOk = reverse ? locks.prev() : locks.next();
      }
      if (hasWrite) {
        if (!done) {
          byte[] v = getter.read(current);
          if (v != null) {
            result = new KvPair(rawKey != null ? rawKey : MvccKey.decode(current), v);
          }
        }
        // Move the write cursor past every version of the current key.
        if (reverse) {
          wOk = writes.seekForPrev(current);
        } else {
          wOk = writes.seek(MvccKey.appendTs(current, 0));
          if (wOk && MvccKey.isUserKeyEq(writes.key(), current)) {
            wOk = writes.next();
          }
        }
      }
      if (result != null) {
        out.add(result);
      }
    }
    return out;
  }
}

package dev.patina.kv.txn;

import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.KeyFailure;
import dev.patina.kv.KeyRange;
import dev.patina.kv.KvPair;
import dev.patina.kv.KvResult;
import dev.patina.kv.LockInfo;
import dev.patina.kv.Mutation;
import dev.patina.kv.PrewriteRequest;
import dev.patina.kv.PrewriteResult;
import dev.patina.kv.TxnReadOptions;
import dev.patina.kv.TxnStatus;
import dev.patina.kv.mvcc.MvccKey;
import dev.patina.kv.raw.HybridClock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal Percolator client over {@link TxnStore} as tikv-client-java drives TiKV: a TSO,
 * regions, per-region prewrites, primary-first commit, and lock resolution (check the primary's
 * status, then commit or roll back the lock) when reads or prewrites meet locks.
 */
final class TxnClient {
  final TxnStore store;
  final List<KeyRange> regions;
  final HybridClock tso = new HybridClock(System::currentTimeMillis);

  TxnClient(TxnStore store, List<KeyRange> regions) {
    this.store = store;
    this.regions = regions;
  }

  KeyRange regionOf(byte[] rawKey) {
    byte[] enc = MvccKey.encode(rawKey);
    for (KeyRange r : regions) {
      if (r.contains(enc)) {
        return r;
      }
    }
    throw new IllegalStateException("no region");
  }

  /** Resolves one lock met by a reader or writer at {@code callerTs}; true when it is gone. */
  boolean resolve(LockInfo lock, long callerTs, Set<Long> resolved) {
    long now = tso.getAsLong();
    TxnStatus st =
        store.checkTxnStatus(
            regionOf(lock.primaryLock()),
            lock.primaryLock(),
            lock.lockVersion(),
            callerTs,
            now,
            true,
            false,
            false,
            true);
    if (st instanceof TxnStatus.Uncommitted u) {
      if (u.minCommitTsPushed() && resolved != null) {
        resolved.add(lock.lockVersion());
        return true;
      }
      return false;
    }
    store.resolveLock(
        regionOf(lock.key()), lock.lockVersion(), st.commitVersion(), List.of(lock.key()));
    return true;
  }

  static void backoff() {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A snapshot read that resolves locks until it gets a value (or null). */
  byte[] get(byte[] key, long ts) {
    Set<Long> resolved = new HashSet<>();
    while (true) {
      try {
        return store.get(regionOf(key), key, ts, new TxnReadOptions(null, resolved, null));
      } catch (KeyErrorException e) {
        if (!(e.error() instanceof KeyError.Locked l)) {
          throw e;
        }
        if (!resolve(l.lock(), ts, resolved)) {
          backoff();
        }
      }
    }
  }

  /** A snapshot scan over every region, resolving locks until none is met. */
  List<KvPair> scanAll(long ts) {
    Set<Long> resolved = new HashSet<>();
    List<KvPair> out = new ArrayList<>();
    for (KeyRange r : regions) {
      while (true) {
        List<KvResult> rs =
            store.scan(
                r,
                new byte[0],
                new byte[0],
                100_000,
                ts,
                false,
                false,
                new TxnReadOptions(null, resolved, null));
        boolean clean = true;
        for (KvResult x : rs) {
          if (x instanceof KeyFailure f && f.error() instanceof KeyError.Locked l) {
            clean = false;
            if (!resolve(l.lock(), ts, resolved)) {
              backoff();
            }
          }
        }
        if (clean) {
          for (KvResult x : rs) {
            out.add((KvPair) x);
          }
          break;
        }
      }
    }
    return out;
  }

  /** How a transaction ends. */
  enum Fate {
    COMMIT,
    /** The client dies after prewriting everything. */
    DIE_AFTER_PREWRITE,
    /** The client dies after committing the primary only. */
    DIE_AFTER_PRIMARY
  }

  /**
   * Prewrites and commits {@code writes} (key → value) as one transaction started at {@code
   * startTs}. Returns the commit_ts, or 0 when aborted by a conflict (then rolled back), or -1 when
   * the client "died" (the fate decides whether the transaction will be committed by resolvers).
   */
  long commit(long startTs, Map<byte[], byte[]> writes, long ttl, Fate fate) {
    List<byte[]> keys = new ArrayList<>(writes.keySet());
    byte[] primary = keys.get(0);
    Map<KeyRange, List<Mutation>> byRegion = new LinkedHashMap<>();
    for (byte[] k : keys) {
      byRegion
          .computeIfAbsent(regionOf(k), x -> new ArrayList<>())
          .add(Mutation.put(k, writes.get(k)));
    }
    for (Map.Entry<KeyRange, List<Mutation>> e : byRegion.entrySet()) {
      while (true) {
        PrewriteResult r;
        try {
          r =
              store.prewrite(
                  e.getKey(),
                  new PrewriteRequest(
                      e.getValue(),
                      primary,
                      startTs,
                      ttl,
                      false,
                      keys.size(),
                      0,
                      List.of(),
                      0,
                      null,
                      false,
                      0,
                      null));
        } catch (KeyErrorException ex) {
          rollback(startTs, keys);
          return 0; // write conflict (or rolled back by a resolver)
        }
        if (r.ok()) {
          break;
        }
        boolean progress = false;
        for (KeyError err : r.errors()) {
          if (err instanceof KeyError.Locked l) {
            progress |= resolve(l.lock(), startTs, null);
          }
        }
        if (!progress) {
          // Someone else's live lock: give up rather than wait (optimistic).
          rollback(startTs, keys);
          return 0;
        }
      }
    }
    if (fate == Fate.DIE_AFTER_PREWRITE) {
      return -1;
    }
    long commitTs = tso.getAsLong();
    try {
      store.commit(regionOf(primary), List.of(primary), startTs, commitTs);
    } catch (KeyErrorException ex) {
      rollback(startTs, keys);
      return 0; // the primary was rolled back by a resolver: aborted
    }
    if (fate == Fate.DIE_AFTER_PRIMARY) {
      return -1;
    }
    for (byte[] k : keys.subList(1, keys.size())) {
      store.commit(regionOf(k), List.of(k), startTs, commitTs);
    }
    return commitTs;
  }

  void rollback(long startTs, List<byte[]> keys) {
    for (byte[] k : keys) {
      try {
        store.batchRollback(regionOf(k), List.of(k), startTs);
      } catch (KeyErrorException e) {
        // committed by a resolver meanwhile: cannot happen for aborted primaries
        throw new IllegalStateException("rollback of an aborted txn failed: " + e.getMessage(), e);
      }
    }
  }
}

package dev.patina.kv.txn;

import dev.patina.kv.ApiVersion;
import dev.patina.kv.GcResult;
import dev.patina.kv.Hex;
import dev.patina.kv.InvalidRequestException;
import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.KeyFailure;
import dev.patina.kv.KeyNotInRangeException;
import dev.patina.kv.KeyRange;
import dev.patina.kv.KvPair;
import dev.patina.kv.KvResult;
import dev.patina.kv.Limits;
import dev.patina.kv.LockInfo;
import dev.patina.kv.Mutation;
import dev.patina.kv.Op;
import dev.patina.kv.PessimisticLockRequest;
import dev.patina.kv.PessimisticLockResult;
import dev.patina.kv.PrewriteRequest;
import dev.patina.kv.PrewriteResult;
import dev.patina.kv.SecondaryLocksStatus;
import dev.patina.kv.TxnReadOptions;
import dev.patina.kv.TxnStatus;
import dev.patina.kv.WritePath;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.engine.Engine;
import dev.patina.kv.engine.EngineIterator;
import dev.patina.kv.engine.EngineSnapshot;
import dev.patina.kv.mvcc.Lock;
import dev.patina.kv.mvcc.MvccKey;
import dev.patina.kv.mvcc.MvccReader;
import dev.patina.kv.mvcc.MvccScanner;
import dev.patina.kv.mvcc.MvccTxn;
import dev.patina.kv.mvcc.PointGetter;
import dev.patina.kv.mvcc.TimeStamps;
import dev.patina.kv.mvcc.TxnCommitRecord;
import dev.patina.kv.mvcc.Write;
import dev.patina.kv.mvcc.WriteType;
import dev.patina.kv.raw.KeyMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * TiKV's transactional commands (Percolator with snapshot isolation) on one store, with TiKV's
 * semantics and errors. Keys in requests are user (raw) keys; the {@link KeyRange} of each call is
 * the region's range in the encoded key space (memcomparable), as PD stores it. Write commands take
 * the latches of their keys, read a fresh snapshot, and write one atomic batch; when a command
 * fails nothing is written.
 */
public final class TxnStore {
  private static final int RESOLVE_LOCK_BATCH_SIZE = 256;
  private static final int GC_BATCH_KEYS = 256;

  private final Engine engine;
  private final WritePath writes;
  private final Latches latches;
  private final ConcurrencyManager cm;
  private final ApiVersion api;
  private final Limits limits;
  private final Object lockReleased = new Object();

  public TxnStore(
      Engine engine,
      WritePath writes,
      Latches latches,
      ConcurrencyManager cm,
      ApiVersion api,
      Limits limits) {
    this.engine = engine;
    this.writes = writes;
    this.latches = latches;
    this.cm = cm;
    this.api = api;
    this.limits = limits;
  }

  public ConcurrencyManager concurrencyManager() {
    return cm;
  }

  // ---- validation --------------------------------------------------------------------------

  private void checkApi(String cmd) {
    if (!api.allowsTxn()) {
      throw new InvalidRequestException(
          "Api version in request does not match with TiKV storage, cmd: "
              + cmd
              + ", storage: V1ttl, request: V1");
    }
  }

  /** Checks a user key and returns its encoded form, which must lie in {@code range}. */
  private byte[] key(String cmd, KeyRange range, byte[] raw) {
    if (raw == null) {
      throw new InvalidRequestException("missing key");
    }
    limits.checkKey(raw);
    if (api == ApiVersion.V2) {
      KeyMode m = KeyMode.of(raw);
      if (m != KeyMode.TXN && m != KeyMode.TIDB) {
        throw new InvalidRequestException(
            "Key mode mismatched with the request mode, cmd: "
                + cmd
                + ", storage: V2, key: "
                + Hex.key(raw));
      }
    }
    byte[] enc = MvccKey.encode(raw);
    if (!range.contains(enc)) {
      throw new KeyNotInRangeException(enc, range);
    }
    return enc;
  }

  private List<byte[]> keys(String cmd, KeyRange range, List<byte[]> raws) {
    List<byte[]> out = new ArrayList<>(raws.size());
    for (byte[] r : raws) {
      out.add(key(cmd, range, r));
    }
    return out;
  }

  // ---- command skeleton --------------------------------------------------------------------

  private interface Body<T> {
    T run(MvccTxn txn, MvccReader reader);
  }

  /** Latches, a fresh snapshot, the body, then one atomic write. */
  private <T> T write(KeyRange range, List<byte[]> latchKeys, long startTs, Body<T> body) {
    try (Latches.Guard g = latches.acquire(latchKeys);
        EngineSnapshot snap = engine.snapshot()) {
      MvccTxn txn = new MvccTxn(startTs);
      T result = body.run(txn, new MvccReader(snap));
      if (!txn.isEmpty()) {
        limits.checkWrite(txn.batch());
        writes.write(range, txn.batch());
        if (releasesLocks(txn)) {
          synchronized (lockReleased) {
            lockReleased.notifyAll();
          }
        }
      }
      return result;
    }
  }

  private static boolean releasesLocks(MvccTxn txn) {
    for (var m : txn.batch().modifies()) {
      if (m.cf() == Cf.LOCK && m.kind() == dev.patina.kv.engine.Batch.Kind.DELETE) {
        return true;
      }
    }
    return false;
  }

  // ---- reads -------------------------------------------------------------------------------

  private BiFunction<byte[], Lock, KeyError> memCheck(long ts, TxnReadOptions opts) {
    return (enc, lock) -> PointGetter.checkTsConflict(lock, MvccKey.decode(enc), ts, opts);
  }

  /** KvGet: the value as of {@code ts}, or null; {@code KeyIsLocked} if a lock blocks it. */
  public byte[] get(KeyRange range, byte[] key, long ts, TxnReadOptions opts) {
    checkApi("get");
    byte[] enc = key("get", range, key);
    cm.updateMaxTs(ts);
    cm.readKeyCheck(enc, memCheck(ts, opts));
    try (EngineSnapshot snap = engine.snapshot()) {
      return new PointGetter(new MvccReader(snap), ts, opts, false).get(enc, key);
    }
  }

  /**
   * KvBatchGet: pairs of the keys that exist, in request order; a locked key appears as a {@link
   * KeyFailure} in its place.
   */
  public List<KvResult> batchGet(KeyRange range, List<byte[]> keys, long ts, TxnReadOptions opts) {
    checkApi("batch_get");
    List<byte[]> encs = keys("batch_get", range, keys);
    cm.updateMaxTs(ts);
    List<KvResult> out = new ArrayList<>();
    try (EngineSnapshot snap = engine.snapshot()) {
      PointGetter g = new PointGetter(new MvccReader(snap), ts, opts, false);
      for (int i = 0; i < keys.size(); i++) {
        try {
          cm.readKeyCheck(encs.get(i), memCheck(ts, opts));
          byte[] v = g.get(encs.get(i), keys.get(i));
          if (v != null) {
            out.add(new KvPair(keys.get(i).clone(), v));
          }
        } catch (KeyErrorException e) {
          if (!(e.error() instanceof KeyError.Locked)) {
            throw e;
          }
          out.add(new KeyFailure(keys.get(i).clone(), e.error()));
        }
      }
    }
    return out;
  }

  /**
   * KvScan. Forward: user keys in {@code [start, end)}; reverse: in {@code [end, start)} from the
   * top. Empty bounds are unbounded; the scan stops at the region's end. Locked keys appear as
   * {@link KeyFailure}s, counted in {@code limit}.
   */
  public List<KvResult> scan(
      KeyRange range,
      byte[] start,
      byte[] end,
      int limit,
      long ts,
      boolean keyOnly,
      boolean reverse,
      TxnReadOptions opts) {
    checkApi("scan");
    if (limit < 0) {
      throw new InvalidRequestException("invalid scan limit " + limit);
    }
    start = start == null ? new byte[0] : start;
    end = end == null ? new byte[0] : end;
    limits.checkKey(start);
    limits.checkKey(end);
    byte[] lo;
    byte[] hi;
    if (!reverse) {
      lo = start.length == 0 ? range.start() : MvccKey.encode(start);
      if (start.length > 0 && !range.contains(lo)) {
        throw new KeyNotInRangeException(lo, range);
      }
      hi = minEnd(end.length == 0 ? end : MvccKey.encode(end), range.end());
    } else {
      hi = minEnd(start.length == 0 ? start : MvccKey.encode(start), range.end());
      if (start.length > 0 && Arrays.compareUnsigned(MvccKey.encode(start), range.start()) < 0) {
        throw new KeyNotInRangeException(MvccKey.encode(start), range);
      }
      lo = max(end.length == 0 ? end : MvccKey.encode(end), range.start());
    }
    if (limit == 0 || (hi.length > 0 && Arrays.compareUnsigned(lo, hi) >= 0)) {
      return List.of();
    }
    cm.updateMaxTs(ts);
    cm.readRangeCheck(lo, hi, memCheck(ts, opts));
    try (EngineSnapshot snap = engine.snapshot()) {
      return new MvccScanner(new MvccReader(snap), ts, opts, keyOnly).scan(lo, hi, limit, reverse);
    }
  }

  /** KvScanLock: locks with start_ts {@code <= maxTs} in {@code [start, end)} of the region. */
  public List<LockInfo> scanLocks(KeyRange range, long maxTs, byte[] start, byte[] end, int limit) {
    checkApi("scan_lock");
    start = start == null ? new byte[0] : start;
    end = end == null ? new byte[0] : end;
    byte[] lo = max(start.length == 0 ? start : MvccKey.encode(start), range.start());
    byte[] hi = minEnd(end.length == 0 ? end : MvccKey.encode(end), range.end());
    cm.updateMaxTs(maxTs);
    List<LockInfo> out = new ArrayList<>();
    try (EngineSnapshot snap = engine.snapshot()) {
      for (MvccReader.KeyLock kl :
          new MvccReader(snap).scanLocks(lo, hi, l -> TimeStamps.le(l.ts(), maxTs), limit)) {
        out.add(kl.lock().toLockInfo(MvccKey.decode(kl.key())));
      }
    }
    return out;
  }

  // ---- prewrite ----------------------------------------------------------------------------

  /** KvPrewrite (optimistic and pessimistic, 2PC, async commit, 1PC). */
  public PrewriteResult prewrite(KeyRange range, PrewriteRequest req) {
    checkApi("prewrite");
    if (req.primary() == null) {
      throw new InvalidRequestException("missing primary key");
    }
    limits.checkKey(req.primary());
    List<byte[]> encs = new ArrayList<>();
    for (Mutation m : req.mutations()) {
      encs.add(key("prewrite", range, m.key()));
    }
    if (req.secondaries() != null) {
      for (byte[] s : req.secondaries()) {
        limits.checkKey(s);
      }
    }
    PrewriteAction.Context ctx = new PrewriteAction.Context(cm);
    try {
      return write(
          range, encs, req.startTs(), (txn, reader) -> prewrite(ctx, txn, reader, req, encs));
    } finally {
      ctx.releaseMemLocks();
    }
  }

  private PrewriteResult prewrite(
      PrewriteAction.Context ctx,
      MvccTxn txn,
      MvccReader reader,
      PrewriteRequest req,
      List<byte[]> encs) {
    boolean tryOnePc = req.tryOnePc();
    List<byte[]> secondaryKeys = req.secondaries();
    PrewriteAction.CommitKind kind =
        tryOnePc
            ? PrewriteAction.CommitKind.ONE_PC
            : secondaryKeys != null
                ? PrewriteAction.CommitKind.ASYNC
                : PrewriteAction.CommitKind.TWO_PC;
    byte[] asyncPk =
        secondaryKeys != null && !secondaryKeys.isEmpty() ? MvccKey.encode(req.primary()) : null;
    long finalMinCommitTs = 0;
    List<KeyError> locks = new ArrayList<>();
    KeyErrorException assertionFailure = null;
    for (int i = 0; i < req.mutations().size(); i++) {
      PrewriteAction.Props props =
          new PrewriteAction.Props(
              req.startTs(),
              req.isPessimistic(),
              req.forUpdateTs(),
              req.skipConstraintCheck(),
              kind,
              req.maxCommitTs(),
              req.primary(),
              req.txnSize(),
              req.lockTtl(),
              req.minCommitTs(),
              false,
              req.assertionLevel());
      Mutation m = req.mutations().get(i);
      byte[] enc = encs.get(i);
      List<byte[]> secs = null;
      if (secondaryKeys != null) {
        secs = asyncPk != null && Arrays.equals(enc, asyncPk) ? secondaryKeys : List.of();
      }
      boolean needMinCommitTs = secs != null || tryOnePc;
      try {
        long ts =
            PrewriteAction.prewrite(ctx, txn, reader, props, m, enc, secs, req.actionOf(i), null);
        if (needMinCommitTs && ts == 0) {
          // A duplicate of a non-async prewrite: fall back to 2PC.
          kind = PrewriteAction.CommitKind.TWO_PC;
          asyncPk = null;
          secondaryKeys = null;
          tryOnePc = false;
          fallbackOnePcLocks(ctx, txn);
          finalMinCommitTs = 0;
        } else if (needMinCommitTs && TimeStamps.gt(ts, finalMinCommitTs)) {
          finalMinCommitTs = ts;
        }
      } catch (KeyErrorException e) {
        switch (e.error()) {
          case KeyError.WriteConflict wc
              when TimeStamps.gt(wc.conflictCommitTs(), wc.startTs()) -> {
            return committedOnError(
                e, txn, reader, enc, req.startTs(), secondaryKeys, tryOnePc, ctx);
          }
          case KeyError.PessimisticLockNotFound p -> {
            return committedOnError(
                e, txn, reader, enc, req.startTs(), secondaryKeys, tryOnePc, ctx);
          }
          case KeyError.CommitTsTooLarge t -> {
            Long committed = committedTs(reader, enc, req.startTs());
            if (committed != null) {
              txn.batch().clear();
              ctx.onePcLocks.clear();
              return result(List.of(), committed, secondaryKeys, tryOnePc, ctx, txn);
            }
            kind = PrewriteAction.CommitKind.TWO_PC;
            asyncPk = null;
            secondaryKeys = null;
            tryOnePc = false;
            fallbackOnePcLocks(ctx, txn);
            finalMinCommitTs = 0;
          }
          case KeyError.Locked l -> {
            Long committed = committedTs(reader, enc, req.startTs());
            if (committed != null) {
              txn.batch().clear();
              ctx.onePcLocks.clear();
              return result(List.of(), committed, secondaryKeys, tryOnePc, ctx, txn);
            }
            locks.add(l);
          }
          case KeyError.AssertionFailed a -> {
            if (assertionFailure == null) {
              assertionFailure = e;
            }
          }
          default -> throw e;
        }
      }
    }
    if (assertionFailure != null) {
      throw assertionFailure;
    }
    if (!locks.isEmpty()) {
      txn.batch().clear();
      ctx.onePcLocks.clear();
      return new PrewriteResult(locks, secondaryKeys != null ? finalMinCommitTs : 0, 0);
    }
    return result(List.of(), finalMinCommitTs, secondaryKeys, tryOnePc, ctx, txn);
  }

  private PrewriteResult result(
      List<KeyError> locks,
      long finalMinCommitTs,
      List<byte[]> secondaryKeys,
      boolean tryOnePc,
      PrewriteAction.Context ctx,
      MvccTxn txn) {
    long onePcCommitTs = 0;
    if (tryOnePc) {
      onePcCommitTs = finalMinCommitTs;
      for (PrewriteAction.OnePcLock l : ctx.onePcLocks) {
        Write w =
            Write.of(WriteType.ofLock(l.lock().lockType()), txn.startTs(), l.lock().shortValue())
                .withLastChange(l.lock().lastChangeTs(), l.lock().versionsToLastChange())
                .withTxnSource(l.lock().txnSource());
        txn.putWrite(l.key(), finalMinCommitTs, w);
        if (l.removePessimisticLock()) {
          txn.unlockKey(l.key());
        }
      }
      ctx.onePcLocks.clear();
    }
    return new PrewriteResult(locks, secondaryKeys != null ? finalMinCommitTs : 0, onePcCommitTs);
  }

  private static void fallbackOnePcLocks(PrewriteAction.Context ctx, MvccTxn txn) {
    for (PrewriteAction.OnePcLock l : ctx.onePcLocks) {
      txn.putLock(l.key(), l.lock());
    }
    ctx.onePcLocks.clear();
  }

  /** {@code check_committed_record_on_err}: a retried prewrite of a committed txn succeeds. */
  private PrewriteResult committedOnError(
      KeyErrorException e,
      MvccTxn txn,
      MvccReader reader,
      byte[] enc,
      long startTs,
      List<byte[]> secondaryKeys,
      boolean tryOnePc,
      PrewriteAction.Context ctx) {
    Long committed = committedTs(reader, enc, startTs);
    if (committed == null) {
      throw e;
    }
    txn.batch().clear();
    ctx.onePcLocks.clear();
    return result(List.of(), committed, secondaryKeys, tryOnePc, ctx, txn);
  }

  private static Long committedTs(MvccReader reader, byte[] enc, long startTs) {
    TxnCommitRecord rec = reader.getTxnCommitRecord(enc, startTs);
    if (rec instanceof TxnCommitRecord.SingleRecord s
        && s.write().writeType() != WriteType.ROLLBACK) {
      return s.commitTs();
    }
    return null;
  }

  // ---- commit, rollback, status ------------------------------------------------------------

  /** KvCommit: returns {@code commitTs}. */
  public long commit(KeyRange range, List<byte[]> keys, long startTs, long commitTs) {
    checkApi("commit");
    List<byte[]> encs = keys("commit", range, keys);
    if (TimeStamps.le(commitTs, startTs)) {
      throw new KeyErrorException(new KeyError.InvalidTxnTso(startTs, commitTs));
    }
    return write(
        range,
        encs,
        startTs,
        (txn, reader) -> {
          for (byte[] k : encs) {
            CommitAction.commit(txn, reader, k, commitTs);
          }
          return commitTs;
        });
  }

  /**
   * KvCleanup: roll back the transaction's lock on {@code key} if expired at {@code currentTs} (0:
   * always). Throws {@link KeyError.Committed} (the response's commit_version) when committed.
   */
  public void cleanup(KeyRange range, byte[] key, long startTs, long currentTs) {
    checkApi("cleanup");
    byte[] enc = key("cleanup", range, key);
    cm.updateMaxTs(startTs);
    write(
        range,
        List.of(enc),
        startTs,
        (txn, reader) -> {
          RollbackAction.cleanup(txn, reader, enc, currentTs, true);
          return null;
        });
  }

  /** KvBatchRollback. */
  public void batchRollback(KeyRange range, List<byte[]> keys, long startTs) {
    checkApi("rollback");
    List<byte[]> encs = keys("rollback", range, keys);
    write(
        range,
        encs,
        startTs,
        (txn, reader) -> {
          for (byte[] k : encs) {
            RollbackAction.cleanup(txn, reader, k, 0, false);
          }
          return null;
        });
  }

  /** KvCheckTxnStatus on the primary key. */
  public TxnStatus checkTxnStatus(
      KeyRange range,
      byte[] primaryKey,
      long lockTs,
      long callerStartTs,
      long currentTs,
      boolean rollbackIfNotExist,
      boolean forceSyncCommit,
      boolean resolvingPessimisticLock,
      boolean verifyIsPrimary) {
    checkApi("check_txn_status");
    byte[] enc = key("check_txn_status", range, primaryKey);
    long newMax = lockTs;
    if (!TimeStamps.isMax(currentTs) && TimeStamps.gt(currentTs, newMax)) {
      newMax = currentTs;
    }
    if (!TimeStamps.isMax(callerStartTs) && TimeStamps.gt(callerStartTs, newMax)) {
      newMax = callerStartTs;
    }
    cm.updateMaxTs(newMax);
    return write(
        range,
        List.of(enc),
        lockTs,
        (txn, reader) -> {
          Lock lock = reader.loadLock(enc);
          if (lock != null && lock.ts() == lockTs) {
            return TxnStatusAction.lockExists(
                txn,
                reader,
                enc,
                lock,
                currentTs,
                callerStartTs,
                forceSyncCommit,
                resolvingPessimisticLock,
                verifyIsPrimary,
                rollbackIfNotExist);
          }
          return RollbackAction.checkTxnStatusMissingLock(
              txn,
              reader,
              enc,
              lock,
              RollbackAction.MissingLockAction.rollback(rollbackIfNotExist),
              resolvingPessimisticLock);
        });
  }

  /** KvTxnHeartBeat: raise the primary lock's TTL to {@code adviseTtl}; returns the status. */
  public TxnStatus txnHeartBeat(KeyRange range, byte[] primaryKey, long startTs, long adviseTtl) {
    checkApi("txn_heart_beat");
    byte[] enc = key("txn_heart_beat", range, primaryKey);
    return write(
        range,
        List.of(enc),
        startTs,
        (txn, reader) -> {
          Lock lock = reader.loadLock(enc);
          if (lock == null || lock.ts() != startTs) {
            throw new KeyErrorException(new KeyError.TxnNotFound(startTs, primaryKey.clone()));
          }
          if (Long.compareUnsigned(lock.ttl(), adviseTtl) < 0) {
            lock = lock.withTtl(adviseTtl);
            txn.putLock(enc, lock);
          }
          return new TxnStatus.Uncommitted(lock.toLockInfo(lock.primary()), false);
        });
  }

  /**
   * KvResolveLock over the whole region: every lock of a transaction in {@code txnStatus} (start_ts
   * → commit_ts, 0 = roll back) is committed or rolled back, in batches of 256 keys.
   */
  public void resolveLock(KeyRange range, Map<Long, Long> txnStatus) {
    checkApi("resolve_lock");
    for (Map.Entry<Long, Long> e : txnStatus.entrySet()) {
      if (e.getValue() != 0 && TimeStamps.le(e.getValue(), e.getKey())) {
        throw new KeyErrorException(new KeyError.InvalidTxnTso(e.getKey(), e.getValue()));
      }
    }
    byte[] scanFrom = range.start();
    while (true) {
      List<MvccReader.KeyLock> batch;
      try (EngineSnapshot snap = engine.snapshot()) {
        batch =
            new MvccReader(snap)
                .scanLocks(
                    scanFrom,
                    range.end(),
                    l -> txnStatus.containsKey(l.ts()),
                    RESOLVE_LOCK_BATCH_SIZE);
      }
      if (batch.isEmpty()) {
        return;
      }
      List<byte[]> ks = batch.stream().map(MvccReader.KeyLock::key).toList();
      write(
          range,
          ks,
          0,
          (txn, reader) -> {
            for (MvccReader.KeyLock kl : batch) {
              long lockTs = kl.lock().ts();
              long commitTs = txnStatus.get(lockTs);
              txn.setStartTs(lockTs);
              if (commitTs == 0) {
                RollbackAction.cleanup(txn, reader, kl.key(), 0, false);
              } else {
                try {
                  CommitAction.commit(txn, reader, kl.key(), commitTs);
                } catch (KeyErrorException ex) {
                  if (!(ex.error() instanceof KeyError.TxnLockNotFound
                      && kl.lock().isPessimisticLock())) {
                    throw ex;
                  }
                }
              }
            }
            return null;
          });
      if (batch.size() < RESOLVE_LOCK_BATCH_SIZE) {
        return;
      }
      byte[] last = batch.get(batch.size() - 1).key();
      scanFrom = Arrays.copyOf(last, last.length + 1); // just after the last key
    }
  }

  /** KvResolveLock with keys ({@code ResolveLockLite}): commit or roll back these keys. */
  public void resolveLock(KeyRange range, long startTs, long commitTs, List<byte[]> keys) {
    checkApi("resolve_lock_lite");
    List<byte[]> encs = keys("resolve_lock_lite", range, keys);
    if (commitTs != 0 && TimeStamps.le(commitTs, startTs)) {
      throw new KeyErrorException(new KeyError.InvalidTxnTso(startTs, commitTs));
    }
    write(
        range,
        encs,
        startTs,
        (txn, reader) -> {
          for (byte[] k : encs) {
            if (commitTs != 0) {
              CommitAction.commit(txn, reader, k, commitTs);
            } else {
              RollbackAction.cleanup(txn, reader, k, 0, false);
            }
          }
          return null;
        });
  }

  // ---- pessimistic -------------------------------------------------------------------------

  /**
   * KvPessimisticLock. Locks all keys or none. A key locked by another transaction fails with
   * {@code KeyIsLocked} at once when {@code waitTimeoutMs <= 0}; otherwise the command waits (up to
   * the timeout) for locks to be released and retries, then reports the lock. No deadlock
   * detection.
   */
  public PessimisticLockResult pessimisticLock(KeyRange range, PessimisticLockRequest req) {
    checkApi("acquire_pessimistic_lock");
    if (req.primary() == null) {
      throw new InvalidRequestException("missing primary key");
    }
    limits.checkKey(req.primary());
    List<byte[]> encs = new ArrayList<>();
    for (Mutation m : req.mutations()) {
      if (m.op() != Op.PESSIMISTIC_LOCK && m.op() != Op.INSERT) {
        throw new InvalidRequestException("mismatch Op in pessimistic lock: " + m.op());
      }
      encs.add(key("acquire_pessimistic_lock", range, m.key()));
    }
    long deadline = System.nanoTime() + Math.max(0, req.waitTimeoutMs()) * 1_000_000L;
    while (true) {
      try {
        return write(
            range, encs, req.startTs(), (txn, reader) -> pessimisticLock(txn, reader, req, encs));
      } catch (KeyErrorException e) {
        long left = deadline - System.nanoTime();
        if (!(e.error() instanceof KeyError.Locked) || req.waitTimeoutMs() <= 0 || left <= 0) {
          throw e;
        }
        synchronized (lockReleased) {
          try {
            lockReleased.wait(Math.max(1, Math.min(left / 1_000_000L, 50)));
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    }
  }

  private PessimisticLockResult pessimisticLock(
      MvccTxn txn, MvccReader reader, PessimisticLockRequest req, List<byte[]> encs) {
    List<byte[]> values = new ArrayList<>();
    List<Boolean> notFounds = new ArrayList<>();
    for (int i = 0; i < encs.size(); i++) {
      PessimisticLockAction.KeyResult r =
          PessimisticLockAction.acquire(
              cm,
              txn,
              reader,
              encs.get(i),
              req.primary(),
              req.mutations().get(i).op() == Op.INSERT,
              req.lockTtl(),
              req.forUpdateTs(),
              req.returnValues(),
              req.checkExistence(),
              req.minCommitTs(),
              req.lockOnlyIfExists());
      if (req.returnValues()) {
        values.add(r.found() ? r.value() : new byte[0]);
        notFounds.add(!r.found());
      } else if (req.checkExistence()) {
        notFounds.add(!r.found());
      }
    }
    return new PessimisticLockResult(values, notFounds);
  }

  /** KVPessimisticRollback: remove this transaction's pessimistic locks up to forUpdateTs. */
  public void pessimisticRollback(
      KeyRange range, List<byte[]> keys, long startTs, long forUpdateTs) {
    checkApi("pessimistic_rollback");
    List<byte[]> encs = keys("pessimistic_rollback", range, keys);
    write(
        range,
        encs,
        startTs,
        (txn, reader) -> {
          for (byte[] k : encs) {
            Lock l = reader.loadLock(k);
            if (l != null
                && l.isPessimisticLock()
                && l.ts() == startTs
                && TimeStamps.le(l.forUpdateTs(), forUpdateTs)) {
              txn.unlockKey(k);
            }
          }
          return null;
        });
  }

  /** KvCheckSecondaryLocks (resolving async-commit transactions). */
  public SecondaryLocksStatus checkSecondaryLocks(KeyRange range, List<byte[]> keys, long startTs) {
    checkApi("check_secondary_locks");
    List<byte[]> encs = keys("check_secondary_locks", range, keys);
    cm.updateMaxTs(startTs);
    return write(
        range,
        encs,
        startTs,
        (txn, reader) -> {
          List<LockInfo> locked = new ArrayList<>();
          for (int i = 0; i < encs.size(); i++) {
            byte[] k = encs.get(i);
            Lock lock = reader.loadLock(k);
            Lock mismatch = null;
            SecondaryLocksStatus status = null;
            boolean needRollback;
            TxnCommitRecord.None overlapped = null;
            if (lock != null && lock.ts() == startTs) {
              if (lock.isPessimisticLock()) {
                txn.unlockKey(k);
                TxnCommitRecord rec = reader.getTxnCommitRecord(k, startTs);
                if (lock.isPessimisticLockWithConflict()
                    && !(rec instanceof TxnCommitRecord.None)) {
                  status = determined(rec);
                  needRollback = false;
                } else {
                  overlapped = rec instanceof TxnCommitRecord.None n ? n : null;
                  status = new SecondaryLocksStatus.RolledBack();
                  needRollback = true;
                }
              } else {
                locked.add(lock.toLockInfo(keys.get(i).clone()));
                needRollback = false;
              }
            } else {
              mismatch = lock;
              TxnCommitRecord rec = reader.getTxnCommitRecord(k, startTs);
              status = determined(rec);
              needRollback = rec instanceof TxnCommitRecord.None;
              overlapped = rec instanceof TxnCommitRecord.None n ? n : null;
            }
            if (needRollback) {
              if (mismatch != null) {
                txn.markRollbackOnMismatchingLock(k, mismatch, true);
              }
              Write w = RollbackAction.makeRollback(startTs, true, overlapped);
              if (w != null) {
                txn.putWrite(k, startTs, w);
                RollbackAction.collapsePrevRollback(txn, reader, k);
              }
            }
            if (status != null) {
              return status;
            }
          }
          return new SecondaryLocksStatus.Locked(locked);
        });
  }

  private static SecondaryLocksStatus determined(TxnCommitRecord rec) {
    if (rec instanceof TxnCommitRecord.SingleRecord s
        && s.write().writeType() != WriteType.ROLLBACK) {
      return new SecondaryLocksStatus.Committed(s.commitTs());
    }
    return new SecondaryLocksStatus.RolledBack();
  }

  // ---- GC ----------------------------------------------------------------------------------

  /**
   * MVCC garbage collection of the region at PD's safe point: for every key, versions older than
   * the newest one visible at the safe point are deleted (TiKV's {@code gc}).
   */
  public GcResult gc(KeyRange range, long safePoint) {
    checkApi("gc");
    long scanned = 0;
    long deleted = 0;
    byte[] from = range.start();
    while (true) {
      List<byte[]> batch = new ArrayList<>();
      try (EngineSnapshot snap = engine.snapshot()) {
        EngineIterator it = snap.iterator(Cf.WRITE, from, range.end());
        boolean ok = it.seekToFirst();
        while (ok && batch.size() < GC_BATCH_KEYS) {
          byte[] user = MvccKey.truncateTs(it.key());
          batch.add(user);
          ok = it.seek(MvccKey.appendTs(user, 0));
          if (ok && MvccKey.isUserKeyEq(it.key(), user)) {
            ok = it.next();
          }
        }
        if (batch.isEmpty()) {
          break;
        }
        from = ok ? MvccKey.truncateTs(it.key()) : null;
      }
      scanned += batch.size();
      deleted +=
          write(
              range,
              batch,
              0,
              (txn, reader) -> {
                long d = 0;
                for (byte[] k : batch) {
                  d += GcAction.gc(txn, reader, k, safePoint);
                }
                return d;
              });
      if (from == null) {
        break;
      }
    }
    return new GcResult(scanned, deleted);
  }

  // ---- helpers -----------------------------------------------------------------------------

  static byte[] max(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
  }

  static byte[] minEnd(byte[] a, byte[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
  }
}

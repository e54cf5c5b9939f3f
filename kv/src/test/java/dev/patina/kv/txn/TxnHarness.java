package dev.patina.kv.txn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.AssertionLevel;
import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.KeyRange;
import dev.patina.kv.Mutation;
import dev.patina.kv.PessimisticAction;
import dev.patina.kv.PessimisticLockRequest;
import dev.patina.kv.PrewriteRequest;
import dev.patina.kv.PrewriteResult;
import dev.patina.kv.Storage;
import dev.patina.kv.StorageOptions;
import dev.patina.kv.TxnReadOptions;
import dev.patina.kv.engine.Durability;
import dev.patina.kv.engine.EngineSnapshot;
import dev.patina.kv.mvcc.Lock;
import dev.patina.kv.mvcc.MvccKey;
import dev.patina.kv.mvcc.MvccReader;
import dev.patina.kv.mvcc.Write;
import dev.patina.kv.mvcc.WriteType;
import java.nio.file.Path;
import java.util.List;

/**
 * TiKV's test helpers ({@code must_prewrite_put}, {@code must_commit}, {@code must_get}...) over
 * {@link TxnStore}, so TiKV's test cases read the same here.
 */
final class TxnHarness implements AutoCloseable {
  static final KeyRange ALL = KeyRange.ALL;
  final Storage storage;
  final TxnStore txn;

  TxnHarness(Path dir) {
    storage =
        Storage.open(
            StorageOptions.builder(dir)
                .durability(Durability.PROCESS_CRASH_SAFE)
                .blockCacheBytes(8 << 20)
                .writeBufferBytes(4 << 20)
                .build());
    txn = storage.txn();
  }

  @Override
  public void close() {
    storage.close();
  }

  static long ts(long physical, long logical) {
    return (physical << 18) + logical;
  }

  // ---- reads -----------------------------------------------------------------------------

  void mustGet(byte[] k, long ts, byte[] v) {
    assertArrayEquals(v, txn.get(ALL, k, ts, TxnReadOptions.DEFAULT));
  }

  void mustGetNone(byte[] k, long ts) {
    assertNull(txn.get(ALL, k, ts, TxnReadOptions.DEFAULT));
  }

  KeyError mustGetErr(byte[] k, long ts) {
    return assertThrows(KeyErrorException.class, () -> txn.get(ALL, k, ts, TxnReadOptions.DEFAULT))
        .error();
  }

  // ---- prewrite --------------------------------------------------------------------------

  PrewriteResult prewrite(Mutation m, byte[] pk, long startTs) {
    return txn.prewrite(ALL, PrewriteRequest.optimistic(List.of(m), pk, startTs, 0));
  }

  void mustPrewritePut(byte[] k, byte[] v, byte[] pk, long startTs) {
    mustOk(prewrite(Mutation.put(k, v), pk, startTs));
  }

  void mustPrewriteDelete(byte[] k, byte[] pk, long startTs) {
    mustOk(prewrite(Mutation.delete(k), pk, startTs));
  }

  void mustPrewriteLock(byte[] k, byte[] pk, long startTs) {
    mustOk(prewrite(Mutation.lock(k), pk, startTs));
  }

  /** Prewrite with TTL 100 and min_commit_ts = start_ts + 1 (a large transaction). */
  void mustPrewritePutForLargeTxn(
      byte[] k, byte[] v, byte[] pk, long startTs, long ttl, long forUpdateTs) {
    PrewriteRequest r =
        new PrewriteRequest(
            List.of(Mutation.put(k, v)),
            pk,
            startTs,
            ttl,
            false,
            10,
            forUpdateTs,
            forUpdateTs == 0 ? List.of() : List.of(PessimisticAction.DO_PESSIMISTIC_CHECK),
            startTs + 1,
            null,
            false,
            0,
            AssertionLevel.OFF);
    mustOk(txn.prewrite(ALL, r));
  }

  static void mustOk(PrewriteResult r) {
    assertTrue(r.ok(), () -> "prewrite failed: " + r.errors());
  }

  /** A prewrite error: either a thrown key error or the first per-key lock error. */
  KeyError prewriteErr(Mutation m, byte[] pk, long startTs) {
    try {
      PrewriteResult r = prewrite(m, pk, startTs);
      assertTrue(!r.ok(), "prewrite should fail");
      return r.errors().get(0);
    } catch (KeyErrorException e) {
      return e.error();
    }
  }

  PrewriteResult pessimisticPrewrite(
      Mutation m, byte[] pk, long startTs, long forUpdateTs, PessimisticAction a, long ttl) {
    return txn.prewrite(
        ALL, PrewriteRequest.pessimistic(List.of(m), pk, startTs, ttl, forUpdateTs, List.of(a)));
  }

  void mustPessimisticPrewritePut(
      byte[] k, byte[] v, byte[] pk, long startTs, long forUpdateTs, PessimisticAction a) {
    mustOk(pessimisticPrewrite(Mutation.put(k, v), pk, startTs, forUpdateTs, a, 0));
  }

  KeyError pessimisticPrewriteErr(
      Mutation m, byte[] pk, long startTs, long forUpdateTs, PessimisticAction a) {
    try {
      PrewriteResult r = pessimisticPrewrite(m, pk, startTs, forUpdateTs, a, 0);
      assertTrue(!r.ok(), "prewrite should fail");
      return r.errors().get(0);
    } catch (KeyErrorException e) {
      return e.error();
    }
  }

  // ---- commit / rollback -----------------------------------------------------------------

  void mustCommit(byte[] k, long startTs, long commitTs) {
    txn.commit(ALL, List.of(k), startTs, commitTs);
  }

  KeyError mustCommitErr(byte[] k, long startTs, long commitTs) {
    return assertThrows(
            KeyErrorException.class, () -> txn.commit(ALL, List.of(k), startTs, commitTs))
        .error();
  }

  /**
   * TiKV's {@code must_rollback(.., protect)}: false = Rollback command, true = Cleanup at ts 0.
   */
  void mustRollback(byte[] k, long startTs, boolean protect) {
    if (protect) {
      txn.cleanup(ALL, k, startTs, 0);
    } else {
      txn.batchRollback(ALL, List.of(k), startTs);
    }
  }

  KeyError mustRollbackErr(byte[] k, long startTs) {
    return assertThrows(KeyErrorException.class, () -> txn.batchRollback(ALL, List.of(k), startTs))
        .error();
  }

  void mustCleanup(byte[] k, long startTs, long currentTs) {
    txn.cleanup(ALL, k, startTs, currentTs);
  }

  KeyError mustCleanupErr(byte[] k, long startTs, long currentTs) {
    return assertThrows(KeyErrorException.class, () -> txn.cleanup(ALL, k, startTs, currentTs))
        .error();
  }

  // ---- pessimistic -----------------------------------------------------------------------

  void mustAcquirePessimisticLock(byte[] k, byte[] pk, long startTs, long forUpdateTs) {
    mustAcquirePessimisticLockWithTtl(k, pk, startTs, forUpdateTs, 0);
  }

  void mustAcquirePessimisticLockWithTtl(
      byte[] k, byte[] pk, long startTs, long forUpdateTs, long ttl) {
    txn.pessimisticLock(ALL, PessimisticLockRequest.of(List.of(k), pk, startTs, ttl, forUpdateTs));
  }

  KeyError mustAcquirePessimisticLockErr(byte[] k, byte[] pk, long startTs, long forUpdateTs) {
    return assertThrows(
            KeyErrorException.class,
            () ->
                txn.pessimisticLock(
                    ALL, PessimisticLockRequest.of(List.of(k), pk, startTs, 0, forUpdateTs)))
        .error();
  }

  void mustPessimisticRollback(byte[] k, long startTs, long forUpdateTs) {
    txn.pessimisticRollback(ALL, List.of(k), startTs, forUpdateTs);
  }

  // ---- inspection ------------------------------------------------------------------------

  Lock lockOf(byte[] k) {
    try (EngineSnapshot s = storage.engine().snapshot()) {
      return new MvccReader(s).loadLock(MvccKey.encode(k));
    }
  }

  Lock mustLocked(byte[] k, long startTs) {
    Lock l = lockOf(k);
    assertNotNull(l, "expected a lock");
    assertEquals(startTs, l.ts());
    return l;
  }

  void mustLockedWithTtl(byte[] k, long startTs, long ttl) {
    assertEquals(ttl, mustLocked(k, startTs).ttl());
  }

  void mustPessimisticLocked(byte[] k, long startTs, long forUpdateTs) {
    Lock l = mustLocked(k, startTs);
    assertTrue(l.isPessimisticLock());
    assertEquals(forUpdateTs, l.forUpdateTs());
  }

  void mustLargeTxnLocked(byte[] k, long startTs, long ttl, long minCommitTs, boolean pessimistic) {
    Lock l = mustLocked(k, startTs);
    assertEquals(ttl, l.ttl());
    assertEquals(minCommitTs, l.minCommitTs());
    assertEquals(pessimistic, l.isPessimisticTxn());
  }

  void mustUnlocked(byte[] k) {
    assertNull(lockOf(k), "expected no lock");
  }

  /** The write record at exactly {@code commitTs}, or null. */
  Write writeAt(byte[] k, long commitTs) {
    try (EngineSnapshot s = storage.engine().snapshot()) {
      MvccReader.WriteAt w = new MvccReader(s).seekWrite(MvccKey.encode(k), commitTs);
      return w != null && w.commitTs() == commitTs ? w.write() : null;
    }
  }

  Write mustWritten(byte[] k, long startTs, long commitTs, WriteType type) {
    Write w = writeAt(k, commitTs);
    assertNotNull(w, "no write record at " + commitTs);
    assertEquals(startTs, w.startTs());
    assertEquals(type, w.writeType());
    return w;
  }

  void mustGetRollbackProtected(byte[] k, long startTs, boolean protect) {
    Write w = mustWritten(k, startTs, startTs, WriteType.ROLLBACK);
    assertEquals(protect, w.isProtected());
  }

  void mustGetRollbackTs(byte[] k, long startTs) {
    mustWritten(k, startTs, startTs, WriteType.ROLLBACK);
  }

  void mustGetRollbackTsNone(byte[] k, long startTs) {
    Write w = writeAt(k, startTs);
    assertTrue(
        w == null || w.writeType() != WriteType.ROLLBACK, "unexpected rollback at " + startTs);
  }

  MvccReader.WriteAt seekWrite(byte[] k, long ts) {
    try (EngineSnapshot s = storage.engine().snapshot()) {
      return new MvccReader(s).seekWrite(MvccKey.encode(k), ts);
    }
  }

  void mustSeekWrite(byte[] k, long ts, long startTs, long commitTs, WriteType type) {
    MvccReader.WriteAt w = seekWrite(k, ts);
    assertNotNull(w);
    assertEquals(commitTs, w.commitTs());
    assertEquals(startTs, w.write().startTs());
    assertEquals(type, w.write().writeType());
  }

  void mustSeekWriteNone(byte[] k, long ts) {
    assertNull(seekWrite(k, ts));
  }

  static <T extends KeyError> T expect(Class<T> c, KeyError e) {
    return assertInstanceOf(c, e);
  }
}

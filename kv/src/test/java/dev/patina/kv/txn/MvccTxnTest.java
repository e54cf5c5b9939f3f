package dev.patina.kv.txn;

import static dev.patina.kv.TestKeys.b;
import static dev.patina.kv.txn.TxnHarness.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.KeyError;
import dev.patina.kv.LockInfo;
import dev.patina.kv.Mutation;
import dev.patina.kv.Op;
import dev.patina.kv.PessimisticAction;
import dev.patina.kv.PessimisticLockNotFoundReason;
import dev.patina.kv.WriteConflictReason;
import dev.patina.kv.mvcc.TimeStamps;
import dev.patina.kv.mvcc.Write;
import dev.patina.kv.mvcc.WriteType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases of TiKV's {@code src/storage/mvcc/txn.rs} tests, through the command API. */
class MvccTxnTest {
  @TempDir Path dir;
  TxnHarness h;
  static final byte[] LONG = "v".repeat(256).getBytes();

  @BeforeEach
  void open() {
    h = new TxnHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void read() {
    readImpl(b("k1"), b("k2"), b("v1"));
    readImpl(b("l1"), b("l2"), LONG);
  }

  private void readImpl(byte[] k1, byte[] k2, byte[] v) {
    h.mustGetNone(k1, 1);
    h.mustPrewritePut(k1, v, k1, 2);
    h.mustRollback(k1, 2, false);
    h.mustGetNone(k1, 3); // ignores the rollback
    h.mustPrewriteLock(k1, k1, 3);
    h.mustCommit(k1, 3, 4);
    h.mustGetNone(k1, 5); // ignores the LOCK record
    h.mustPrewritePut(k1, v, k1, 5);
    h.mustPrewritePut(k2, v, k1, 5);
    h.mustGetNone(k1, 4); // later locks do not matter
    expect(KeyError.Locked.class, h.mustGetErr(k1, 7));
    h.mustGetNone(k1, TimeStamps.MAX); // the primary lock is ignored when reading the latest
    expect(KeyError.Locked.class, h.mustGetErr(k2, TimeStamps.MAX)); // secondaries are not
    h.mustCommit(k1, 5, 10);
    h.mustCommit(k2, 5, 10);
    h.mustGetNone(k1, 3);
    h.mustGetNone(k1, 7);
    h.mustGet(k1, 13, v);
    h.mustGet(k1, TimeStamps.MAX, v);
    h.mustPrewriteDelete(k1, k1, 15);
    h.mustGet(k1, TimeStamps.MAX, v);
    h.mustCommit(k1, 15, 20);
    h.mustGetNone(k1, 3);
    h.mustGetNone(k1, 7);
    h.mustGet(k1, 13, v);
    h.mustGet(k1, 17, v);
    h.mustGetNone(k1, 23);
    // Intersecting timestamps with a pessimistic txn: T1 start 25 commit 27, T2 start 23 commit 31.
    h.mustPrewritePut(k1, v, k1, 25);
    h.mustCommit(k1, 25, 27);
    h.mustAcquirePessimisticLock(k1, k1, 23, 29);
    h.mustGet(k1, 30, v);
    TxnHarness.mustOk(
        h.pessimisticPrewrite(
            Mutation.delete(k1), k1, 23, 29, PessimisticAction.DO_PESSIMISTIC_CHECK, 0));
    expect(KeyError.Locked.class, h.mustGetErr(k1, 30));
    h.mustGet(k1, TimeStamps.MAX, v);
    h.mustCommit(k1, 23, 31);
    h.mustGet(k1, 30, v);
    h.mustGetNone(k1, 32);
  }

  @Test
  void prewrite() {
    prewriteImpl(b("k1"), b("v1"));
    prewriteImpl(b("k2"), LONG);
  }

  private void prewriteImpl(byte[] k, byte[] v) {
    h.mustPrewritePut(k, v, k, 5);
    h.mustLocked(k, 5);
    h.mustPrewritePut(k, v, k, 5); // retry
    expect(KeyError.Locked.class, h.prewriteErr(Mutation.lock(k), k, 6));
    h.mustCommit(k, 5, 10);
    h.mustWritten(k, 5, 10, WriteType.PUT);
    // A delayed prewrite after the commit succeeds as a no-op (check_committed_record_on_err).
    h.mustPrewritePut(k, v, k, 5);
    h.mustUnlocked(k);
    KeyError.WriteConflict wc =
        expect(KeyError.WriteConflict.class, h.prewriteErr(Mutation.lock(k), k, 6));
    assertEquals(6, wc.startTs());
    assertEquals(5, wc.conflictStartTs());
    assertEquals(10, wc.conflictCommitTs());
    assertEquals(WriteConflictReason.OPTIMISTIC, wc.reason());
    h.mustUnlocked(k);
    h.mustPrewriteLock(k, k, 12);
    h.mustLocked(k, 12);
    h.mustRollback(k, 12, false);
    h.mustUnlocked(k);
    h.mustWritten(k, 12, 12, WriteType.ROLLBACK);
    // Cannot retry the prewrite after a rollback.
    KeyError.WriteConflict self =
        expect(KeyError.WriteConflict.class, h.prewriteErr(Mutation.lock(k), k, 12));
    assertEquals(WriteConflictReason.SELF_ROLLED_BACK, self.reason());
    h.mustPrewriteDelete(k, k, 13);
    h.mustRollback(k, 13, false);
    h.mustUnlocked(k);
  }

  @Test
  void prewriteInsert() {
    byte[] k1 = b("k1");
    h.mustPrewritePut(k1, b("v1"), k1, 1);
    h.mustCommit(k1, 1, 2);
    KeyError.AlreadyExist ae =
        expect(KeyError.AlreadyExist.class, h.prewriteErr(Mutation.insert(k1, b("v2")), k1, 3));
    assertEquals(1, ae.existingStartTs());
    h.mustPrewriteDelete(k1, k1, 4);
    expect(KeyError.Locked.class, h.prewriteErr(Mutation.insert(k1, b("v2")), k1, 6));
    h.mustCommit(k1, 4, 5);
    TxnHarness.mustOk(h.prewrite(Mutation.insert(k1, b("v2")), k1, 6));
    h.mustCommit(k1, 6, 7);
    h.mustPrewritePut(k1, b("v3"), k1, 8);
    h.mustRollback(k1, 8, false);
    expect(KeyError.AlreadyExist.class, h.prewriteErr(Mutation.insert(k1, b("v3")), k1, 9));
    h.mustPrewriteDelete(k1, k1, 10);
    h.mustCommit(k1, 10, 11);
    h.mustPrewritePut(k1, b("v3"), k1, 12);
    h.mustRollback(k1, 12, false);
    TxnHarness.mustOk(h.prewrite(Mutation.insert(k1, b("v2")), k1, 13));
    h.mustCommit(k1, 13, 14);
  }

  @Test
  void prewriteCheckNotExists() {
    byte[] k1 = b("k1");
    h.mustPrewritePut(k1, b("v1"), k1, 1);
    h.mustCommit(k1, 1, 2);
    expect(KeyError.AlreadyExist.class, h.prewriteErr(Mutation.checkNotExists(k1), k1, 3));
    h.mustPrewriteDelete(k1, k1, 4);
    h.mustCommit(k1, 4, 5);
    TxnHarness.mustOk(h.prewrite(Mutation.checkNotExists(k1), k1, 6));
    h.mustUnlocked(k1); // writes nothing
    TxnHarness.mustOk(h.prewrite(Mutation.insert(k1, b("v2")), k1, 7));
    h.mustCommit(k1, 7, 8);
    h.mustPrewritePut(k1, b("v3"), k1, 9);
    h.mustRollback(k1, 9, false);
    expect(KeyError.AlreadyExist.class, h.prewriteErr(Mutation.checkNotExists(k1), k1, 10));
    // Pessimistic prewrites cannot check existence.
    expect(
        KeyError.Abort.class,
        h.pessimisticPrewriteErr(
            Mutation.checkNotExists(b("k9")),
            b("k9"),
            3,
            3,
            PessimisticAction.SKIP_PESSIMISTIC_CHECK));
  }

  @Test
  void rollbackLockOptimisticIsProtectedOnPrimary() {
    byte[] k = b("k1");
    h.mustPrewritePut(k, b("v1"), k, 5);
    h.mustCommit(k, 5, 10);
    h.mustPrewriteLock(k, k, 15);
    h.mustLocked(k, 15);
    h.mustRollback(k, 15, false);
    h.mustGetRollbackProtected(k, 15, true);
  }

  @Test
  void rollbackLockPessimistic() {
    byte[] k1 = b("k1");
    byte[] k2 = b("k2");
    h.mustAcquirePessimisticLock(k1, k1, 5, 5);
    h.mustAcquirePessimisticLock(k2, k1, 5, 7);
    h.mustRollback(k1, 5, false);
    h.mustRollback(k2, 5, false);
    h.mustGetRollbackProtected(k1, 5, true);
    h.mustGetRollbackProtected(k2, 5, false);
    h.mustAcquirePessimisticLock(k1, k1, 15, 15);
    h.mustAcquirePessimisticLock(k2, k1, 15, 17);
    h.mustPessimisticPrewritePut(k1, b("v"), k1, 15, 17, PessimisticAction.DO_PESSIMISTIC_CHECK);
    h.mustPessimisticPrewritePut(k2, b("v"), k1, 15, 17, PessimisticAction.DO_PESSIMISTIC_CHECK);
    h.mustRollback(k1, 15, false);
    h.mustRollback(k2, 15, false);
    h.mustGetRollbackProtected(k1, 15, true);
    h.mustGetRollbackProtected(k2, 15, false);
  }

  @Test
  void rollbackOverlapped() {
    byte[] k1 = b("key1");
    byte[] k2 = b("key2");
    h.mustPrewritePut(k1, b("v1"), k1, 10);
    h.mustPrewritePut(k2, b("v2"), k2, 11);
    h.mustCommit(k1, 10, 20);
    h.mustCommit(k2, 11, 20);
    Write w1 = h.mustWritten(k1, 10, 20, WriteType.PUT);
    Write w2 = h.mustWritten(k2, 11, 20, WriteType.PUT);
    assertFalse(w1.hasOverlappedRollback());
    h.mustCleanup(k1, 20, 0);
    h.mustRollback(k2, 20, false);
    Write w1r = h.mustWritten(k1, 10, 20, WriteType.PUT);
    assertTrue(w1r.hasOverlappedRollback());
    assertEquals(w1, w1r.withOverlappedRollback(false, false, 0));
    assertEquals(w2, h.mustWritten(k2, 11, 20, WriteType.PUT));
  }

  @Test
  void rollbackAfterCommit() {
    byte[] k = b("k");
    h.mustPrewritePut(k, b("v"), k, 1);
    h.mustRollback(k, 10, false);
    h.mustRollback(k, 10, false);
    h.mustRollback(k, 30, false);
    h.mustCommit(k, 1, 20);
    KeyError.Committed c = expect(KeyError.Committed.class, h.mustRollbackErr(k, 1));
    assertEquals(20, c.commitTs());
    h.mustGet(k, 30, b("v"));
  }

  @Test
  void rollback() {
    rollbackImpl(b("k"), b("v"));
    rollbackImpl(b("k2"), LONG);
  }

  private void rollbackImpl(byte[] k, byte[] v) {
    h.mustPrewritePut(k, v, k, 5);
    h.mustRollback(k, 5, false);
    h.mustRollback(k, 5, false);
    h.mustUnlocked(k);
    h.mustPrewriteLock(k, k, 10);
    h.mustRollback(k, 10, false);
    h.mustGetNone(k, 20);
    h.mustPrewritePut(k, v, k, 25);
    h.mustCommit(k, 25, 30);
    h.mustRollbackErr(k, 25);
    h.mustRollbackErr(k, 25);
    // Cannot roll back another transaction's lock.
    h.mustPrewriteDelete(k, k, 35);
    h.mustRollback(k, 34, true);
    h.mustRollback(k, 36, true);
    h.mustWritten(k, 34, 34, WriteType.ROLLBACK);
    h.mustWritten(k, 36, 36, WriteType.ROLLBACK);
    h.mustLocked(k, 35);
    h.mustCommit(k, 35, 40);
    h.mustGet(k, 39, v);
    h.mustGetNone(k, 41);
  }

  @Test
  void rollbackBeforePrewrite() {
    byte[] k = b("key");
    h.mustRollback(k, 5, false);
    expect(KeyError.WriteConflict.class, h.prewriteErr(Mutation.lock(k), k, 5));
  }

  @Test
  void writeRecords() {
    writeImpl(b("kk"), b("v1"), b("k"));
    writeImpl(b("kl"), LONG, b("k"));
  }

  private void writeImpl(byte[] k, byte[] v, byte[] k2) {
    h.mustPrewritePut(k, v, k, 5);
    h.mustSeekWriteNone(k, 5);
    h.mustCommit(k, 5, 10);
    h.mustSeekWrite(k, TimeStamps.MAX, 5, 10, WriteType.PUT);
    h.mustSeekWriteNone(k2, TimeStamps.MAX);
    h.mustPrewriteDelete(k, k, 15);
    h.mustRollback(k, 15, false);
    h.mustSeekWrite(k, TimeStamps.MAX, 15, 15, WriteType.ROLLBACK);
    h.mustPrewriteLock(k, k, 25);
    h.mustCommit(k, 25, 30);
    h.mustSeekWrite(k, TimeStamps.MAX, 25, 30, WriteType.LOCK);
  }

  @Test
  void skipConstraintCheck() {
    byte[] k = b("key");
    h.mustPrewritePut(k, b("value"), k, 5);
    h.mustCommit(k, 5, 10);
    // A prewrite at 5 after the commit at 10: with the check it is the committed txn (no-op);
    // a new txn at 7 conflicts unless the check is skipped.
    expect(KeyError.WriteConflict.class, h.prewriteErr(Mutation.put(k, b("x")), k, 7));
    TxnHarness.mustOk(
        h.txn.prewrite(
            TxnHarness.ALL,
            new dev.patina.kv.PrewriteRequest(
                List.of(Mutation.put(k, b("x"))),
                k,
                7,
                0,
                true,
                1,
                0,
                List.of(),
                0,
                null,
                false,
                0,
                dev.patina.kv.AssertionLevel.OFF)));
    h.mustLocked(k, 7);
  }

  @Test
  void collapsePrevRollback() {
    byte[] k = b("key");
    byte[] pk = b("pk");
    h.mustPrewritePut(k, b("value"), pk, 1);
    h.mustRollback(k, 1, false);
    h.mustGetRollbackTs(k, 1);
    h.mustPrewritePut(k, b("value"), pk, 2);
    h.mustRollback(k, 2, false);
    h.mustGetNone(k, 2);
    h.mustGetRollbackTs(k, 2);
    h.mustGetRollbackTsNone(k, 1);
    h.mustRollback(k, 3, false);
    h.mustGetNone(k, 3);
    h.mustGetRollbackTs(k, 3);
    h.mustGetRollbackTsNone(k, 2);
  }

  @Test
  void pessimisticTxnTtl() {
    byte[] k = b("k");
    h.mustAcquirePessimisticLockWithTtl(k, k, 10, 10, 100);
    h.mustPessimisticLocked(k, 10, 10);
    TxnHarness.mustOk(
        h.pessimisticPrewrite(
            Mutation.put(k, b("v")), k, 10, 10, PessimisticAction.DO_PESSIMISTIC_CHECK, 110));
    h.mustLockedWithTtl(k, 10, 110);
    h.mustRollback(k, 10, false);
    h.mustAcquirePessimisticLockWithTtl(k, k, 20, 20, 100);
    h.mustPessimisticLocked(k, 20, 20);
    TxnHarness.mustOk(
        h.pessimisticPrewrite(
            Mutation.put(k, b("v")), k, 20, 20, PessimisticAction.DO_PESSIMISTIC_CHECK, 90));
    h.mustLockedWithTtl(k, 20, 100);
  }

  @Test
  void constraintCheckWithOverlappingTxn() {
    byte[] k = b("k1");
    byte[] v = b("v1");
    h.mustPrewritePut(k, v, k, 10);
    h.mustCommit(k, 10, 11);
    h.mustAcquirePessimisticLock(k, k, 5, 12);
    TxnHarness.mustOk(
        h.pessimisticPrewrite(
            Mutation.lock(k), k, 5, 12, PessimisticAction.DO_PESSIMISTIC_CHECK, 0));
    h.mustCommit(k, 5, 15);
    h.mustGet(k, 19, v);
    expect(KeyError.AlreadyExist.class, h.prewriteErr(Mutation.insert(k, v), k, 20));
  }

  @Test
  void lockInfoValidation() {
    byte[] k = b("k");
    byte[] v = b("v");
    for (boolean optimistic : new boolean[] {false, true}) {
      LockInfo expected;
      if (optimistic) {
        TxnHarness.mustOk(
            h.txn.prewrite(
                TxnHarness.ALL,
                new dev.patina.kv.PrewriteRequest(
                    List.of(Mutation.put(k, v)),
                    k,
                    10,
                    3,
                    false,
                    10,
                    0,
                    List.of(),
                    0,
                    null,
                    false,
                    0,
                    dev.patina.kv.AssertionLevel.OFF)));
        expected = new LockInfo(k, 10, k, 3, 10, Op.PUT, 0, false, 0, List.of());
      } else {
        h.mustAcquirePessimisticLockWithTtl(k, k, 10, 10, 3);
        expected = new LockInfo(k, 10, k, 3, 0, Op.PESSIMISTIC_LOCK, 10, false, 0, List.of());
      }
      assertLockInfo(expected, h.prewriteErr(Mutation.put(k, v), k, 20));
      assertLockInfo(expected, h.mustAcquirePessimisticLockErr(k, k, 30, 30));
      // Not expired: cleanup reports the lock.
      assertLockInfo(expected, h.mustCleanupErr(k, 10, 1));
      assertLockInfo(
          expected.withTtl(0),
          h.pessimisticPrewriteErr(
              Mutation.put(k, v), k, 40, 40, PessimisticAction.SKIP_PESSIMISTIC_CHECK));
      if (optimistic) {
        h.mustRollback(k, 10, false);
      } else {
        h.mustPessimisticRollback(k, 10, 10);
      }
    }
  }

  private static void assertLockInfo(LockInfo expected, KeyError e) {
    LockInfo got = expect(KeyError.Locked.class, e).lock();
    assertEquals(expected.toString(), got.toString());
  }

  @Test
  void nonPessimisticLockConflictWithOptimisticTxn() {
    byte[] k = b("k1");
    h.mustPrewritePut(k, b("v1"), k, 2);
    h.mustLocked(k, 2);
    expect(
        KeyError.Locked.class,
        h.pessimisticPrewriteErr(
            Mutation.put(k, b("v1")), k, 1, 1, PessimisticAction.SKIP_PESSIMISTIC_CHECK));
    expect(
        KeyError.Locked.class,
        h.pessimisticPrewriteErr(
            Mutation.put(k, b("v1")), k, 3, 3, PessimisticAction.SKIP_PESSIMISTIC_CHECK));
  }

  @Test
  void nonPessimisticLockConflictWithPessimisticTxn() {
    byte[] k1 = b("k1");
    byte[] k2 = b("k2");
    byte[] k3 = b("k3");
    h.mustPrewritePut(k3, b("v3"), k3, 1);
    h.mustCommit(k3, 1, 20);
    h.mustAcquirePessimisticLock(k1, k1, 10, 10);
    KeyError.WriteConflict wc =
        expect(KeyError.WriteConflict.class, h.mustAcquirePessimisticLockErr(k3, k1, 10, 10));
    assertEquals(WriteConflictReason.PESSIMISTIC_RETRY, wc.reason());
    h.mustAcquirePessimisticLock(k3, k1, 10, 20);
    h.mustPessimisticPrewritePut(k1, b("v1"), k1, 10, 20, PessimisticAction.DO_PESSIMISTIC_CHECK);
    h.mustPessimisticPrewritePut(k3, b("v3"), k1, 10, 20, PessimisticAction.DO_PESSIMISTIC_CHECK);
    h.mustPessimisticPrewritePut(k2, b("v2"), k1, 10, 20, PessimisticAction.SKIP_PESSIMISTIC_CHECK);
    h.mustRollback(k1, 10, false);
    h.mustAcquirePessimisticLock(k1, k1, 15, 15);
    h.mustPessimisticPrewritePut(k1, b("v1"), k1, 15, 15, PessimisticAction.DO_PESSIMISTIC_CHECK);
    KeyError.Locked l =
        expect(
            KeyError.Locked.class,
            h.pessimisticPrewriteErr(
                Mutation.put(k2, b("v2")), k1, 15, 15, PessimisticAction.SKIP_PESSIMISTIC_CHECK));
    assertEquals(0, l.lock().lockTtl());
  }

  @Test
  void commitPessimisticLock() {
    byte[] k = b("k");
    h.mustAcquirePessimisticLock(k, k, 10, 10);
    expect(KeyError.TxnLockNotFound.class, h.mustCommitErr(k, 20, 30));
    h.mustCommit(k, 10, 20);
    h.mustSeekWriteNone(k, 30);
    h.mustUnlocked(k);
  }

  @Test
  void amendPessimisticLock() {
    byte[] k = b("k");
    // Key absent: the lost pessimistic lock is amended.
    failToWritePessimisticLock(k, 10, 10);
    h.mustPessimisticPrewritePut(k, b("v"), k, 10, 10, PessimisticAction.DO_PESSIMISTIC_CHECK);
    h.mustCommit(k, 10, 20);
    h.mustGet(k, 20, b("v"));
    failToWritePessimisticLock(k, 30, 30);
    h.mustPessimisticPrewritePut(k, b("v0"), k, 30, 30, PessimisticAction.DO_PESSIMISTIC_CHECK);
    h.mustCommit(k, 30, 40);
    h.mustGet(k, 40, b("v0"));
    // for_update_ts(40) >= commit_ts(40) > start_ts(35): fails.
    failToWritePessimisticLock(k, 35, 40);
    KeyError.PessimisticLockNotFound nf =
        expect(
            KeyError.PessimisticLockNotFound.class,
            h.pessimisticPrewriteErr(
                Mutation.put(k, b("v")), k, 35, 40, PessimisticAction.DO_PESSIMISTIC_CHECK));
    assertEquals(PessimisticLockNotFoundReason.LOCK_MISSING_AMEND_FAIL, nf.reason());
    h.mustAcquirePessimisticLock(k, k, 50, 50);
    expect(
        KeyError.PessimisticLockNotFound.class,
        h.pessimisticPrewriteErr(
            Mutation.put(k, b("v")), k, 60, 60, PessimisticAction.DO_PESSIMISTIC_CHECK));
    h.mustPessimisticRollback(k, 50, 50);
    h.mustAcquirePessimisticLock(k, k, 80, 80);
    h.mustCleanup(k, 80, TimeStamps.MAX);
    h.pessimisticPrewriteErr(
        Mutation.put(k, b("v")), k, 80, 80, PessimisticAction.DO_PESSIMISTIC_CHECK);
  }

  private void failToWritePessimisticLock(byte[] k, long startTs, long forUpdateTs) {
    h.mustAcquirePessimisticLock(k, k, startTs, forUpdateTs);
    h.mustPessimisticRollback(k, startTs, forUpdateTs);
  }

  @Test
  void commitTsExpiredAndInvalidTso() {
    byte[] k = b("k");
    TxnHarness.mustOk(
        h.txn.prewrite(
            TxnHarness.ALL,
            new dev.patina.kv.PrewriteRequest(
                List.of(Mutation.put(k, b("v"))),
                k,
                10,
                100,
                false,
                1,
                0,
                List.of(),
                20,
                null,
                false,
                0,
                dev.patina.kv.AssertionLevel.OFF)));
    KeyError.CommitTsExpired e = expect(KeyError.CommitTsExpired.class, h.mustCommitErr(k, 10, 15));
    assertEquals(20, e.minCommitTs());
    assertEquals(15, e.attemptedCommitTs());
    expect(KeyError.InvalidTxnTso.class, h.mustCommitErr(k, 10, 9));
    h.mustCommit(k, 10, 20);
    h.mustCommit(k, 10, 20); // idempotent
    h.mustGet(k, 21, b("v"));
  }
}

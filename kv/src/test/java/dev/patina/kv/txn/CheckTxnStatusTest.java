package dev.patina.kv.txn;

import static dev.patina.kv.TestKeys.b;
import static dev.patina.kv.txn.TxnHarness.ALL;
import static dev.patina.kv.txn.TxnHarness.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.kv.Assertion;
import dev.patina.kv.AssertionLevel;
import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.Mutation;
import dev.patina.kv.Op;
import dev.patina.kv.PessimisticAction;
import dev.patina.kv.PessimisticLockRequest;
import dev.patina.kv.PrewriteRequest;
import dev.patina.kv.TxnStatus;
import dev.patina.kv.mvcc.TimeStamps;
import dev.patina.kv.mvcc.WriteType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cases of TiKV's {@code commands/check_txn_status.rs} tests. */
class CheckTxnStatusTest {
  @TempDir Path dir;

  private static TxnStatus check(
      TxnHarness h, byte[] k, long lockTs, long caller, long current, boolean r) {
    return h.txn.checkTxnStatus(ALL, k, lockTs, caller, current, r, false, false, true);
  }

  private static void uncommitted(TxnStatus s, long ttl, long minCommitTs, boolean pushed) {
    TxnStatus.Uncommitted u = assertInstanceOf(TxnStatus.Uncommitted.class, s);
    assertEquals(ttl, u.lock().lockTtl());
    assertEquals(minCommitTs, u.lock().minCommitTs());
    assertEquals(pushed, u.minCommitTsPushed());
    assertEquals(
        pushed ? TxnStatus.Action.MIN_COMMIT_TS_PUSHED : TxnStatus.Action.NO_ACTION, s.action());
  }

  private static void committed(TxnStatus s, long commitTs) {
    assertEquals(commitTs, assertInstanceOf(TxnStatus.Committed.class, s).commitTs());
  }

  private static void lockForLargeTxn(
      TxnHarness h, byte[] k, long startTs, long forUpdateTs, long ttl) {
    h.txn.pessimisticLock(
        ALL,
        new PessimisticLockRequest(
            List.of(new Mutation(Op.PESSIMISTIC_LOCK, k, null, Assertion.NONE)),
            k,
            startTs,
            ttl,
            forUpdateTs,
            0,
            false,
            false,
            forUpdateTs + 1,
            false));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void checkTxnStatus(boolean r) {
    try (TxnHarness h = new TxnHarness(dir)) {
      byte[] k = b("k1");
      byte[] v = b("v1");
      if (r) {
        assertInstanceOf(
            TxnStatus.LockNotExist.class, check(h, k, ts(3, 0), ts(3, 1), ts(3, 2), r));
        h.mustGetRollbackProtected(k, ts(3, 0), true);
      } else {
        KeyErrorException e =
            assertThrows(
                KeyErrorException.class, () -> check(h, k, ts(3, 0), ts(3, 1), ts(3, 2), false));
        assertInstanceOf(KeyError.TxnNotFound.class, e.error());
      }
      h.mustPrewritePutForLargeTxn(k, v, k, ts(5, 0), 100, 0);
      h.mustLargeTxnLocked(k, ts(5, 0), 100, ts(5, 1), false);
      uncommitted(check(h, k, ts(5, 0), 0, 0, r), 100, ts(5, 1), false);
      uncommitted(check(h, k, ts(5, 0), ts(6, 0), ts(7, 0), r), 100, ts(7, 0), true);
      h.mustLargeTxnLocked(k, ts(5, 0), 100, ts(7, 0), false);
      uncommitted(check(h, k, ts(5, 0), ts(9, 0), ts(8, 0), r), 100, ts(9, 1), true);
      uncommitted(check(h, k, ts(5, 0), ts(8, 0), ts(10, 0), r), 100, ts(9, 1), true);
      uncommitted(check(h, k, ts(5, 0), ts(11, 0), ts(9, 0), r), 100, ts(11, 1), true);
      uncommitted(check(h, k, ts(5, 0), ts(12, 0), ts(12, 0), r), 100, ts(12, 1), true);
      uncommitted(check(h, k, ts(5, 0), ts(13, 1), ts(13, 3), r), 100, ts(13, 3), true);
      h.mustLargeTxnLocked(k, ts(5, 0), 100, ts(13, 3), false);
      h.mustCommit(k, ts(5, 0), ts(15, 0));
      h.mustUnlocked(k);
      committed(check(h, k, ts(5, 0), ts(12, 0), ts(12, 0), r), ts(15, 0));
      h.mustPrewritePutForLargeTxn(k, v, k, ts(20, 0), 100, 0);
      committed(check(h, k, ts(5, 0), ts(12, 0), ts(12, 0), r), ts(15, 0));
      if (r) {
        assertInstanceOf(
            TxnStatus.LockNotExist.class, check(h, k, ts(6, 0), ts(12, 0), ts(12, 0), r));
        h.mustSeekWrite(k, ts(6, 0), ts(6, 0), ts(6, 0), WriteType.ROLLBACK);
      } else {
        assertThrows(
            KeyErrorException.class, () -> check(h, k, ts(6, 0), ts(12, 0), ts(12, 0), false));
      }
      // TTL is physical time: logical differences do not expire a lock.
      uncommitted(check(h, k, ts(20, 0), ts(21, 105), ts(21, 105), r), 100, ts(21, 106), true);
      TxnStatus expired = check(h, k, ts(20, 0), ts(121, 0), ts(121, 0), r);
      assertInstanceOf(TxnStatus.TtlExpire.class, expired);
      assertEquals(TxnStatus.Action.TTL_EXPIRE_ROLLBACK, expired.action());
      h.mustUnlocked(k);
      h.mustSeekWrite(k, TimeStamps.MAX, ts(20, 0), ts(20, 0), WriteType.ROLLBACK);
      h.mustGetRollbackProtected(k, ts(20, 0), true);
      // Pushing min_commit_ts of pessimistic locks.
      lockForLargeTxn(h, k, ts(4, 0), ts(130, 0), 200);
      h.mustLargeTxnLocked(k, ts(4, 0), 200, ts(130, 1), true);
      uncommitted(check(h, k, ts(4, 0), ts(135, 0), ts(135, 0), r), 200, ts(135, 1), true);
      h.mustLargeTxnLocked(k, ts(4, 0), 200, ts(135, 1), true);
      h.mustPessimisticPrewritePut(
          k, v, k, ts(4, 0), ts(130, 0), PessimisticAction.DO_PESSIMISTIC_CHECK);
      h.mustCommit(k, ts(4, 0), ts(140, 0));
      h.mustUnlocked(k);
      committed(check(h, k, ts(4, 0), ts(10, 0), ts(10, 0), r), ts(140, 0));
      committed(check(h, k, ts(5, 0), ts(10, 0), ts(10, 0), r), ts(15, 0));
      assertInstanceOf(TxnStatus.RolledBack.class, check(h, k, ts(20, 0), ts(10, 0), ts(10, 0), r));
      // An expired pessimistic lock is rolled back with a rollback record.
      lockForLargeTxn(h, k, ts(150, 0), ts(150, 0), 100);
      uncommitted(check(h, k, ts(150, 0), ts(160, 0), ts(160, 0), r), 100, ts(160, 1), true);
      assertInstanceOf(
          TxnStatus.TtlExpire.class, check(h, k, ts(150, 0), ts(160, 0), ts(260, 0), r));
      h.mustUnlocked(k);
      h.mustSeekWrite(k, TimeStamps.MAX, ts(150, 0), ts(150, 0), WriteType.ROLLBACK);
      // current_ts = MAX rolls back.
      h.mustPrewritePutForLargeTxn(k, v, k, ts(270, 0), 100, 0);
      assertInstanceOf(
          TxnStatus.TtlExpire.class, check(h, k, ts(270, 0), ts(271, 0), TimeStamps.MAX, r));
      h.mustUnlocked(k);
      lockForLargeTxn(h, k, ts(280, 0), ts(280, 0), 100);
      assertInstanceOf(
          TxnStatus.TtlExpire.class, check(h, k, ts(280, 0), ts(281, 0), TimeStamps.MAX, r));
      h.mustSeekWrite(k, TimeStamps.MAX, ts(280, 0), ts(280, 0), WriteType.ROLLBACK);
      // min_commit_ts 0 is never pushed.
      h.mustAcquirePessimisticLockWithTtl(k, k, ts(290, 0), ts(290, 0), 100);
      uncommitted(check(h, k, ts(290, 0), ts(300, 0), ts(300, 0), r), 100, 0, false);
      h.mustPessimisticRollback(k, ts(290, 0), ts(290, 0));
      TxnHarness.mustOk(
          h.txn.prewrite(
              ALL,
              new PrewriteRequest(
                  List.of(Mutation.put(k, v)),
                  k,
                  ts(300, 0),
                  100,
                  false,
                  1,
                  0,
                  List.of(),
                  0,
                  null,
                  false,
                  0,
                  AssertionLevel.OFF)));
      uncommitted(check(h, k, ts(300, 0), ts(310, 0), ts(310, 0), r), 100, 0, false);
      h.mustRollback(k, ts(300, 0), false);
      // caller_start_ts = MAX: not pushed, but reported pushed.
      h.mustPrewritePutForLargeTxn(k, v, k, ts(310, 0), 100, 0);
      uncommitted(check(h, k, ts(310, 0), TimeStamps.MAX, ts(320, 0), r), 100, ts(310, 1), true);
      h.mustCommit(k, ts(310, 0), ts(315, 0));
      committed(check(h, k, ts(310, 0), TimeStamps.MAX, ts(320, 0), r), ts(315, 0));
    }
  }

  @Test
  void primaryMismatchAndResolvingPessimisticLocks() {
    try (TxnHarness h = new TxnHarness(dir)) {
      byte[] pk = b("pk");
      byte[] k = b("k");
      h.mustPrewritePut(k, b("v"), pk, 10);
      KeyErrorException e =
          assertThrows(
              KeyErrorException.class,
              () -> h.txn.checkTxnStatus(ALL, k, 10, 11, 11, true, false, false, true));
      KeyError.PrimaryMismatch pm = assertInstanceOf(KeyError.PrimaryMismatch.class, e.error());
      assertEquals("pk", new String(pm.lock().primaryLock()));
      // Resolving a pessimistic lock: an absent lock means nothing to do.
      TxnStatus s = h.txn.checkTxnStatus(ALL, b("x"), 20, 21, 21, true, false, true, true);
      assertEquals(TxnStatus.Action.LOCK_NOT_EXIST_DO_NOTHING, s.action());
      // An expired primary pessimistic lock is removed without a rollback record.
      h.mustAcquirePessimisticLockWithTtl(b("p2"), b("p2"), ts(30, 0), ts(30, 0), 10);
      s =
          h.txn.checkTxnStatus(
              ALL, b("p2"), ts(30, 0), ts(50, 0), ts(50, 0), true, false, true, true);
      assertEquals(TxnStatus.Action.TTL_EXPIRE_PESSIMISTIC_ROLLBACK, s.action());
      h.mustUnlocked(b("p2"));
      h.mustSeekWriteNone(b("p2"), TimeStamps.MAX);
    }
  }

  @Test
  void heartBeatExtendsTtlOnly() {
    try (TxnHarness h = new TxnHarness(dir)) {
      byte[] k = b("k");
      TxnHarness.mustOk(
          h.txn.prewrite(
              ALL, PrewriteRequest.optimistic(List.of(Mutation.put(k, b("v"))), k, 5, 100)));
      assertEquals(200, h.txn.txnHeartBeat(ALL, k, 5, 200).lockTtl());
      assertEquals(200, h.txn.txnHeartBeat(ALL, k, 5, 150).lockTtl());
      h.mustLockedWithTtl(k, 5, 200);
      KeyErrorException e =
          assertThrows(KeyErrorException.class, () -> h.txn.txnHeartBeat(ALL, k, 6, 300));
      assertInstanceOf(KeyError.TxnNotFound.class, e.error());
      h.mustCommit(k, 5, 10);
      assertThrows(KeyErrorException.class, () -> h.txn.txnHeartBeat(ALL, k, 5, 300));
    }
  }
}

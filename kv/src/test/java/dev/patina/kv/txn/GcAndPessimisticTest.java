package dev.patina.kv.txn;

import static dev.patina.kv.TestKeys.b;
import static dev.patina.kv.TestKeys.s;
import static dev.patina.kv.txn.TxnHarness.ALL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.Assertion;
import dev.patina.kv.AssertionLevel;
import dev.patina.kv.GcResult;
import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.Mutation;
import dev.patina.kv.Op;
import dev.patina.kv.PessimisticAction;
import dev.patina.kv.PessimisticLockRequest;
import dev.patina.kv.PessimisticLockResult;
import dev.patina.kv.PrewriteRequest;
import dev.patina.kv.PrewriteResult;
import dev.patina.kv.SecondaryLocksStatus;
import dev.patina.kv.mvcc.TimeStamps;
import dev.patina.kv.mvcc.WriteType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcAndPessimisticTest {
  @TempDir Path dir;
  TxnHarness h;

  @BeforeEach
  void open() {
    h = new TxnHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  /** TiKV's test_gc: versions below the newest visible at the safe point go. */
  @Test
  void gcKeepsTheLatestVisibleVersion() {
    byte[] k = b("k");
    byte[] big = "x".repeat(300).getBytes();
    h.mustPrewritePut(k, big, k, 5);
    h.mustCommit(k, 5, 10);
    h.mustPrewritePut(k, b("v2"), k, 15);
    h.mustCommit(k, 15, 20);
    h.mustPrewriteLock(k, k, 25);
    h.mustCommit(k, 25, 30);
    h.mustRollback(k, 35, false);
    h.mustPrewritePut(k, b("v3"), k, 40);
    h.mustCommit(k, 40, 45);
    // Safe point 32: keep Put@20 (latest data at 32) and everything newer; drop Lock@30 (older
    // than the safe point, above the kept Put) and Put@10 with its default-CF value.
    GcResult r = h.txn.gc(ALL, 32);
    assertEquals(1, r.keysScanned());
    assertEquals(2, r.versionsDeleted());
    h.mustGet(k, 33, b("v2"));
    h.mustGet(k, 50, b("v3"));
    h.mustGetNone(k, 12); // below the safe point the history is gone
    h.mustWritten(k, 35, 35, WriteType.ROLLBACK);
    // A delete as the newest version at the safe point goes with everything below it.
    h.mustPrewriteDelete(k, k, 50);
    h.mustCommit(k, 50, 55);
    r = h.txn.gc(ALL, 60);
    assertEquals(4, r.versionsDeleted());
    h.mustSeekWriteNone(k, TimeStamps.MAX);
    h.mustGetNone(k, 70);
  }

  @Test
  void pessimisticLockReturnsValuesAndExistence() {
    byte[] k1 = b("k1");
    byte[] k2 = b("k2");
    h.mustPrewritePut(k1, b("v1"), k1, 5);
    h.mustCommit(k1, 5, 10);
    PessimisticLockResult r =
        h.txn.pessimisticLock(
            ALL,
            new PessimisticLockRequest(
                List.of(lock(k1), lock(k2)), k1, 20, 3000, 20, 0, true, false, 0, false));
    assertEquals("v1", s(r.values().get(0)));
    assertEquals(List.of(false, true), r.notFounds());
    // Retrying with a larger for_update_ts updates the lock.
    h.txn.pessimisticLock(ALL, PessimisticLockRequest.of(List.of(k1), k1, 20, 3000, 25));
    h.mustPessimisticLocked(k1, 20, 25);
    r =
        h.txn.pessimisticLock(
            ALL,
            new PessimisticLockRequest(
                List.of(lock(k2)), k1, 20, 3000, 25, 0, false, true, 0, false));
    assertEquals(List.of(true), r.notFounds());
    // lock_only_if_exists needs return_values.
    KeyErrorException e =
        assertThrows(
            KeyErrorException.class,
            () ->
                h.txn.pessimisticLock(
                    ALL,
                    new PessimisticLockRequest(
                        List.of(lock(b("k3"))), k1, 20, 3000, 25, 0, false, false, 0, true)));
    assertInstanceOf(KeyError.LockIfExistsFailed.class, e.error());
    // Only existing keys are locked.
    h.txn.pessimisticLock(
        ALL,
        new PessimisticLockRequest(
            List.of(lock(b("k3"))), k1, 20, 3000, 25, 0, true, false, 0, true));
    h.mustUnlocked(b("k3"));
    // Insert (should not exist) on an existing key.
    h.mustPessimisticRollback(k1, 20, 25);
    e =
        assertThrows(
            KeyErrorException.class,
            () ->
                h.txn.pessimisticLock(
                    ALL,
                    new PessimisticLockRequest(
                        List.of(new Mutation(Op.INSERT, k1, null, Assertion.NONE)),
                        k1,
                        30,
                        3000,
                        30,
                        0,
                        false,
                        false,
                        0,
                        false)));
    assertInstanceOf(KeyError.AlreadyExist.class, e.error());
    // Locking after a rollback of the same transaction fails.
    h.mustRollback(b("k4"), 40, false);
    e =
        assertThrows(
            KeyErrorException.class,
            () ->
                h.txn.pessimisticLock(
                    ALL, PessimisticLockRequest.of(List.of(b("k4")), b("k4"), 40, 3000, 40)));
    assertInstanceOf(KeyError.PessimisticLockRolledBack.class, e.error());
    // All or nothing: the second key is locked by another transaction.
    h.mustAcquirePessimisticLock(b("k6"), b("k6"), 50, 50);
    e =
        assertThrows(
            KeyErrorException.class,
            () ->
                h.txn.pessimisticLock(
                    ALL,
                    PessimisticLockRequest.of(List.of(b("k5"), b("k6")), b("k5"), 60, 3000, 60)));
    assertInstanceOf(KeyError.Locked.class, e.error());
    h.mustUnlocked(b("k5"));
  }

  private static Mutation lock(byte[] k) {
    return new Mutation(Op.PESSIMISTIC_LOCK, k, null, Assertion.NONE);
  }

  @Test
  void pessimisticLockWaitsForARelease() throws Exception {
    byte[] k = b("k");
    h.mustAcquirePessimisticLock(k, k, 10, 10);
    CompletableFuture<KeyError> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                h.txn.pessimisticLock(
                    ALL,
                    new PessimisticLockRequest(
                        List.of(lock(k)), k, 20, 3000, 20, 5000, false, false, 0, false));
                return null;
              } catch (KeyErrorException e) {
                return e.error();
              }
            });
    Thread.sleep(100);
    h.mustPessimisticPrewritePut(k, b("v"), k, 10, 10, PessimisticAction.DO_PESSIMISTIC_CHECK);
    h.mustCommit(k, 10, 15);
    // Woken up: the holder committed after for_update_ts 20? No: at 15 < 20, so it locks.
    assertEquals(null, waiter.get());
    h.mustPessimisticLocked(k, 20, 20);
    // A zero wait timeout fails at once.
    KeyError e = h.mustAcquirePessimisticLockErr(k, k, 30, 30);
    assertInstanceOf(KeyError.Locked.class, e);
  }

  @Test
  void asyncCommitAndOnePc() {
    byte[] pk = b("pk");
    byte[] s1 = b("s1");
    h.txn.concurrencyManager().updateMaxTs(100);
    PrewriteRequest req =
        new PrewriteRequest(
            List.of(Mutation.put(pk, b("v")), Mutation.put(s1, b("w"))),
            pk,
            50,
            3000,
            false,
            2,
            0,
            List.of(),
            0,
            List.of(s1),
            false,
            0,
            AssertionLevel.OFF);
    PrewriteResult r = h.txn.prewrite(ALL, req);
    assertTrue(r.ok());
    assertEquals(101, r.minCommitTs()); // max_ts + 1
    assertTrue(h.mustLocked(pk, 50).useAsyncCommit());
    assertEquals(1, h.mustLocked(pk, 50).secondaries().size());
    assertTrue(h.mustLocked(s1, 50).useAsyncCommit());
    SecondaryLocksStatus st = h.txn.checkSecondaryLocks(ALL, List.of(s1), 50);
    assertEquals(1, assertInstanceOf(SecondaryLocksStatus.Locked.class, st).locks().size());
    // check_txn_status never rolls back async-commit locks.
    assertEquals(
        TxnStatus_NO_ACTION(),
        h.txn.checkTxnStatus(ALL, pk, 50, 200, TimeStamps.MAX, true, false, false, true).action());
    h.txn.commit(ALL, List.of(pk, s1), 50, 101);
    assertInstanceOf(
        SecondaryLocksStatus.Committed.class, h.txn.checkSecondaryLocks(ALL, List.of(s1), 50));
    // check_secondary_locks on a key never locked rolls the txn back.
    assertInstanceOf(
        SecondaryLocksStatus.RolledBack.class,
        h.txn.checkSecondaryLocks(ALL, List.of(b("none")), 60));
    h.mustGetRollbackProtected(b("none"), 60, true);

    // 1PC: committed by the prewrite itself.
    PrewriteRequest one =
        new PrewriteRequest(
            List.of(Mutation.put(b("o"), b("1"))),
            b("o"),
            150,
            3000,
            false,
            1,
            0,
            List.of(),
            0,
            null,
            true,
            0,
            AssertionLevel.OFF);
    r = h.txn.prewrite(ALL, one);
    assertNotEquals(0, r.onePcCommitTs());
    h.mustUnlocked(b("o"));
    h.mustGet(b("o"), r.onePcCommitTs(), b("1"));
    // max_commit_ts too small: falls back to 2PC.
    PrewriteRequest fallback =
        new PrewriteRequest(
            List.of(Mutation.put(b("f"), b("1"))),
            b("f"),
            160,
            3000,
            false,
            1,
            0,
            List.of(),
            0,
            null,
            true,
            161,
            AssertionLevel.OFF);
    h.txn.concurrencyManager().updateMaxTs(300);
    r = h.txn.prewrite(ALL, fallback);
    assertEquals(0, r.onePcCommitTs());
    h.mustLocked(b("f"), 160);
  }

  private static dev.patina.kv.TxnStatus.Action TxnStatus_NO_ACTION() {
    return dev.patina.kv.TxnStatus.Action.NO_ACTION;
  }

  @Test
  void assertionsAreChecked() {
    byte[] k = b("k");
    h.mustPrewritePut(k, b("v"), k, 5);
    h.mustCommit(k, 5, 10);
    PrewriteRequest req =
        new PrewriteRequest(
            List.of(new Mutation(Op.PUT, k, b("v2"), Assertion.NOT_EXIST)),
            k,
            20,
            3000,
            false,
            1,
            0,
            List.of(),
            0,
            null,
            false,
            0,
            AssertionLevel.STRICT);
    KeyErrorException e = assertThrows(KeyErrorException.class, () -> h.txn.prewrite(ALL, req));
    KeyError.AssertionFailed a = assertInstanceOf(KeyError.AssertionFailed.class, e.error());
    assertEquals(5, a.existingStartTs());
    assertEquals(10, a.existingCommitTs());
    h.mustUnlocked(k);
    PrewriteRequest ok =
        new PrewriteRequest(
            List.of(new Mutation(Op.PUT, k, b("v2"), Assertion.EXIST)),
            k,
            20,
            3000,
            false,
            1,
            0,
            List.of(),
            0,
            null,
            false,
            0,
            AssertionLevel.STRICT);
    assertTrue(h.txn.prewrite(ALL, ok).ok());
    assertArrayEquals(b("v2"), h.mustLocked(k, 20).shortValue());
  }
}

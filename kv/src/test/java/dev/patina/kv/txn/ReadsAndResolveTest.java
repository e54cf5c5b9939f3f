package dev.patina.kv.txn;

import static dev.patina.kv.TestKeys.b;
import static dev.patina.kv.TestKeys.s;
import static dev.patina.kv.txn.TxnHarness.ALL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.kv.IsolationLevel;
import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.KeyFailure;
import dev.patina.kv.KeyNotInRangeException;
import dev.patina.kv.KeyRange;
import dev.patina.kv.KvPair;
import dev.patina.kv.KvResult;
import dev.patina.kv.LockInfo;
import dev.patina.kv.Mutation;
import dev.patina.kv.PrewriteRequest;
import dev.patina.kv.TxnReadOptions;
import dev.patina.kv.TxnStatus;
import dev.patina.kv.mvcc.MvccKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadsAndResolveTest {
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

  private void commitAll(long startTs, long commitTs, String... kvs) {
    List<Mutation> ms = new java.util.ArrayList<>();
    List<byte[]> keys = new java.util.ArrayList<>();
    for (int i = 0; i < kvs.length; i += 2) {
      ms.add(
          kvs[i + 1] == null ? Mutation.delete(b(kvs[i])) : Mutation.put(b(kvs[i]), b(kvs[i + 1])));
      keys.add(b(kvs[i]));
    }
    TxnHarness.mustOk(
        h.txn.prewrite(ALL, PrewriteRequest.optimistic(ms, keys.get(0), startTs, 3000)));
    h.txn.commit(ALL, keys, startTs, commitTs);
  }

  private static List<String> render(List<KvResult> rs) {
    return rs.stream()
        .map(
            r ->
                switch (r) {
                  case KvPair p -> s(p.key()) + "=" + s(p.value());
                  case KeyFailure f -> s(f.key()) + "!locked";
                })
        .toList();
  }

  @Test
  void scansSeeOneSnapshotWithLocksInPlace() {
    commitAll(10, 11, "a", "1", "b", "2", "c", "3", "d", "4");
    commitAll(20, 21, "b", "22", "c", null);
    // An uncommitted transaction locks d (and writes e).
    TxnHarness.mustOk(
        h.txn.prewrite(
            ALL,
            PrewriteRequest.optimistic(
                List.of(Mutation.put(b("d"), b("44")), Mutation.put(b("e"), b("5"))),
                b("d"),
                30,
                3000)));
    TxnReadOptions o = TxnReadOptions.DEFAULT;
    assertEquals(
        List.of("a=1", "b=2", "c=3", "d=4"),
        render(h.txn.scan(ALL, b(""), b(""), 100, 15, false, false, o)));
    assertEquals(
        List.of("a=1", "b=22", "d=4"),
        render(h.txn.scan(ALL, b(""), b(""), 100, 25, false, false, o)));
    assertEquals(
        List.of("a=1", "b=22", "d!locked", "e!locked"),
        render(h.txn.scan(ALL, b(""), b(""), 100, 35, false, false, o)));
    assertEquals(
        List.of("e!locked", "d!locked", "b=22", "a=1"),
        render(h.txn.scan(ALL, b(""), b(""), 100, 35, false, true, o)));
    assertEquals(
        List.of("b=22", "d!locked"),
        render(h.txn.scan(ALL, b("b"), b("e"), 2, 35, false, false, o)));
    assertEquals(
        List.of("b=", "a="), render(h.txn.scan(ALL, b("c"), b(""), 10, 35, true, true, o)));
    // Bypassing the resolved lock; reading the committed one from the lock.
    assertEquals(
        List.of("a=1", "b=22", "d=4"),
        render(
            h.txn.scan(
                ALL,
                b(""),
                b(""),
                100,
                35,
                false,
                false,
                new TxnReadOptions(IsolationLevel.SI, Set.of(30L), Set.of()))));
    assertEquals(
        List.of("a=1", "b=22", "d=44", "e=5"),
        render(
            h.txn.scan(
                ALL,
                b(""),
                b(""),
                100,
                35,
                false,
                false,
                new TxnReadOptions(IsolationLevel.SI, Set.of(), Set.of(30L)))));
    // Read committed ignores locks.
    assertEquals(
        List.of("a=1", "b=22", "d=4"),
        render(
            h.txn.scan(
                ALL,
                b(""),
                b(""),
                100,
                35,
                false,
                false,
                new TxnReadOptions(IsolationLevel.RC, Set.of(), Set.of()))));
    // Batch get: request order, absent keys left out, locked keys in place.
    assertEquals(
        List.of("e!locked", "b=22", "a=1"),
        render(h.txn.batchGet(ALL, List.of(b("e"), b("c"), b("b"), b("a"), b("zz")), 35, o)));
  }

  @Test
  void regionRangesAreInTheEncodedKeySpace() {
    commitAll(10, 11, "a", "1", "b", "2", "c", "3", "d", "4");
    KeyRange region = KeyRange.of(MvccKey.encode(b("b")), MvccKey.encode(b("d")));
    TxnReadOptions o = TxnReadOptions.DEFAULT;
    assertEquals(
        List.of("b=2", "c=3"), render(h.txn.scan(region, b("b"), b(""), 100, 20, false, false, o)));
    assertEquals(
        List.of("c=3", "b=2"), render(h.txn.scan(region, b(""), b(""), 100, 20, false, true, o)));
    assertThrows(KeyNotInRangeException.class, () -> h.txn.get(region, b("a"), 20, o));
    assertThrows(KeyNotInRangeException.class, () -> h.txn.get(region, b("d"), 20, o));
    assertThrows(
        KeyNotInRangeException.class,
        () -> h.txn.scan(region, b("a"), b(""), 10, 20, false, false, o));
    assertArrayEquals(b("3"), h.txn.get(region, b("c"), 20, o));
  }

  @Test
  void lockOfADeadClientIsResolvedByALaterReader() {
    // A client prewrote k1 (primary) and k2, committed nothing, and died.
    byte[] k1 = b("k1");
    byte[] k2 = b("k2");
    TxnHarness.mustOk(
        h.txn.prewrite(
            ALL,
            PrewriteRequest.optimistic(
                List.of(Mutation.put(k1, b("v1")), Mutation.put(k2, b("v2"))),
                k1,
                TxnHarness.ts(100, 0),
                50)));
    long readTs = TxnHarness.ts(200, 0);
    // The reader meets the lock on k2 ...
    KeyErrorException e =
        assertThrows(
            KeyErrorException.class, () -> h.txn.get(ALL, k2, readTs, TxnReadOptions.DEFAULT));
    LockInfo lock = assertInstanceOf(KeyError.Locked.class, e.error()).lock();
    // ... checks the primary: its TTL (50 ms) expired, so it is rolled back ...
    TxnStatus st =
        h.txn.checkTxnStatus(
            ALL, lock.primaryLock(), lock.lockVersion(), readTs, readTs, true, false, false, true);
    assertEquals(TxnStatus.Action.TTL_EXPIRE_ROLLBACK, st.action());
    // ... and resolves the secondary.
    h.txn.resolveLock(ALL, Map.of(lock.lockVersion(), 0L));
    assertNull(h.txn.get(ALL, k2, readTs, TxnReadOptions.DEFAULT));
    h.mustUnlocked(k2);
    // The dead client's commit now fails.
    assertInstanceOf(
        KeyError.TxnLockNotFound.class,
        h.mustCommitErr(k1, TxnHarness.ts(100, 0), TxnHarness.ts(201, 0)));
  }

  @Test
  void lockOfAClientThatDiedMidCommitIsCommittedByAReader() {
    byte[] k1 = b("k1");
    byte[] k2 = b("k2");
    long start = TxnHarness.ts(100, 0);
    TxnHarness.mustOk(
        h.txn.prewrite(
            ALL,
            PrewriteRequest.optimistic(
                List.of(Mutation.put(k1, b("v1")), Mutation.put(k2, b("v2"))), k1, start, 50)));
    h.mustCommit(k1, start, TxnHarness.ts(101, 0)); // the primary committed, then the client died
    long readTs = TxnHarness.ts(200, 0);
    LockInfo lock = assertInstanceOf(KeyError.Locked.class, h.mustGetErr(k2, readTs)).lock();
    TxnStatus st =
        h.txn.checkTxnStatus(
            ALL, lock.primaryLock(), lock.lockVersion(), readTs, readTs, true, false, false, true);
    assertEquals(TxnHarness.ts(101, 0), st.commitVersion());
    h.txn.resolveLock(ALL, lock.lockVersion(), st.commitVersion(), List.of(k2));
    h.mustGet(k2, readTs, b("v2"));
  }

  @Test
  void resolveLockScansTheRegionInBatches() {
    List<Mutation> ms = new java.util.ArrayList<>();
    for (int i = 0; i < 600; i++) {
      ms.add(Mutation.put(b(String.format("k%04d", i)), b("v" + i)));
    }
    TxnHarness.mustOk(h.txn.prewrite(ALL, PrewriteRequest.optimistic(ms, b("k0000"), 50, 10)));
    TxnHarness.mustOk(
        h.txn.prewrite(
            ALL,
            PrewriteRequest.optimistic(
                List.of(Mutation.put(b("other"), b("x"))), b("other"), 51, 10)));
    h.txn.resolveLock(ALL, Map.of(50L, 60L));
    assertEquals(1, h.txn.scanLocks(ALL, 100, b(""), b(""), 0).size());
    assertEquals(
        600, h.txn.scan(ALL, b("k"), b("l"), 1000, 70, true, false, TxnReadOptions.DEFAULT).size());
    assertEquals(
        List.of("k0599=v599"),
        render(
            h.txn.scan(ALL, b("k0599"), b("k06"), 10, 70, false, false, TxnReadOptions.DEFAULT)));
  }

  @Test
  void memoryLocksOfAsyncCommitBlockReaders() {
    ConcurrencyManager cm = h.txn.concurrencyManager();
    byte[] k = b("k");
    ConcurrencyManager.MemLock m = cm.register(MvccKey.encode(k));
    cm.publish(
        m,
        (maxTs, l) -> l,
        dev.patina.kv.mvcc.Lock.of(
            dev.patina.kv.mvcc.LockType.PUT, k, 10, 100, b("v"), 0, 1, 11, false));
    assertInstanceOf(KeyError.Locked.class, h.mustGetErr(k, 20));
    h.mustGetNone(k, 5);
    cm.release(MvccKey.encode(k), m);
    h.mustGetNone(k, 20);
    assertEquals(20, cm.maxTs());
  }
}

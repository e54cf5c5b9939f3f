package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tikv.common.TiSession;
import org.tikv.kvproto.Kvrpcpb;
import org.tikv.shade.com.google.protobuf.ByteString;

/**
 * Transactions through the official client: two-phase commits, snapshot reads at a timestamp, batch
 * gets and scans (also across regions after forced splits), write conflicts, and locks left by
 * clients that died in the middle of a commit, resolved by later readers.
 */
class TxnTest {
  @TempDir static Path dir;
  static TestCluster cluster;
  static TiSession session;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(dir);
    session = cluster.txnSession();
  }

  @AfterAll
  static void stop() throws Exception {
    if (session != null) {
      session.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void commitAndReadAtTimestamps() throws Exception {
    long before = Txns.ts(session);
    long c1 = Txns.commit(session, Txns.of("a/x", "1", "a/y", "2", "a/z", "3"));
    long between = Txns.ts(session);
    Txns.commit(session, Txns.of("a/x", "10", "a/y", ""));
    long now = Txns.ts(session);

    assertTrue(c1 > before);
    assertNull(Txns.get(session, "a/x", before), "nothing before the first commit");
    assertEquals("1", Txns.get(session, "a/x", between));
    assertEquals("2", Txns.get(session, "a/y", between));
    assertEquals("10", Txns.get(session, "a/x", now));
    assertNull(Txns.get(session, "a/y", now), "deleted by the second transaction");
    assertEquals(
        Map.of("a/x", "10", "a/z", "3"),
        Txns.batchGet(session, new ArrayList<>(List.of("a/z", "a/y", "a/x")), now));
    List<Kvrpcpb.KvPair> scanned = Txns.scan(session, "a/", "a0", between);
    assertEquals(3, scanned.size());
    assertEquals("a/x", scanned.getFirst().getKey().toStringUtf8());
  }

  @Test
  void laterCommitConflictsWithEarlierStart() throws Exception {
    long t1 = Txns.ts(session);
    long t2 = Txns.ts(session);
    Txns.commit(session, t2, Txns.of("b/k", "t2"), 3000, Txns.Stop.NOWHERE);
    // t1 started before t2 committed: its write of the same key is a write conflict.
    assertThrows(
        RuntimeException.class,
        () -> Txns.commit(session, t1, Txns.of("b/k", "t1"), 3000, Txns.Stop.NOWHERE, 1000));
    assertEquals("t2", Txns.get(session, "b/k", Txns.ts(session)));
  }

  @Test
  void lockOfADeadWriterIsRolledBackByAReader() throws Exception {
    Txns.commit(session, Txns.of("c/p", "old-p", "c/s", "old-s"));
    long start = Txns.ts(session);
    // A writer prewrites both keys with a 1 s lock and dies before committing.
    Txns.commit(
        session, start, Txns.of("c/p", "new-p", "c/s", "new-s"), 1000, Txns.Stop.AFTER_PREWRITE);

    // A reader meets the live lock: check_txn_status pushes the writer's min_commit_ts past the
    // reader, which then reads the old value at once (TiKV's non-blocking read).
    long t0 = System.nanoTime();
    assertEquals("old-s", Txns.get(session, "c/s", Txns.ts(session)));
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "no wait for the TTL");

    // Once the TTL has passed, the next reader rolls the dead transaction back.
    Thread.sleep(1500);
    long readTs = Txns.ts(session);
    assertEquals("old-s", Txns.get(session, "c/s", readTs));
    assertEquals("old-p", Txns.get(session, "c/p", readTs));
    // ... so the dead writer could not commit any more.
    long late = Txns.ts(session);
    assertThrows(
        RuntimeException.class,
        () -> {
          try (var c = new org.tikv.txn.TwoPhaseCommitter(session, start, 1000)) {
            c.commitPrimaryKey(
                org.tikv.common.util.ConcreteBackOffer.newCustomBackOff(500),
                "c/p".getBytes(),
                late);
          }
        });
    // A writer that meets an expired lock resolves it and goes on.
    long s2 = Txns.ts(session);
    Txns.commit(session, s2, Txns.of("c/q", "q", "c/r", "r"), 500, Txns.Stop.AFTER_PREWRITE);
    Thread.sleep(800);
    Txns.commit(session, Txns.of("c/r", "r2"));
    assertEquals("r2", Txns.get(session, "c/r", Txns.ts(session)));
    assertNull(Txns.get(session, "c/q", Txns.ts(session)));
  }

  @Test
  void secondaryOfACommittedTransactionIsCommittedByAReader() throws Exception {
    long start = Txns.ts(session);
    long commitTs =
        Txns.commit(
            session,
            start,
            Txns.of("d/p", "p", "d/s1", "s1", "d/s2", "s2"),
            600_000,
            Txns.Stop.AFTER_PRIMARY_COMMIT);
    assertTrue(commitTs > start);
    // The secondaries are still locked (with a 10-minute TTL), but their primary is committed:
    // readers resolve them at once, without waiting for the TTL.
    long readTs = Txns.ts(session);
    long t0 = System.nanoTime();
    assertEquals(
        Map.of("d/p", "p", "d/s1", "s1", "d/s2", "s2"),
        Txns.batchGet(session, new ArrayList<>(List.of("d/s2", "d/s1", "d/p")), readTs));
    assertEquals("s1", Txns.get(session, "d/s1", readTs));
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "resolved without waiting for the TTL");
  }

  @Test
  void transactionsAndScansAcrossSplitRegions() throws Exception {
    Map<ByteString, ByteString> writes = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      writes.put(
          ByteString.copyFromUtf8(String.format("s/%03d", i)), ByteString.copyFromUtf8("v" + i));
    }
    Txns.commit(session, writes);
    int before = cluster.kv.regionCount();
    List<byte[]> splitKeys = new ArrayList<>();
    for (int i = 30; i < 300; i += 30) {
      splitKeys.add(String.format("s/%03d", i).getBytes());
    }
    session.splitRegionAndScatter(splitKeys);
    assertEquals(before + splitKeys.size(), cluster.kv.regionCount());

    long ts = Txns.ts(session);
    List<Kvrpcpb.KvPair> all = Txns.scan(session, "s/", "s0", ts);
    assertEquals(300, all.size());
    for (int i = 0; i < 300; i++) {
      assertEquals(String.format("s/%03d", i), all.get(i).getKey().toStringUtf8());
    }
    // A transaction spanning every region commits atomically.
    Map<ByteString, ByteString> update = new LinkedHashMap<>();
    for (int i = 5; i < 300; i += 10) {
      update.put(ByteString.copyFromUtf8(String.format("s/%03d", i)), ByteString.copyFromUtf8("w"));
    }
    Txns.commit(session, update);
    long after = Txns.ts(session);
    List<String> keys = new ArrayList<>();
    for (int i = 5; i < 300; i += 10) {
      keys.add(String.format("s/%03d", i));
    }
    Map<String, String> got = Txns.batchGet(session, keys, after);
    assertEquals(30, got.size());
    assertTrue(got.values().stream().allMatch("w"::equals));
    assertEquals("v5", Txns.get(session, "s/005", ts), "the old snapshot is unchanged");
  }
}

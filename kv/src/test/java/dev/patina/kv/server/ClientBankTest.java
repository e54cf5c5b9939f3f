package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tikv.common.TiSession;
import org.tikv.shade.com.google.protobuf.ByteString;

/**
 * The bank test through the official client: concurrent random transfers between 100 accounts, with
 * some writers dying in the middle of their commit, while readers check that every snapshot they
 * read is consistent (all accounts present, the total unchanged). Regions split under the load
 * (tiny split thresholds). Runs the 30 s by default ({@code -Dpatina.kv.bankSeconds=N} to
 * change it while working).
 */
class ClientBankTest {
  static final int ACCOUNTS = 100;
  static final long INITIAL = 1000;
  static final int WRITERS = 6;
  static final int READERS = 2;

  @TempDir Path dir;

  static String account(int i) {
    return String.format("bank/%03d", i);
  }

  /**
   * Writers go on past the deadline until the region split (at most 30 s more): the test checks
   * transfers across a split, and a loaded CI box may commit too few in the time given.
   */
  private static boolean running(long deadline, TestCluster cluster) {
    long now = System.nanoTime();
    return now < deadline
        || (cluster.kv.regionCount() < 2 && now < deadline + TimeUnit.SECONDS.toNanos(30));
  }

  @Test
  void totalNeverChangesAndEverySnapshotIsConsistent() throws Exception {
    long seconds = Long.getLong("patina.kv.bankSeconds", 30);
    try (TestCluster cluster =
            TestCluster.start(
                dir,
                b ->
                    b.regionSplit(1L << 30, 300)
                        .regionSplitCheckDiff(1)
                        .splitCheckTick(Duration.ofMillis(200)));
        TiSession session = cluster.txnSession()) {
      Map<ByteString, ByteString> init = new LinkedHashMap<>();
      List<String> all = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        init.put(ByteString.copyFromUtf8(account(i)), ByteString.copyFromUtf8("" + INITIAL));
        all.add(account(i));
      }
      Txns.commit(session, init);
      long total = ACCOUNTS * INITIAL;

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      AtomicLong committed = new AtomicLong();
      AtomicLong aborted = new AtomicLong();
      AtomicLong died = new AtomicLong();
      AtomicLong snapshots = new AtomicLong();
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        threads.add(
            Thread.ofPlatform()
                .name("bank-writer-" + w)
                .start(
                    () -> {
                      ThreadLocalRandom rnd = ThreadLocalRandom.current();
                      while (running(deadline, cluster)) {
                        int a = rnd.nextInt(ACCOUNTS);
                        int b = rnd.nextInt(ACCOUNTS - 1);
                        if (b >= a) {
                          b++;
                        }
                        try {
                          long start = Txns.ts(session);
                          Map<String, String> bal =
                              Txns.batchGet(
                                  session, new ArrayList<>(List.of(account(a), account(b))), start);
                          long amount = 1 + rnd.nextInt(100);
                          long na = Long.parseLong(bal.get(account(a))) - amount;
                          long nb = Long.parseLong(bal.get(account(b))) + amount;
                          int fate = rnd.nextInt(100);
                          Txns.Stop stop =
                              fate < 3
                                  ? Txns.Stop.AFTER_PREWRITE
                                  : fate < 6 ? Txns.Stop.AFTER_PRIMARY_COMMIT : Txns.Stop.NOWHERE;
                          Txns.commit(
                              session,
                              start,
                              Txns.of(account(a), "" + na, account(b), "" + nb),
                              1000,
                              stop,
                              2000);
                          if (stop == Txns.Stop.NOWHERE) {
                            committed.incrementAndGet();
                          } else {
                            died.incrementAndGet();
                          }
                        } catch (Exception e) {
                          aborted.incrementAndGet();
                        }
                      }
                    }));
      }
      for (int r = 0; r < READERS; r++) {
        threads.add(
            Thread.ofPlatform()
                .name("bank-reader-" + r)
                .start(
                    () -> {
                      while (System.nanoTime() < deadline) {
                        try {
                          long ts = Txns.ts(session);
                          Map<String, String> snap =
                              Txns.batchGet(session, new ArrayList<>(all), ts);
                          long sum = 0;
                          for (String v : snap.values()) {
                            sum += Long.parseLong(v);
                          }
                          if (snap.size() != ACCOUNTS || sum != total) {
                            problems.add(
                                "snapshot at "
                                    + ts
                                    + ": "
                                    + snap.size()
                                    + " accounts, total "
                                    + sum);
                          }
                          snapshots.incrementAndGet();
                        } catch (RuntimeException e) {
                          // a read that gave up (backoff exhausted) is not a wrong answer
                        }
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
      Map<String, String> last = Txns.batchGet(session, new ArrayList<>(all), Txns.ts(session));
      long sum = last.values().stream().mapToLong(Long::parseLong).sum();
      System.out.printf(
          "bank: %d s, %d transfers committed, %d writers died mid-commit, %d aborted, %d"
              + " consistent snapshots, %d regions%n",
          seconds,
          committed.get(),
          died.get(),
          aborted.get(),
          snapshots.get(),
          cluster.kv.regionCount());
      assertEquals(List.of(), List.copyOf(problems));
      assertEquals(ACCOUNTS, last.size());
      assertEquals(total, sum);
      assertTrue(committed.get() > 10, "transfers committed: " + committed.get());
      assertTrue(snapshots.get() > 5, "snapshots read: " + snapshots.get());
      assertTrue(cluster.kv.regionCount() > 1, "regions split under the load");
    }
  }
}

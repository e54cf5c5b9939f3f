package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tikv.common.TiConfiguration;
import org.tikv.common.TiSession;
import org.tikv.raw.RawKVClient;
import org.tikv.shade.com.google.protobuf.ByteString;

/**
 * kill -9 of the store, then of PD, each in its own JVM ({@link Process#destroyForcibly}), while
 * the official client writes: raw puts and two-key transactions. After each restart on the same
 * data every write the client saw acknowledged is there. The store runs with its defaults (WAL
 * fsync'ed before acknowledging) and splits regions under the load.
 *
 * <p>Raw keys ({@code r/...}) and transactional keys ({@code x/...}) share the cluster here only
 * because splits are by transactional key count, so every region boundary is a transactional key.
 */
class KillNineTest {
  static final int RAW_WRITERS = 3;
  static final int TXN_WRITERS = 3;

  @TempDir Path dir;

  /** Writers that record, per thread, the highest n whose write was acknowledged. */
  final class Writers {
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLongArray rawAcked = new AtomicLongArray(RAW_WRITERS);
    final AtomicLongArray txnAcked = new AtomicLongArray(TXN_WRITERS);
    final AtomicLong errors = new AtomicLong();
    final List<Thread> threads = new ArrayList<>();
    final int round;

    Writers(int round, RawKVClient raw, TiSession txn) {
      this.round = round;
      for (int i = 0; i < RAW_WRITERS; i++) {
        int t = i;
        rawAcked.set(t, -1);
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (long n = 0; !stop.get(); ) {
                        try {
                          raw.put(rawKey(round, t, n), ByteString.copyFromUtf8("v" + n));
                          rawAcked.set(t, n);
                          n++;
                        } catch (RuntimeException e) {
                          errors.incrementAndGet();
                          pause();
                        }
                      }
                    }));
      }
      for (int i = 0; i < TXN_WRITERS; i++) {
        int t = i;
        txnAcked.set(t, -1);
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (long n = 0; !stop.get(); ) {
                        try {
                          String p = txnKey(round, t, n);
                          Txns.commit(
                              txn,
                              Txns.ts(txn),
                              Txns.of(p + "/a", "v" + n, p + "/b", "w" + n),
                              3000,
                              Txns.Stop.NOWHERE,
                              3000);
                          txnAcked.set(t, n);
                          n++;
                        } catch (Exception e) {
                          errors.incrementAndGet();
                          pause();
                        }
                      }
                    }));
      }
    }

    /**
     * Waits until more than {@code raw} raw and {@code txn} transactional writes were acknowledged
     * (progress, not a fixed sleep: on a loaded 2-core CI box three seconds may see few writes).
     */
    void awaitProgress(long raw, long txn) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (total(rawAcked) <= raw || total(txnAcked) <= txn) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "round " + round + ": " + total(rawAcked) + " raw, " + total(txnAcked) + " txn");
        }
        Thread.sleep(100);
      }
    }

    void stop() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join(120_000);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ByteString rawKey(int round, int t, long n) {
    return ByteString.copyFromUtf8(String.format("r/%d/%d/%06d", round, t, n));
  }

  static String txnKey(int round, int t, long n) {
    return String.format("x/%d/%d/%06d", round, t, n);
  }

  private static TiSession rawSession(int pdPort) {
    TiConfiguration c = TiConfiguration.createRawDefault("127.0.0.1:" + pdPort);
    return TiSession.create(c);
  }

  private static TiSession txnSession(int pdPort) {
    return TiSession.create(TiConfiguration.createDefault("127.0.0.1:" + pdPort));
  }

  /** Every acknowledged write of {@code w} is readable through fresh sessions. */
  private void verify(int pdPort, Writers w) throws Exception {
    try (TiSession rs = rawSession(pdPort);
        TiSession ts = txnSession(pdPort)) {
      RawKVClient raw = rs.createRawClient();
      for (int t = 0; t < RAW_WRITERS; t++) {
        for (long n = 0; n <= w.rawAcked.get(t); n++) {
          assertEquals(
              Optional.of(ByteString.copyFromUtf8("v" + n)),
              raw.get(rawKey(w.round, t, n)),
              "raw write " + w.round + "/" + t + "/" + n);
        }
      }
      long readTs = Txns.ts(ts);
      for (int t = 0; t < TXN_WRITERS; t++) {
        for (long n = 0; n <= w.txnAcked.get(t); n++) {
          String p = txnKey(w.round, t, n);
          assertEquals("v" + n, Txns.get(ts, p + "/a", readTs), p);
          assertEquals("w" + n, Txns.get(ts, p + "/b", readTs), p);
        }
      }
    }
  }

  private static long total(AtomicLongArray a) {
    long s = 0;
    for (int i = 0; i < a.length(); i++) {
      s += a.get(i) + 1;
    }
    return s;
  }

  @Test
  void acknowledgedWritesSurviveKillNineOfStoreAndPd() throws Exception {
    Path log = dir.resolve("nodes.log");
    NodeProcess.Node pd = NodeProcess.launch(log, "pd", dir.resolve("pd").toString(), "0");
    String pdAddr = "127.0.0.1:" + pd.port();
    NodeProcess.Node kv =
        NodeProcess.launch(log, "kv", dir.resolve("kv").toString(), pdAddr, "0", "200");
    int kvPort = kv.port();
    try {
      // 1. kill -9 of the store in the middle of writes.
      Writers w1;
      try (TiSession rs = rawSession(pd.port());
          TiSession ts = txnSession(pd.port())) {
        w1 = new Writers(1, rs.createRawClient(), ts);
        w1.awaitProgress(10, 5);
        NodeProcess.kill(kv);
        Thread.sleep(300);
        w1.stop();
      }
      assertTrue(total(w1.rawAcked) > 10 && total(w1.txnAcked) > 5, "writes before the kill");
      kv = NodeProcess.launch(log, "kv", dir.resolve("kv").toString(), pdAddr, "" + kvPort, "200");
      verify(pd.port(), w1);

      // 2. kill -9 of PD while writes go on; the store keeps serving, PD comes back.
      Writers w2;
      try (TiSession rs = rawSession(pd.port());
          TiSession ts = txnSession(pd.port())) {
        w2 = new Writers(2, rs.createRawClient(), ts);
        w2.awaitProgress(10, 5);
        NodeProcess.kill(pd);
        Thread.sleep(1000);
        pd = NodeProcess.launch(log, "pd", dir.resolve("pd").toString(), "" + pd.port());
        Thread.sleep(3000);
        w2.stop();
      }
      verify(pd.port(), w1);
      verify(pd.port(), w2);
      assertTrue(total(w2.rawAcked) > 10 && total(w2.txnAcked) > 5, "writes around PD's kill");
      System.out.printf(
          "kill -9: store round %d raw + %d txn acknowledged; PD round %d raw + %d txn"
              + " acknowledged; all found after restarts%n",
          total(w1.rawAcked), total(w1.txnAcked), total(w2.rawAcked), total(w2.txnAcked));

      // 3. Both killed at once, both restarted: still everything, and new writes work.
      NodeProcess.kill(kv);
      NodeProcess.kill(pd);
      pd = NodeProcess.launch(log, "pd", dir.resolve("pd").toString(), "" + pd.port());
      kv = NodeProcess.launch(log, "kv", dir.resolve("kv").toString(), pdAddr, "" + kvPort, "200");
      verify(pd.port(), w1);
      verify(pd.port(), w2);
      try (TiSession ts = txnSession(pd.port())) {
        Txns.commit(ts, Txns.of("x/after", "ok"));
        assertEquals("ok", Txns.get(ts, "x/after", Txns.ts(ts)));
      }
    } finally {
      kv.process().destroyForcibly();
      pd.process().destroyForcibly();
      kv.process().waitFor(30, TimeUnit.SECONDS);
      pd.process().waitFor(30, TimeUnit.SECONDS);
    }
  }
}

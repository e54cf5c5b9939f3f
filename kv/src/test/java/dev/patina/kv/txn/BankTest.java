package dev.patina.kv.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.KeyRange;
import dev.patina.kv.KvPair;
import dev.patina.kv.Storage;
import dev.patina.kv.StorageOptions;
import dev.patina.kv.engine.Durability;
import dev.patina.kv.mvcc.MvccKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank test: concurrent random transfers between 100 accounts in two regions, some clients
 * dying mid-commit; readers check that every snapshot sums to the same total, and at the end every
 * balance equals the committed transfers applied to the initial balances. Runs 8 s by default;
 * {@code -Dpatina.kv.bankSeconds=30} for the 30 s.
 */
class BankTest {
  static final int ACCOUNTS = 100;
  static final long INITIAL = 1000;
  @TempDir Path dir;

  static byte[] account(int i) {
    return String.format("acct%03d", i).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] amount(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static long amount(byte[] b) {
    return ByteBuffer.wrap(b).getLong();
  }

  record Transfer(int from, int to, long amount) {}

  @Test
  void totalsNeverChangeAndSnapshotsAreConsistent() throws Exception {
    int seconds = Integer.getInteger("patina.kv.bankSeconds", 8);
    try (Storage storage =
        Storage.open(
            StorageOptions.builder(dir)
                .durability(Durability.SYNC)
                .blockCacheBytes(16 << 20)
                .writeBufferBytes(8 << 20)
                .build())) {
      byte[] split = MvccKey.encode(account(ACCOUNTS / 2));
      TxnClient c =
          new TxnClient(
              storage.txn(),
              List.of(KeyRange.of(new byte[0], split), KeyRange.of(split, new byte[0])));
      Map<byte[], byte[]> init = new LinkedHashMap<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        init.put(account(i), amount(INITIAL));
      }
      long t0 = c.tso.getAsLong();
      assertTrue(c.commit(t0, init, 3000, TxnClient.Fate.COMMIT) > 0);

      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<Transfer> committed = new ConcurrentLinkedQueue<>();
      AtomicLong aborted = new AtomicLong();
      AtomicLong died = new AtomicLong();
      AtomicLong snapshots = new AtomicLong();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < 6; w++) {
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      ThreadLocalRandom rnd = ThreadLocalRandom.current();
                      try {
                        while (!stop.get()) {
                          int a = rnd.nextInt(ACCOUNTS);
                          int b = rnd.nextInt(ACCOUNTS - 1);
                          if (b >= a) {
                            b++;
                          }
                          long start = c.tso.getAsLong();
                          long balA = amount(c.get(account(a), start));
                          long balB = amount(c.get(account(b), start));
                          long amt = rnd.nextLong(0, Math.max(1, balA / 2 + 1));
                          Map<byte[], byte[]> writes = new LinkedHashMap<>();
                          writes.put(account(a), amount(balA - amt));
                          writes.put(account(b), amount(balB + amt));
                          int dice = rnd.nextInt(100);
                          TxnClient.Fate fate =
                              dice < 3
                                  ? TxnClient.Fate.DIE_AFTER_PREWRITE
                                  : dice < 6
                                      ? TxnClient.Fate.DIE_AFTER_PRIMARY
                                      : TxnClient.Fate.COMMIT;
                          long r = c.commit(start, writes, 300, fate);
                          if (r > 0 || fate == TxnClient.Fate.DIE_AFTER_PRIMARY && r == -1) {
                            committed.add(new Transfer(a, b, amt));
                          } else if (r == 0) {
                            aborted.incrementAndGet();
                          }
                          if (r == -1) {
                            died.incrementAndGet();
                          }
                        }
                      } catch (Throwable t) {
                        failures.add(t);
                      }
                    }));
      }
      for (int rdr = 0; rdr < 2; rdr++) {
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        while (!stop.get()) {
                          long ts = c.tso.getAsLong();
                          List<KvPair> all = c.scanAll(ts);
                          long sum = 0;
                          for (KvPair p : all) {
                            sum += amount(p.value());
                          }
                          assertEquals(ACCOUNTS, all.size());
                          assertEquals(
                              ACCOUNTS * INITIAL, sum, "snapshot at " + ts + " is inconsistent");
                          snapshots.incrementAndGet();
                        }
                      } catch (Throwable t) {
                        failures.add(t);
                      }
                    }));
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      if (!failures.isEmpty()) {
        throw new AssertionError(failures.peek());
      }
      // Final state: all locks resolved (a reader at a late ts), balances = model.
      long[] model = new long[ACCOUNTS];
      java.util.Arrays.fill(model, INITIAL);
      for (Transfer t : committed) {
        model[t.from()] -= t.amount();
        model[t.to()] += t.amount();
      }
      Thread.sleep(350); // let the TTL of the last dead clients' locks expire
      List<KvPair> fin = c.scanAll(c.tso.getAsLong());
      assertEquals(ACCOUNTS, fin.size());
      for (int i = 0; i < ACCOUNTS; i++) {
        assertEquals(model[i], amount(fin.get(i).value()), "account " + i);
      }
      System.out.printf(
          "bank: %d s, %d transfers committed, %d aborted, %d clients died, %d consistent snapshots%n",
          seconds, committed.size(), aborted.get(), died.get(), snapshots.get());
      assertTrue(committed.size() > 50, "too few transfers: " + committed.size());
    }
  }
}

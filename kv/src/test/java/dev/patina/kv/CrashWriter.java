package dev.patina.kv;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process for {@link CrashDurabilityTest}: writes with several threads and prints {@code ack
 * <thread> <n>} after each write returns, until it is killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path path = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    boolean txn = args.length > 2 && args[2].equals("txn");
    dev.patina.kv.raw.HybridClock tso =
        new dev.patina.kv.raw.HybridClock(System::currentTimeMillis);
    Storage storage =
        Storage.open(
            StorageOptions.builder(path)
                .blockCacheBytes(8 << 20)
                .writeBufferBytes(4 << 20)
                .build());
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    Object printLock = new Object();
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (long n = 0; ; n++) {
                      byte[] key = ("t" + id + "-" + n).getBytes(StandardCharsets.UTF_8);
                      byte[] value = ("v" + n).getBytes(StandardCharsets.UTF_8);
                      if (txn) {
                        byte[] a = ("t" + id + "-" + n + "-a").getBytes(StandardCharsets.UTF_8);
                        byte[] b = ("t" + id + "-" + n + "-b").getBytes(StandardCharsets.UTF_8);
                        byte[] big =
                            ("v" + n + "-" + "x".repeat(300)).getBytes(StandardCharsets.UTF_8);
                        long start = tso.getAsLong();
                        PrewriteResult r =
                            storage
                                .txn()
                                .prewrite(
                                    KeyRange.ALL,
                                    PrewriteRequest.optimistic(
                                        List.of(Mutation.put(a, value), Mutation.put(b, big)),
                                        a,
                                        start,
                                        3000));
                        if (!r.ok()) {
                          throw new IllegalStateException("prewrite failed " + r.errors());
                        }
                        storage.txn().commit(KeyRange.ALL, List.of(a, b), start, tso.getAsLong());
                      } else if (n % 3 == 2) {
                        storage
                            .raw()
                            .batchPut(KeyRange.ALL, "", List.of(new KvPair(key, value)), List.of());
                      } else {
                        storage.raw().put(KeyRange.ALL, "", key, value, 0);
                      }
                      synchronized (printLock) {
                        out.println("ack " + id + " " + n);
                        out.flush();
                      }
                    }
                  });
      ts.add(th);
    }
    synchronized (printLock) {
      out.println("started");
      out.flush();
    }
    for (Thread th : ts) {
      th.join();
    }
  }
}

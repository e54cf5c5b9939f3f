package dev.patina.bench.ycsb;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A YCSB-style benchmark through a system's official client: loads {@code --records} records of
 * {@code --value-size} bytes, then runs each workload for {@code --seconds} (after {@code --warmup}
 * seconds not measured) with {@code --threads} client threads sharing one client. Prints one {@code
 * RESULT} line per phase for {@code bench/run-ycsb.sh} to tabulate.
 *
 * <pre>
 * Ycsb --store patina|etcd --endpoint 127.0.0.1:2379 [--records 1000000] [--threads 32]
 *      [--value-size 1024] [--seconds 30] [--warmup 5] [--workloads A,B,C,E] [--no-load]
 * </pre>
 */
public final class Ycsb {
  record Options(
      String store,
      String endpoint,
      long records,
      int threads,
      int valueSize,
      int seconds,
      int warmup,
      List<Workload> workloads,
      boolean load) {}

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    try (Store store =
        o.store().equals("etcd") ? new EtcdStore(o.endpoint()) : new TikvRawStore(o.endpoint())) {
      new Ycsb(o, store, System.out).run();
    }
    System.exit(0);
  }

  static Options parse(String[] args) {
    String store = null;
    String endpoint = null;
    long records = 1_000_000;
    int threads = 32;
    int valueSize = 1024;
    int seconds = 30;
    int warmup = 5;
    List<Workload> workloads = List.of(Workload.A, Workload.B, Workload.C, Workload.E);
    boolean load = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--no-load")) {
        load = false;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--store" -> store = v;
        case "--endpoint" -> endpoint = v;
        case "--records" -> records = Long.parseLong(v);
        case "--threads" -> threads = Integer.parseInt(v);
        case "--value-size" -> valueSize = Integer.parseInt(v);
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--workloads" -> {
          List<Workload> w = new ArrayList<>();
          for (String n : v.split(",")) {
            w.add(Workload.named(n.strip()));
          }
          workloads = w;
        }
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (store == null || !(store.equals("patina") || store.equals("etcd"))) {
      throw new IllegalArgumentException("--store must be patina or etcd");
    }
    if (endpoint == null) {
      throw new IllegalArgumentException("--endpoint HOST:PORT is required");
    }
    return new Options(
        store, endpoint, records, threads, valueSize, seconds, warmup, workloads, load);
  }

  private final Options o;
  private final Store store;
  private final PrintStream out;
  private final byte[] pool;
  private final AtomicLong nextInsert;

  Ycsb(Options o, Store store, PrintStream out) {
    this.o = o;
    this.store = store;
    this.out = out;
    this.pool = new byte[(1 << 20) + o.valueSize()];
    new SplittableRandom(42).nextBytes(pool);
    this.nextInsert = new AtomicLong(o.records());
  }

  private byte[] value(SplittableRandom r) {
    int off = r.nextInt(pool.length - o.valueSize());
    return java.util.Arrays.copyOfRange(pool, off, off + o.valueSize());
  }

  void run() throws Exception {
    out.printf(
        "%s at %s: %,d records of %d bytes, %d threads%n",
        store.name(), o.endpoint(), o.records(), o.valueSize(), o.threads());
    if (o.load()) {
      load();
    }
    Zipfian zipf = new Zipfian(o.records());
    for (Workload w : o.workloads()) {
      runWorkload(w, zipf);
    }
  }

  /** Loads records 0..n-1 in batches of 100, from all threads. */
  private void load() throws Exception {
    int batch = 100;
    AtomicLong next = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long started = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < o.threads(); t++) {
      SplittableRandom r = new SplittableRandom(1000 + t);
      threads.add(
          Thread.ofPlatform()
              .name("load-" + t)
              .start(
                  () -> {
                    long from;
                    while (failure.get() == null && (from = next.getAndAdd(batch)) < o.records()) {
                      long to = Math.min(o.records(), from + batch);
                      List<byte[]> keys = new ArrayList<>();
                      List<byte[]> values = new ArrayList<>();
                      for (long n = from; n < to; n++) {
                        keys.add(Keys.key(n));
                        values.add(value(r));
                      }
                      try {
                        store.writeBatch(keys, values);
                      } catch (Exception e) {
                        failure.compareAndSet(null, e);
                      }
                    }
                  }));
    }
    long lastReport = System.nanoTime();
    for (Thread t : threads) {
      while (t.isAlive()) {
        t.join(1000);
        if (System.nanoTime() - lastReport > 15_000_000_000L) {
          lastReport = System.nanoTime();
          out.printf("  loading: %,d records%n", Math.min(next.get(), o.records()));
        }
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("load failed: " + failure.get(), failure.get());
    }
    double s = (System.nanoTime() - started) / 1e9;
    out.printf(
        Locale.ROOT, "RESULT %s load %.0f - - %d 0%n", store.name(), o.records() / s, o.records());
    out.printf("  loaded %,d records in %.1f s%n", o.records(), s);
  }

  private void runWorkload(Workload w, Zipfian zipf) throws Exception {
    long start = System.nanoTime();
    long measureFrom = start + o.warmup() * 1_000_000_000L;
    long end = measureFrom + o.seconds() * 1_000_000_000L;
    List<Map<Workload.Op, Latencies>> perThread = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    AtomicLong missing = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < o.threads(); t++) {
      Map<Workload.Op, Latencies> lat = new EnumMap<>(Workload.Op.class);
      for (Workload.Op op : Workload.Op.values()) {
        lat.put(op, new Latencies());
      }
      perThread.add(lat);
      SplittableRandom r = new SplittableRandom(w.name().hashCode() * 31L + t);
      threads.add(
          Thread.ofPlatform()
              .name("ycsb-" + t)
              .start(
                  () -> {
                    long now;
                    while ((now = System.nanoTime()) < end) {
                      Workload.Op op = w.pick(r.nextDouble());
                      try {
                        switch (op) {
                          case READ -> {
                            if (store.read(Keys.key(zipf.next(r))) == null) {
                              missing.incrementAndGet();
                            }
                          }
                          case UPDATE -> store.write(Keys.key(zipf.next(r)), value(r));
                          case SCAN ->
                              store.scan(Keys.key(zipf.next(r)), 1 + r.nextInt(w.maxScanLength()));
                          case INSERT ->
                              store.write(Keys.key(nextInsert.getAndIncrement()), value(r));
                        }
                      } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, String.valueOf(e));
                        continue;
                      }
                      if (now >= measureFrom) {
                        lat.get(op).add(System.nanoTime() - now);
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    long[] all = Latencies.sorted(perThread.stream().flatMap(m -> m.values().stream()).toList());
    double opsPerSecond = all.length / (double) o.seconds();
    out.printf(
        Locale.ROOT,
        "RESULT %s %s %.0f %.0f %.0f %d %d%n",
        store.name(),
        w.name(),
        opsPerSecond,
        Latencies.percentileMicros(all, 0.50),
        Latencies.percentileMicros(all, 0.99),
        all.length,
        errors.get());
    for (Workload.Op op : Workload.Op.values()) {
      long[] v = Latencies.sorted(perThread.stream().map(m -> m.get(op)).toList());
      if (v.length > 0) {
        out.printf(
            Locale.ROOT,
            "  %s %-6s %,9d ops  p50 %8.0f us  p99 %8.0f us%n",
            w.name(),
            op,
            v.length,
            Latencies.percentileMicros(v, 0.50),
            Latencies.percentileMicros(v, 0.99));
      }
    }
    if (missing.get() > 0) {
      out.printf("  %s: %d reads found no record (load incomplete?)%n", w.name(), missing.get());
    }
    if (errors.get() > 0) {
      out.printf("  %s: %d errors, first: %s%n", w.name(), errors.get(), firstError.get());
    }
  }
}

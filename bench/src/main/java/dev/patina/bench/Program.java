package dev.patina.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The benchmark programs: {@code bench/programs/NAME.wasm} (built from {@code NAME.c} or {@code
 * NAME.wat} by {@code bench/programs/build.sh}), each exporting {@code run(i32) -> i32}.
 */
public enum Program {
  /** Doubly recursive Fibonacci (WAT): calls and returns. */
  FIB(28, 20),
  /** Sieve of Eratosthenes up to n: byte loads and stores. */
  SIEVE(500_000, 10_000),
  /** f64 matrix multiply of two n x n matrices. */
  MATMUL(100, 12),
  /** SHA-256 of n KiB: rotates, shifts, xors. */
  SHA256(128, 4),
  /** The n-body simulation, n steps: f64 arithmetic, sqrt, division. */
  NBODY(20_000, 1_000),
  /** Quicksort of n PRNG i32s. */
  SORT(40_000, 2_000),
  /** A CoreMark-like mix (list merge sort, state machine, 16-bit matrix, CRC-16), n rounds. */
  COREMARK(100, 3),
  /**
   * SQLite 3.5x (npm better-sqlite3@12) with programs/sqlite/sqlite_bench.c: n rows inserted,
   * indexed, queried, updated and deleted in an in-memory database. A WASI reactor, built outside
   * the Maven build by programs/sqlite/build.sh into bench/target/sqlite/sqlite.wasm (found through
   * the system property or environment variable named in {@link #SQLITE_WASM}); only the compiler
   * benchmark runs it.
   */
  SQLITE(1000, 100);

  /**
   * Where the SQLite program is: the system property {@code patina.bench.sqlite}, else the
   * environment variable {@code PATINA_BENCH_SQLITE}, else {@code bench/target/sqlite/sqlite.wasm}
   * below the working directory.
   */
  public static final String SQLITE_WASM = "patina.bench.sqlite";

  private final int benchmarkN;
  private final int testN;

  Program(int benchmarkN, int testN) {
    this.benchmarkN = benchmarkN;
    this.testN = testN;
  }

  /** The name used in benchmark parameters and file names. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Program of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  /** The argument of {@code run} in the benchmark: 10-500 ms of work per call. */
  public int benchmarkN() {
    return benchmarkN;
  }

  /** A small argument for the differential test. */
  public int testN() {
    return testN;
  }

  /** Whether the module's binary is there (SQLite's is built by a script, not by Maven). */
  public boolean available() {
    return this != SQLITE || Files.isRegularFile(sqlitePath());
  }

  static Path sqlitePath() {
    String path = System.getProperty(SQLITE_WASM);
    if (path == null) {
      path = System.getenv("PATINA_BENCH_SQLITE");
    }
    return Path.of(path != null ? path : "bench/target/sqlite/sqlite.wasm");
  }

  /** The module's binary, from the classpath (SQLite's from its file). */
  public byte[] wasm() {
    if (this == SQLITE) {
      Path path = sqlitePath();
      try {
        return Files.readAllBytes(path);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "the SQLite program is not at " + path + ": run bench/programs/sqlite/build.sh", e);
      }
    }
    String resource = "/programs/" + id() + ".wasm";
    try (InputStream in = Program.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

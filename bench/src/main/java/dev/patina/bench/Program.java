package dev.patina.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
  COREMARK(100, 3);

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

  /** The module's binary, from the classpath. */
  public byte[] wasm() {
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

package dev.patina.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each program's {@code run(n)} on each engine's interpreter, as calls per second. The setup checks
 * that both engines return the same checksum before anything is measured.
 *
 * <p>The warmup is long on purpose: on a loaded 2-core machine Patina's interpreter loop (one large
 * method) takes several seconds of C2 recompilations before its code is stable, and its first calls
 * run tens of times slower than its peak.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xss16m", "-XX:+UseParallelGC"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class InterpreterBenchmark {
  @Param({"fib", "sieve", "matmul", "sha256", "nbody", "sort", "coremark"})
  public String program;

  /**
   * The engine. JMH runs parameter combinations in the alphabetical order of the parameter names,
   * the last name varying fastest: "program" before "runtime" measures both engines on a program
   * back to back, so that the load of a shared machine affects both sides of a ratio alike.
   */
  @Param({"patina", "chicory"})
  public String runtime;

  private Engine instance;
  private int n;

  @Setup(Level.Trial)
  public void setUp() {
    Program p = Program.of(program);
    Engine.Kind kind = Engine.Kind.of(runtime);
    byte[] wasm = p.wasm();
    n = p.benchmarkN();
    instance = kind.instantiate(wasm);
    int mine = instance.run(n);
    Engine.Kind other = kind == Engine.Kind.PATINA ? Engine.Kind.CHICORY : Engine.Kind.PATINA;
    int theirs = other.instantiate(wasm).run(n);
    if (mine != theirs) {
      throw new IllegalStateException(
          program + ": " + kind.id() + " returned " + mine + ", " + other.id() + " " + theirs);
    }
  }

  /**
   * The benchmark thread's CPU time, next to JMH's wall-clock score: on a shared machine a thread
   * that waits for a core loses wall-clock time but not CPU time, so the CPU-time ratio is the
   * steadier measure of the engines' own speed. Both sums are over the measurement iterations.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    public long cpuNanos;
    public long calls;

    @Setup(Level.Iteration)
    public void reset() {
      cpuNanos = 0;
      calls = 0;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Benchmark
  public int run(CpuTime cpu) {
    long start = THREADS.getCurrentThreadCpuTime();
    int checksum = instance.run(n);
    cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
    cpu.calls++;
    return checksum;
  }
}

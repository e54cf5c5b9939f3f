package dev.patina.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
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
 * Each program's {@code run(n)} on the engines that compile Wasm: Patina's compiler to JVM
 * bytecode, Chicory's, and GraalWasm, as calls per second. The setup checks the engine's checksum
 * against Patina's compiled code (itself checked against the interpreter by {@code
 * DifferentialTest}) before anything is measured. {@link CompilerMain} runs it program by program,
 * each engine in its own fork (GraalWasm's with its own JVM options), with the native build right
 * after.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xss16m", "-XX:+UseParallelGC"})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class CompilerBenchmark {
  @Param({"fib", "sieve", "matmul", "sha256", "nbody", "sort", "coremark", "sqlite"})
  public String program;

  @Param({"patina-compiled", "chicory-compiler", "graalwasm"})
  public String engine;

  private Engine instance;
  private int n;

  @Setup(Level.Trial)
  public void setUp() {
    Program p = Program.of(program);
    Engine.Kind kind = Engine.Kind.of(engine);
    byte[] wasm = p.wasm();
    n = p.benchmarkN();
    instance = kind.instantiate(wasm);
    int mine = instance.run(n);
    if (kind != Engine.Kind.PATINA_COMPILED) {
      int patina = Engine.Kind.PATINA_COMPILED.instantiate(wasm).run(n);
      if (mine != patina) {
        throw new IllegalStateException(
            program + ": " + kind.id() + " returned " + mine + ", patina-compiled " + patina);
      }
    }
    System.out.println("checksum " + program + " " + mine);
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** As in {@link InterpreterBenchmark}: the benchmark thread's CPU time beside the wall clock. */
  @Benchmark
  public int run(InterpreterBenchmark.CpuTime cpu) {
    long start = THREADS.getCurrentThreadCpuTime();
    int checksum = instance.run(n);
    cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
    cpu.calls++;
    return checksum;
  }
}

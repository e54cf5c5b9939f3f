package dev.patina.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Compile time and memory of one module on one engine, in a fresh JVM (run it once per engine and
 * module: bench/run-compiler.sh does). Usage: {@code CompileStats ENGINE FILE.wasm}. Measures from
 * the module's bytes to an instance ready to call (decode, validate, compile, load the classes,
 * instantiate; for a WASI reactor also {@code _initialize}), and prints one line:
 *
 * <ul>
 *   <li>wall time, and the process's CPU time (all threads: Patina compiles functions in parallel;
 *       includes the JIT compiling the compilers themselves, as in a real first use);
 *   <li>bytes allocated on the heap by all threads;
 *   <li>the heap's peak use (sum of the pools' peaks) and what stays reachable after a full GC with
 *       the instance alive, minus the same before loading;
 *   <li>metaspace growth (the generated classes' metadata).
 * </ul>
 *
 * GraalWasm compiles lazily (Truffle compiles hot functions while they run), so its number is
 * parsing and instantiation only.
 */
public final class CompileStats {
  private CompileStats() {}

  public static void main(String[] args) throws Exception {
    Engine.Kind kind = Engine.Kind.of(args[0]);
    byte[] wasm = Files.readAllBytes(Path.of(args[1]));
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.gc();
    long heapBefore = heapUsed();
    long metaBefore = metaspaceUsed();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long allocated0 = threads.getTotalThreadAllocatedBytes();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    Engine engine = kind.instantiate(wasm);
    long wall = System.nanoTime() - wall0;
    long cpu = os.getProcessCpuTime() - cpu0;
    long allocated = threads.getTotalThreadAllocatedBytes() - allocated0;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.gc();
    long retained = heapUsed() - heapBefore;
    long meta = metaspaceUsed() - metaBefore;
    System.out.printf(
        Locale.ROOT,
        "engine=%s module=%s bytes=%d wall_ms=%.0f cpu_ms=%.0f allocated_mb=%.1f"
            + " peak_heap_mb=%.1f retained_mb=%.1f metaspace_mb=%.1f%n",
        kind.id(),
        Path.of(args[1]).getFileName(),
        wasm.length,
        wall / 1e6,
        cpu / 1e6,
        allocated / 1048576.0,
        (peak - heapBefore) / 1048576.0,
        retained / 1048576.0,
        meta / 1048576.0);
    java.lang.ref.Reference.reachabilityFence(engine);
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long metaspaceUsed() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().contains("Metaspace")) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }
}

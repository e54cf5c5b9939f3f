package dev.patina.wasm.wasi.internal;

import dev.patina.wasm.ExitException;
import dev.patina.wasm.TrapException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;

/** Arguments, environment, clocks, randomness, exit and scheduling. */
final class ProcCalls {
  private static final int RANDOM_CHUNK = 1 << 16;

  private final WasiContext ctx;

  ProcCalls(WasiContext ctx) {
    this.ctx = ctx;
  }

  int argsGet(Guest g, long[] a) {
    return strings(g, ctx.args, a[0], a[1]);
  }

  int argsSizesGet(Guest g, long[] a) {
    return sizes(g, ctx.args, a[0], a[1]);
  }

  int environGet(Guest g, long[] a) {
    return strings(g, ctx.environ, a[0], a[1]);
  }

  int environSizesGet(Guest g, long[] a) {
    return sizes(g, ctx.environ, a[0], a[1]);
  }

  /** Writes a pointer per string at {@code ptrs} and the NUL-terminated strings at {@code buf}. */
  private static int strings(Guest g, List<byte[]> values, long ptrs, long buf) {
    long at = buf;
    for (int i = 0; i < values.size(); i++) {
      byte[] v = values.get(i);
      g.writeInt(ptrs + 4L * i, (int) at);
      byte[] z = java.util.Arrays.copyOf(v, v.length + 1);
      g.write(at, z);
      at += z.length;
    }
    return Errno.SUCCESS;
  }

  private static int sizes(Guest g, List<byte[]> values, long countPtr, long sizePtr) {
    long total = 0;
    for (byte[] v : values) {
      total += v.length + 1;
    }
    g.writeInt(countPtr, values.size());
    g.writeInt(sizePtr, (int) total);
    return Errno.SUCCESS;
  }

  int clockResGet(Guest g, long[] a) {
    long res =
        switch ((int) a[0]) {
          case Wasi1.CLOCK_REALTIME -> 1_000L;
          case Wasi1.CLOCK_MONOTONIC -> 1L;
          case Wasi1.CLOCK_PROCESS_CPUTIME, Wasi1.CLOCK_THREAD_CPUTIME -> 1_000L;
          default -> throw new ErrnoException(Errno.INVAL);
        };
    g.writeLong(a[1], res);
    return Errno.SUCCESS;
  }

  int clockTimeGet(Guest g, long[] a) {
    g.writeLong(a[2], now((int) a[0]));
    return Errno.SUCCESS;
  }

  /** The time of a WASI clock in nanoseconds. */
  long now(int clock) {
    return switch (clock) {
      case Wasi1.CLOCK_REALTIME -> {
        Instant t = Instant.now();
        yield t.getEpochSecond() * 1_000_000_000L + t.getNano();
      }
      case Wasi1.CLOCK_MONOTONIC -> ctx.monotonicNanos();
      case Wasi1.CLOCK_PROCESS_CPUTIME -> processCpuNanos();
      case Wasi1.CLOCK_THREAD_CPUTIME -> {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        yield t >= 0 ? t : ctx.monotonicNanos();
      }
      default -> throw new ErrnoException(Errno.INVAL);
    };
  }

  private long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long t = os.getProcessCpuTime();
      if (t >= 0) {
        return t;
      }
    }
    return ctx.monotonicNanos();
  }

  int randomGet(Guest g, long[] a) {
    long ptr = a[0];
    long len = a[1];
    g.check(ptr, len);
    byte[] chunk = new byte[(int) Math.min(len, RANDOM_CHUNK)];
    for (long done = 0; done < len; ) {
      int n = (int) Math.min(chunk.length, len - done);
      byte[] b = n == chunk.length ? chunk : new byte[n];
      ctx.random.nextBytes(b);
      g.write(ptr + done, b);
      done += n;
    }
    return Errno.SUCCESS;
  }

  /** Ends the program: unwinds every Wasm frame with the status, as wasmtime does. */
  void procExit(int status) {
    if (Integer.compareUnsigned(status, 126) >= 0) {
      throw new TrapException("exit with invalid exit status outside of [0..126)");
    }
    throw new ExitException(status);
  }

  int procRaise(Guest g, long[] a) {
    return Errno.NOTSUP;
  }

  int schedYield(Guest g, long[] a) {
    Thread.yield();
    return Errno.SUCCESS;
  }
}

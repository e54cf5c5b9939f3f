package dev.patina.wasm.wasi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The state behind one WASI instance: arguments, environment, descriptors, clocks, randomness. */
public final class WasiContext {
  public final List<byte[]> args = new ArrayList<>();
  public final List<byte[]> environ = new ArrayList<>();
  public final FdTable fds = new FdTable();
  public final SecureRandom random;
  private final long monotonicOrigin = System.nanoTime();

  /** Set when the run is interrupted (a timeout): waits in poll_oneoff end with a trap. */
  public volatile boolean interrupted;

  public WasiContext(List<String> args, Map<String, String> env, SecureRandom random) {
    for (String a : args) {
      this.args.add(a.getBytes(StandardCharsets.UTF_8));
    }
    env.forEach((k, v) -> environ.add((k + "=" + v).getBytes(StandardCharsets.UTF_8)));
    this.random = random;
  }

  /** Nanoseconds of the monotonic clock: since this context was made, never negative. */
  public long monotonicNanos() {
    return System.nanoTime() - monotonicOrigin;
  }

  /** Closes every descriptor, ignoring failures (the program has ended). */
  public void closeAll() {
    for (Descriptor d : fds.all()) {
      try {
        d.close();
      } catch (IOException | RuntimeException e) {
        // Closing at the end: nothing left to report to.
      }
    }
  }
}

package dev.patina.wasm.wasi;

import dev.patina.wasm.Function;
import dev.patina.wasm.Instance;
import dev.patina.wasm.Linker;
import dev.patina.wasm.Module;
import dev.patina.wasm.Store;
import dev.patina.wasm.Value;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs WASI programs under limits, as {@code wasmtime run} does: fuel, memory and table limits,
 * call depth and a wall-clock timeout, each mapped to the core's {@link Store} controls.
 *
 * <pre>{@code
 * WasiRunner runner = WasiRunner.builder()
 *     .options(WasiOptions.builder().args("prog").inheritStdio().build())
 *     .fuel(1_000_000_000)
 *     .maxMemoryBytes(64 << 20)
 *     .timeout(Duration.ofSeconds(5))
 *     .build();
 * int status = runner.run(module);            // _start; proc_exit's status, or 0
 * }</pre>
 *
 * Out of fuel traps with "all fuel consumed", a timeout with "interrupted", too deep recursion with
 * "call stack exhausted"; a memory that would grow beyond the limit makes {@code memory.grow}
 * return -1.
 */
public final class WasiRunner {
  private final WasiOptions options;
  private final long fuel;
  private final long maxMemoryBytes;
  private final long maxTableElements;
  private final int maxCallDepth;
  private final Duration timeout;

  private WasiRunner(Builder b) {
    this.options = b.options;
    this.fuel = b.fuel;
    this.maxMemoryBytes = b.maxMemoryBytes;
    this.maxTableElements = b.maxTableElements;
    this.maxCallDepth = b.maxCallDepth;
    this.timeout = b.timeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A store with this runner's limits. */
  public Store newStore() {
    Store.Builder b = Store.builder();
    if (fuel >= 0) {
      b.fuel(fuel);
    }
    if (maxMemoryBytes >= 0) {
      b.maxMemoryBytes(maxMemoryBytes);
    }
    if (maxTableElements >= 0) {
      b.maxTableElements(maxTableElements);
    }
    if (maxCallDepth > 0) {
      b.maxCallDepth(maxCallDepth);
    }
    b.interruptible(timeout != null);
    return b.build();
  }

  /** Instantiates and runs {@code _start}; returns the exit status. */
  public int run(Module module) {
    try (Session s = instantiate(module)) {
      return s.start();
    }
  }

  /**
   * Instantiates {@code module} with WASI in a new store; the timeout, if any, covers the
   * instantiation (a start function) and each later call.
   */
  public Session instantiate(Module module) {
    return instantiate(module, new Linker());
  }

  /** Like {@link #instantiate(Module)}, with extra definitions in {@code linker}. */
  public Session instantiate(Module module, Linker linker) {
    Store store = newStore();
    Wasi wasi = new Wasi(options);
    try {
      wasi.define(linker);
      Instance instance = timed(store, wasi, () -> linker.instantiate(store, module));
      return new Session(this, store, wasi, instance);
    } catch (RuntimeException e) {
      wasi.close();
      throw e;
    }
  }

  private <T> T timed(Store store, Wasi wasi, Callable<T> body) {
    ScheduledFuture<?> timer = null;
    ScheduledExecutorService scheduler = null;
    if (timeout != null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "wasi-timeout");
                t.setDaemon(true);
                return t;
              });
      timer =
          scheduler.schedule(
              () -> {
                wasi.interrupt();
                store.interrupt();
              },
              timeout.toNanos(),
              TimeUnit.NANOSECONDS);
    }
    try {
      return body.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      if (timer != null) {
        timer.cancel(false);
        scheduler.shutdownNow();
      }
    }
  }

  /** An instantiated WASI program. Close it to release its files and sockets. */
  public static final class Session implements AutoCloseable {
    private final WasiRunner runner;
    private final Store store;
    private final Wasi wasi;
    private final Instance instance;

    private Session(WasiRunner runner, Store store, Wasi wasi, Instance instance) {
      this.runner = runner;
      this.store = store;
      this.wasi = wasi;
      this.instance = instance;
    }

    public Instance instance() {
      return instance;
    }

    public Store store() {
      return store;
    }

    /** Runs {@code _start}: returns {@code proc_exit}'s status, or 0 if it returns. */
    public int start() {
      return runner.timed(store, wasi, () -> wasi.start(instance));
    }

    /**
     * Calls the exported function {@code name}.
     *
     * @throws dev.patina.wasm.ExitException if the function calls {@code proc_exit}
     */
    public Value[] invoke(String name, Value... args) {
      Function f = instance.function(name);
      return runner.timed(store, wasi, () -> f.call(args));
    }

    @Override
    public void close() {
      wasi.close();
    }
  }

  public static final class Builder {
    private WasiOptions options = WasiOptions.builder().build();
    private long fuel = -1;
    private long maxMemoryBytes = -1;
    private long maxTableElements = -1;
    private int maxCallDepth = -1;
    private Duration timeout;

    private Builder() {}

    public Builder options(WasiOptions options) {
      this.options = Objects.requireNonNull(options);
      return this;
    }

    /** Meters execution: traps with "all fuel consumed" after about this many instructions. */
    public Builder fuel(long fuel) {
      if (fuel < 0) {
        throw new IllegalArgumentException("fuel must not be negative");
      }
      this.fuel = fuel;
      return this;
    }

    public Builder maxMemoryBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxMemoryBytes must not be negative");
      }
      this.maxMemoryBytes = bytes;
      return this;
    }

    public Builder maxTableElements(long elements) {
      if (elements < 0) {
        throw new IllegalArgumentException("maxTableElements must not be negative");
      }
      this.maxTableElements = elements;
      return this;
    }

    public Builder maxCallDepth(int depth) {
      Store.builder().maxCallDepth(depth); // validates the range
      this.maxCallDepth = depth;
      return this;
    }

    /** Interrupts the run (trap "interrupted") after this much wall-clock time. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must not be negative");
      }
      this.timeout = timeout;
      return this;
    }

    public WasiRunner build() {
      return new WasiRunner(this);
    }
  }
}

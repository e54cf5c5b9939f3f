package dev.patina.wasm.wasi;

import dev.patina.wasm.ExitException;
import dev.patina.wasm.Extern;
import dev.patina.wasm.Function;
import dev.patina.wasm.Instance;
import dev.patina.wasm.Linker;
import dev.patina.wasm.UnlinkableException;
import dev.patina.wasm.wasi.internal.Descriptor;
import dev.patina.wasm.wasi.internal.Imports;
import dev.patina.wasm.wasi.internal.WasiContext;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;

/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) for one program instance: its descriptors,
 * arguments, environment and clocks. Define its functions in a {@link Linker}, instantiate, then
 * {@link #start} the instance.
 *
 * <pre>{@code
 * try (Wasi wasi = new Wasi(options)) {
 *   Linker linker = wasi.define(new Linker());
 *   Instance instance = linker.instantiate(new Store(), module);
 *   int status = wasi.start(instance);
 * }
 * }</pre>
 *
 * Host failures never escape as Java exceptions into the guest: I/O errors become WASI errnos, bad
 * guest pointers and unexpected host failures become traps ({@link dev.patina.wasm.TrapException}),
 * {@code proc_exit} ends the run with its status.
 */
public final class Wasi implements AutoCloseable {
  /** The import module name of WASI preview 1. */
  public static final String MODULE = "wasi_snapshot_preview1";

  private final WasiContext ctx;

  /**
   * Sets up the descriptors: 0-2 the standard streams, then the listening sockets, then the
   * preopened directories (as wasmtime numbers them).
   *
   * @throws IllegalArgumentException if a preopened host directory is not a directory
   */
  public Wasi(WasiOptions options) {
    this.ctx = new WasiContext(options.args(), options.env(), options.random());
    ctx.fds.add(new Descriptor.Input(options.stdin(), options.terminal()));
    ctx.fds.add(new Descriptor.Output(options.stdout(), options.terminal()));
    ctx.fds.add(new Descriptor.Output(options.stderr(), options.terminal()));
    for (ServerSocketChannel listener : options.listeners()) {
      ctx.fds.add(new Descriptor.Listener(listener));
    }
    for (Preopen p : options.preopens()) {
      if (!Files.isDirectory(p.host())) {
        throw new IllegalArgumentException("not a directory: " + p.host());
      }
      // The capability is the directory itself; a link given by the host is resolved once here.
      java.nio.file.Path real;
      try {
        real = p.host().toRealPath();
      } catch (java.io.IOException e) {
        real = p.host().toAbsolutePath();
      }
      if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalArgumentException("not a directory: " + p.host());
      }
      ctx.fds.add(new Descriptor.Directory(real, p.guest(), p.readOnly()));
    }
  }

  /** Defines every {@code wasi_snapshot_preview1} function in {@code linker}; returns it. */
  public Linker define(Linker linker) {
    Imports.define(linker, ctx);
    return linker;
  }

  /**
   * Runs the program: calls the instance's exported {@code _start}.
   *
   * @return the exit status: {@code proc_exit}'s, or 0 if {@code _start} returns
   * @throws dev.patina.wasm.TrapException if the program traps
   * @throws UnlinkableException if the instance exports no {@code _start} function
   */
  public int start(Instance instance) {
    Extern start = instance.export("_start");
    if (!(start instanceof Function f)) {
      throw new UnlinkableException("the module exports no function \"_start\"");
    }
    try {
      f.call();
      return 0;
    } catch (ExitException e) {
      return e.status();
    }
  }

  /**
   * Asks waits inside WASI calls ({@code poll_oneoff}) to end with a trap "interrupted"; used with
   * {@link dev.patina.wasm.Store#interrupt()} for timeouts.
   */
  public void interrupt() {
    ctx.interrupted = true;
  }

  /** Closes every descriptor the program still has open (files, sockets). */
  @Override
  public void close() {
    ctx.closeAll();
  }
}

package dev.patina.wasm.wasi.internal;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.Linker;
import dev.patina.wasm.TrapException;
import dev.patina.wasm.ValType;
import dev.patina.wasm.Value;
import dev.patina.wasm.WasmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Defines every function of {@code wasi_snapshot_preview1} in a linker. Each call returns an errno;
 * no host exception reaches the guest: I/O failures become errnos, pointers outside the memory trap
 * (as the WASI specification says), and anything unexpected is a trap naming the call, never a Java
 * exception for the embedder.
 */
public final class Imports {
  private Imports() {}

  /** A WASI call: arguments as unsigned 32-bit or 64-bit values, the errno as result. */
  @FunctionalInterface
  interface Call {
    int call(Guest guest, long[] args) throws IOException;
  }

  public static void define(Linker linker, WasiContext ctx) {
    ProcCalls proc = new ProcCalls(ctx);
    FdCalls fd = new FdCalls(ctx);
    PathCalls path = new PathCalls(ctx);
    PollCalls poll = new PollCalls(ctx);
    SockCalls sock = new SockCalls(ctx);
    Imports.def(linker, "args_get", "ii", proc::argsGet);
    def(linker, "args_sizes_get", "ii", proc::argsSizesGet);
    def(linker, "environ_get", "ii", proc::environGet);
    def(linker, "environ_sizes_get", "ii", proc::environSizesGet);
    def(linker, "clock_res_get", "ii", proc::clockResGet);
    def(linker, "clock_time_get", "iIi", proc::clockTimeGet);
    def(linker, "fd_advise", "iIIi", fd::advise);
    def(linker, "fd_allocate", "iII", fd::allocate);
    def(linker, "fd_close", "i", fd::close);
    def(linker, "fd_datasync", "i", fd::datasync);
    def(linker, "fd_fdstat_get", "ii", fd::fdstatGet);
    def(linker, "fd_fdstat_set_flags", "ii", fd::fdstatSetFlags);
    def(linker, "fd_fdstat_set_rights", "iII", fd::fdstatSetRights);
    def(linker, "fd_filestat_get", "ii", fd::filestatGet);
    def(linker, "fd_filestat_set_size", "iI", fd::filestatSetSize);
    def(linker, "fd_filestat_set_times", "iIIi", fd::filestatSetTimes);
    def(linker, "fd_pread", "iiiIi", fd::pread);
    def(linker, "fd_prestat_get", "ii", fd::prestatGet);
    def(linker, "fd_prestat_dir_name", "iii", fd::prestatDirName);
    def(linker, "fd_pwrite", "iiiIi", fd::pwrite);
    def(linker, "fd_read", "iiii", fd::read);
    def(linker, "fd_readdir", "iiiIi", fd::readdir);
    def(linker, "fd_renumber", "ii", fd::renumber);
    def(linker, "fd_seek", "iIii", fd::seek);
    def(linker, "fd_sync", "i", fd::sync);
    def(linker, "fd_tell", "ii", fd::tell);
    def(linker, "fd_write", "iiii", fd::write);
    def(linker, "path_create_directory", "iii", path::createDirectory);
    def(linker, "path_filestat_get", "iiiii", path::filestatGet);
    def(linker, "path_filestat_set_times", "iiiiIIi", path::filestatSetTimes);
    def(linker, "path_link", "iiiiiii", path::link);
    def(linker, "path_open", "iiiiiIIii", path::open);
    def(linker, "path_readlink", "iiiiii", path::readlink);
    def(linker, "path_remove_directory", "iii", path::removeDirectory);
    def(linker, "path_rename", "iiiiii", path::rename);
    def(linker, "path_symlink", "iiiii", path::symlink);
    def(linker, "path_unlink_file", "iii", path::unlinkFile);
    def(linker, "poll_oneoff", "iiii", poll::pollOneoff);
    def(linker, "proc_raise", "i", proc::procRaise);
    def(linker, "sched_yield", "", proc::schedYield);
    def(linker, "random_get", "ii", proc::randomGet);
    def(linker, "sock_accept", "iii", sock::accept);
    def(linker, "sock_recv", "iiiiii", sock::recv);
    def(linker, "sock_send", "iiiii", sock::send);
    def(linker, "sock_shutdown", "ii", sock::shutdown);
    linker.function(
        Wasi1.MODULE,
        "proc_exit",
        new FuncType(List.of(ValType.I32), List.of()),
        (caller, args) -> {
          proc.procExit(((Value.I32) args[0]).value());
          return new Value[0];
        });
  }

  private static void def(Linker linker, String name, String params, Call body) {
    List<ValType> types = new ArrayList<>();
    for (char c : params.toCharArray()) {
      types.add(c == 'I' ? ValType.I64 : ValType.I32);
    }
    FuncType type = new FuncType(types, List.of(ValType.I32));
    linker.function(
        Wasi1.MODULE,
        name,
        type,
        (caller, args) -> {
          long[] a = new long[args.length];
          for (int i = 0; i < a.length; i++) {
            a[i] =
                switch (args[i]) {
                  case Value.I32 v -> v.value() & 0xFFFFFFFFL;
                  case Value.I64 v -> v.value();
                  default -> throw new IllegalStateException("unexpected " + args[i]);
                };
          }
          return new Value[] {Value.i32(invoke(name, body, new Guest(caller.memory()), a))};
        });
  }

  static int invoke(String name, Call body, Guest guest, long[] args) {
    try {
      return body.call(guest, args);
    } catch (ErrnoException e) {
      return e.errno();
    } catch (IOException e) {
      return IoErrors.errno(e);
    } catch (UncheckedIOException e) {
      return IoErrors.errno(e.getCause());
    } catch (WasmException e) {
      throw e; // exit, a trap from the guest memory, or an interruption
    } catch (OutOfMemoryError e) {
      return Errno.NOMEM;
    } catch (UnsupportedOperationException
        | SecurityException
        | java.nio.file.InvalidPathException
        | java.nio.file.ProviderMismatchException
        | java.nio.channels.NonReadableChannelException
        | java.nio.channels.NonWritableChannelException e) {
      return IoErrors.errno(e);
    } catch (RuntimeException e) {
      throw new TrapException("wasi: " + name + " failed: " + e, e);
    }
  }
}

package dev.patina.wasm.wasi;

import dev.patina.wasm.Instance;
import dev.patina.wasm.Linker;
import dev.patina.wasm.Memory;
import dev.patina.wasm.Module;
import dev.patina.wasm.Store;
import dev.patina.wasm.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Wasm module that imports WASI functions and exports a same-named wrapper for each, so that a
 * test can call them as the guest would (with the guest's memory) and look at the memory.
 */
final class Harness implements AutoCloseable {
  /** Parameter types of every WASI function: i for i32, I for i64. */
  static final Map<String, String> SIGNATURES = new LinkedHashMap<>();

  static {
    String[] sigs = {
      "args_get ii",
      "args_sizes_get ii",
      "environ_get ii",
      "environ_sizes_get ii",
      "clock_res_get ii",
      "clock_time_get iIi",
      "fd_advise iIIi",
      "fd_allocate iII",
      "fd_close i",
      "fd_datasync i",
      "fd_fdstat_get ii",
      "fd_fdstat_set_flags ii",
      "fd_fdstat_set_rights iII",
      "fd_filestat_get ii",
      "fd_filestat_set_size iI",
      "fd_filestat_set_times iIIi",
      "fd_pread iiiIi",
      "fd_prestat_get ii",
      "fd_prestat_dir_name iii",
      "fd_pwrite iiiIi",
      "fd_read iiii",
      "fd_readdir iiiIi",
      "fd_renumber ii",
      "fd_seek iIii",
      "fd_sync i",
      "fd_tell ii",
      "fd_write iiii",
      "path_create_directory iii",
      "path_filestat_get iiiii",
      "path_filestat_set_times iiiiIIi",
      "path_link iiiiiii",
      "path_open iiiiiIIii",
      "path_readlink iiiiii",
      "path_remove_directory iii",
      "path_rename iiiiii",
      "path_symlink iiiii",
      "path_unlink_file iii",
      "poll_oneoff iiii",
      "proc_raise i",
      "sched_yield ",
      "random_get ii",
      "sock_accept iii",
      "sock_recv iiiiii",
      "sock_send iiiii",
      "sock_shutdown ii",
    };
    for (String s : sigs) {
      String[] parts = s.split(" ", -1);
      SIGNATURES.put(parts[0], parts[1]);
    }
  }

  static final int SCRATCH = 1024;

  final Wasi wasi;
  final Instance instance;
  final Memory memory;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Harness(WasiOptions.Builder options) {
    this(options, new Store());
  }

  Harness(WasiOptions.Builder options, Store store) {
    this.wasi = new Wasi(options.stdout(out).stderr(err).build());
    StringBuilder wat = new StringBuilder("(module\n");
    SIGNATURES.forEach(
        (name, sig) ->
            wat.append("  (import \"wasi_snapshot_preview1\" \"")
                .append(name)
                .append("\" (func $")
                .append(name)
                .append(params(sig))
                .append(" (result i32)))\n"));
    wat.append(
        "  (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $proc_exit (param i32)))\n");
    wat.append("  (memory (export \"memory\") 2)\n");
    SIGNATURES.forEach(
        (name, sig) -> {
          wat.append("  (func (export \"").append(name).append("\")").append(params(sig));
          wat.append(" (result i32)");
          for (int i = 0; i < sig.length(); i++) {
            wat.append(" local.get ").append(i);
          }
          wat.append(" call $").append(name).append(")\n");
        });
    wat.append("  (func (export \"proc_exit\") (param i32) local.get 0 call $proc_exit)\n");
    wat.append("  (func (export \"_start\")))\n");
    this.instance = wasi.define(new Linker()).instantiate(store, Module.fromText(wat.toString()));
    this.memory = instance.memory("memory");
  }

  private static String params(String sig) {
    if (sig.isEmpty()) {
      return "";
    }
    StringBuilder p = new StringBuilder(" (param");
    for (char c : sig.toCharArray()) {
      p.append(c == 'I' ? " i64" : " i32");
    }
    return p.append(")").toString();
  }

  /** Calls the WASI function {@code name}; returns its errno. */
  int call(String name, long... args) {
    String sig = SIGNATURES.get(name);
    Value[] values = new Value[args.length];
    for (int i = 0; i < args.length; i++) {
      values[i] = sig.charAt(i) == 'I' ? Value.i64(args[i]) : Value.i32((int) args[i]);
    }
    return ((Value.I32) instance.function(name).call(values)[0]).value();
  }

  /** Writes a string (UTF-8) at {@code address}; returns its length in bytes. */
  int string(long address, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    memory.write(address, b);
    return b.length;
  }

  String string(long address, int length) {
    return new String(memory.read(address, length), StandardCharsets.UTF_8);
  }

  int i32(long address) {
    return memory.readInt(address);
  }

  long i64(long address) {
    return memory.readLong(address);
  }

  /** path_open relative to {@code dirFd}; returns the new fd, or -errno. */
  int open(int dirFd, String path, int oflags, long rights, int fdflags) {
    int len = string(SCRATCH, path);
    int errno = call("path_open", dirFd, 1, SCRATCH, len, oflags, rights, rights, fdflags, 0);
    return errno == 0 ? i32(0) : -errno;
  }

  int open(int dirFd, String path) {
    return open(dirFd, path, 0, Rights.READ, 0);
  }

  /** Writes {@code data} to {@code fd} through one iovec; returns the errno. */
  int write(int fd, String data) {
    int len = string(SCRATCH + 16, data);
    memory.writeInt(SCRATCH, SCRATCH + 16);
    memory.writeInt(SCRATCH + 4, len);
    return call("fd_write", fd, SCRATCH, 1, 8);
  }

  /** Reads up to {@code max} bytes from {@code fd}; the text, or null on an errno. */
  String read(int fd, int max) {
    memory.writeInt(SCRATCH, SCRATCH + 16);
    memory.writeInt(SCRATCH + 4, max);
    int errno = call("fd_read", fd, SCRATCH, 1, 8);
    return errno != 0 ? null : string(SCRATCH + 16, i32(8));
  }

  /** Calls a path_* function taking (fd, path, len). */
  int path(String name, int fd, String path) {
    int len = string(SCRATCH, path);
    return call(name, fd, SCRATCH, len);
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    wasi.close();
  }

  static final class Rights {
    static final long READ = 1L << 1;
    static final long WRITE = 1L << 6;
    static final long READ_WRITE = READ | WRITE;
  }
}

package dev.patina.cli.wasm;

import dev.patina.cli.ErrorReporter;
import dev.patina.cli.UserError;
import dev.patina.wasm.ExitException;
import dev.patina.wasm.Extern;
import dev.patina.wasm.Function;
import dev.patina.wasm.Module;
import dev.patina.wasm.Value;
import dev.patina.wasm.compiler.AotFile;
import dev.patina.wasm.compiler.WasmCompiler;
import dev.patina.wasm.internal.interp.InterpreterBackend;
import dev.patina.wasm.internal.runtime.ExecutionBackend;
import dev.patina.wasm.wasi.Preopen;
import dev.patina.wasm.wasi.WasiOptions;
import dev.patina.wasm.wasi.WasiRunner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code patina wasm run}: runs a WASI program (or calls an export), as {@code wasmtime run} does.
 * Options go before the module; everything after it belongs to the program.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a WebAssembly module (.wasm or .wat) with WASI preview 1, as",
      "`wasmtime run` does: calls its _start function with ARGS as the program's",
      "arguments and exits with the program's exit status. With --invoke NAME,",
      "calls the exported function NAME instead, with ARGS converted to its",
      "parameter types, and prints each result on its own line.",
      "",
      "Every function is compiled to JVM bytecode first (progress shows if that takes over a",
      "second); --interpret runs the interpreter instead. A .pwasm file from `patina wasm",
      "compile` runs without compiling again.",
      "",
      "Options come before FILE: everything after FILE is passed to the program.",
      "The program sees no files, no environment and no network unless given them.",
    },
    footer = {
      "",
      "Examples:",
      "  patina wasm run hello.wasm",
      "  patina wasm run --dir . wc.wasm -l README.md",
      "  patina wasm run --dir ./data::/data --dir /etc::/etc:ro --env LANG=C prog.wasm /data/in",
      "  patina wasm run --fuel 100000000 --max-memory 64M --timeout 5s untrusted.wasm",
      "  patina wasm run --tcplisten 127.0.0.1:8080 server.wasm",
      "  patina wasm run --invoke fib fib.wat 30",
      "  patina wasm run --interpret hello.wasm",
      "  patina wasm compile sqlite.wasm -o sqlite.pwasm && patina wasm run --dir . sqlite.pwasm",
      "",
      "--dir HOST[::GUEST][:ro] preopens the host directory HOST as GUEST (default: HOST as",
      "given); :ro makes it read-only (changes fail with EPERM). Nothing outside it can be",
      "reached, not through '..', absolute paths nor symbolic links.",
      "Sizes take K, M or G (binary); durations take ms, s, m or h.",
      "Integers are decimal or 0x-hex (negative or unsigned); floats also accept nan, inf, -inf.",
      "",
      "Exit status: the program's (its proc_exit status, 0 if _start returns); 1 for a bad",
      "module or arguments; 134 if the code traps (error: wasm trap: ... with a backtrace).",
    })
public final class WasmRunCommand implements Callable<Integer> {
  @Option(
      names = "--invoke",
      paramLabel = "NAME",
      description = "Call the exported function NAME instead of _start; print its results.")
  String invoke;

  @Option(
      names = "--dir",
      paramLabel = "HOST[::GUEST][:ro]",
      description = "Preopen a host directory for the program (repeatable).")
  List<String> dirs = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME[=VALUE]",
      description =
          "Set an environment variable; NAME alone passes this process's value (repeatable).")
  List<String> env = new ArrayList<>();

  @Option(
      names = "--inherit-env",
      description = "Pass this process's whole environment to the program.")
  boolean inheritEnv;

  @Option(
      names = "--tcplisten",
      paramLabel = "HOST:PORT",
      description = "Listen on a TCP address and hand the socket to the program (repeatable).")
  List<String> tcpListen = new ArrayList<>();

  @Option(
      names = "--fuel",
      paramLabel = "N",
      description = "Trap (\"all fuel consumed\") after about N executed instructions.")
  Long fuel;

  @Option(
      names = "--max-memory",
      paramLabel = "BYTES",
      converter = Quantities.Bytes.class,
      description = "Largest size of a linear memory; growing beyond it fails (memory.grow = -1).")
  Long maxMemory;

  @Option(
      names = "--max-table-elements",
      paramLabel = "N",
      description = "Largest number of elements of a table.")
  Long maxTableElements;

  @Option(
      names = "--max-call-depth",
      paramLabel = "N",
      description = "Deepest call nesting; deeper traps (\"call stack exhausted\").")
  Integer maxCallDepth;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Quantities.Time.class,
      description = "Interrupt the program (trap \"interrupted\") after this long, e.g. 5s.")
  Duration timeout;

  @Option(
      names = "--interpret",
      description =
          "Run in the interpreter instead of compiling every function to JVM bytecode first.")
  boolean interpret;

  @Option(
      names = "--argv0",
      paramLabel = "NAME",
      description = "The program's argv[0] (default: FILE as given).")
  String argv0;

  @Parameters(index = "0", paramLabel = "FILE", description = "The module: .wasm or .wat.")
  Path file;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "ARGS",
      description = "The program's arguments (or the function's, with --invoke).")
  List<String> args = new ArrayList<>();

  /** Everything after FILE is the program's, even if it looks like an option. */
  @Spec
  void spec(CommandSpec spec) {
    spec.parser().stopAtPositional(true);
  }

  @Override
  public Integer call() throws Exception {
    List<String> programArgs = new ArrayList<>(args);
    String name = invoke;
    // The form `run FILE --invoke NAME ARGS` of earlier versions still works.
    if (name == null && programArgs.size() >= 2 && programArgs.getFirst().equals("--invoke")) {
      name = programArgs.get(1);
      programArgs = new ArrayList<>(programArgs.subList(2, programArgs.size()));
    }
    Module module = load();
    List<ServerSocketChannel> listeners = new ArrayList<>();
    try {
      WasiRunner runner = runner(name, programArgs, listeners);
      try (WasiRunner.Session session = runner.instantiate(module)) {
        if (name == null) {
          requireFunction(session, "_start", true);
          return session.start();
        }
        Function function = requireFunction(session, name, false);
        Value[] results = session.invoke(name, ArgumentParser.parse(function.type(), programArgs));
        for (Value v : results) {
          System.out.println(ValueFormat.format(v));
        }
        System.out.flush();
        return 0;
      } catch (ExitException e) {
        return e.status();
      }
    } finally {
      for (ServerSocketChannel l : listeners) {
        l.close();
      }
    }
  }

  /**
   * The module, compiled to JVM bytecode (with a progress line if that takes over a second), or for
   * the interpreter with --interpret; a .pwasm file loads its precompiled code.
   */
  private Module load() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserError("no such file: " + file);
    }
    byte[] bytes = Files.readAllBytes(file);
    if (AotFile.isAotFile(bytes)) {
      if (interpret) {
        throw usage(
            file + " holds compiled code: run the .wasm it was compiled from with --interpret");
      }
      return AotFile.load(bytes);
    }
    if (interpret) {
      return load(bytes, InterpreterBackend.INSTANCE);
    }
    try (ProgressLine progress = new ProgressLine(file.toString(), System.err)) {
      return load(bytes, WasmCompiler.withProgress(progress));
    }
  }

  private static Module load(byte[] bytes, ExecutionBackend backend) {
    return Module.isBinary(bytes)
        ? Module.fromBinary(bytes, backend)
        : Module.fromText(new String(bytes, StandardCharsets.UTF_8), backend);
  }

  private static Function requireFunction(WasiRunner.Session session, String name, boolean start) {
    Extern export = session.instance().export(name);
    if (export instanceof Function f) {
      return f;
    }
    throw new UserError(
        export == null
            ? "the module exports no function named \""
                + name
                + "\""
                + (start ? " (use --invoke NAME)" : "")
            : "export \"" + name + "\" is not a function");
  }

  private WasiRunner runner(
      String name, List<String> programArgs, List<ServerSocketChannel> listeners)
      throws IOException {
    WasiOptions.Builder options = WasiOptions.builder().inheritStdio();
    List<String> argv = new ArrayList<>();
    argv.add(argv0 != null ? argv0 : file.toString());
    if (name == null) {
      argv.addAll(programArgs);
    }
    options.args(argv);
    if (inheritEnv) {
      options.inheritEnv();
    }
    for (String e : env) {
      int eq = e.indexOf('=');
      String key = eq < 0 ? e : e.substring(0, eq);
      if (key.isEmpty()) {
        throw usage("bad --env \"" + e + "\": expected NAME=VALUE or NAME");
      }
      String value = eq < 0 ? System.getenv(key) : e.substring(eq + 1);
      if (value != null) {
        options.env(key, value);
      }
    }
    for (String d : dirs) {
      Preopen p;
      try {
        p = Preopen.parse(d);
      } catch (IllegalArgumentException ex) {
        throw usage(ex.getMessage());
      }
      if (!Files.isDirectory(p.host())) {
        throw new UserError(
            "failed to open directory \""
                + p.host()
                + "\": "
                + (Files.exists(p.host()) ? "not a directory" : "no such directory"));
      }
      options.preopen(p);
    }
    for (String address : tcpListen) {
      listeners.add(listen(address));
    }
    listeners.forEach(options::listener);
    WasiRunner.Builder runner = WasiRunner.builder().options(options.build());
    try {
      if (fuel != null) {
        runner.fuel(fuel);
      }
      if (maxMemory != null) {
        runner.maxMemoryBytes(maxMemory);
      }
      if (maxTableElements != null) {
        runner.maxTableElements(maxTableElements);
      }
      if (maxCallDepth != null) {
        runner.maxCallDepth(maxCallDepth);
      }
      if (timeout != null) {
        runner.timeout(timeout);
      }
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    return runner.build();
  }

  private static ServerSocketChannel listen(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw usage("bad --tcplisten \"" + address + "\": expected HOST:PORT");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw usage("bad --tcplisten \"" + address + "\": the port is not a number");
    }
    try {
      ServerSocketChannel channel = ServerSocketChannel.open();
      try {
        channel.bind(new InetSocketAddress(host, port));
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      throw new UserError("failed to bind to address '" + address + "': " + e.getMessage());
    }
  }

  private static UserError usage(String message) {
    return new UserError(message, ErrorReporter.USAGE_STATUS);
  }
}

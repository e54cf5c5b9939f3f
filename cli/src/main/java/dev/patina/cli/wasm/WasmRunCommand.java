package dev.patina.cli.wasm;

import dev.patina.cli.UserError;
import dev.patina.wasm.Extern;
import dev.patina.wasm.Function;
import dev.patina.wasm.Instance;
import dev.patina.wasm.Linker;
import dev.patina.wasm.Module;
import dev.patina.wasm.Store;
import dev.patina.wasm.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code patina wasm run}: instantiate a module and call a function, as wasmtime run does. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Instantiates a WebAssembly module (binary .wasm or text .wat) and calls a function.",
      "With --invoke NAME, calls the exported function NAME with ARGS converted to its",
      "parameter types and prints each result on its own line. Without it, calls _start.",
    },
    footer = {
      "",
      "Examples:",
      "  patina wasm run add.wat --invoke add 1 2",
      "  patina wasm run fib.wasm --invoke fib 30",
      "",
      "Integers are decimal or 0x-hex (negative or unsigned); floats also accept nan, inf, -inf.",
      "Exit status: 0 on success, 1 for a bad module or arguments, 134 if the code traps.",
    })
public final class WasmRunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The module: .wasm or .wat.")
  Path file;

  @Option(
      names = "--invoke",
      paramLabel = "NAME",
      description = "The exported function to call (default: _start).")
  String invoke;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments of the function.")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Module module = Module.read(file);
    Instance instance = new Linker().instantiate(new Store(), module);
    String name = invoke == null ? "_start" : invoke;
    Extern export = instance.export(name);
    if (!(export instanceof Function function)) {
      throw new UserError(
          export == null
              ? "the module exports no function named \""
                  + name
                  + "\""
                  + (invoke == null ? " (use --invoke NAME)" : "")
              : "export \"" + name + "\" is not a function");
    }
    Value[] results = function.call(ArgumentParser.parse(function.type(), args));
    for (Value v : results) {
      System.out.println(ValueFormat.format(v));
    }
    return 0;
  }
}

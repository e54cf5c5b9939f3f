package dev.patina.cli.wasm;

import dev.patina.wasm.Module;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code patina wasm validate}: decode and validate modules without running them. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Decodes and validates WebAssembly modules (binary .wasm or text .wat) by the",
      "specification's rules, without instantiating or running them.",
    },
    footer = {
      "",
      "Examples:",
      "  patina wasm validate program.wasm",
      "  patina wasm validate a.wat b.wasm",
      "",
      "Prints 'FILE: valid' for each good module; the first bad one ends the run with one line",
      "naming the error and where it is, and exit status 1.",
    })
public final class WasmValidateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Modules to validate.")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    for (Path file : files) {
      Module.read(file);
      System.out.println(file + ": valid");
    }
    return 0;
  }
}

package dev.patina.cli.wasm;

import dev.patina.cli.UserError;
import dev.patina.wasm.Store;
import dev.patina.wasm.compiler.WasmCompiler;
import dev.patina.wasm.internal.interp.InterpreterBackend;
import dev.patina.wasm.internal.runtime.ExecutionBackend;
import dev.patina.wasm.wast.WastResult;
import dev.patina.wasm.wast.WastRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code patina wasm wast}: runs WebAssembly specification test scripts. */
@Command(
    name = "wast",
    mixinStandardHelpOptions = true,
    description = {
      "Runs .wast scripts (the WebAssembly specification's test format): defines modules,",
      "invokes functions and checks every assertion. Directories are searched recursively.",
      "Prints each failure as FILE:LINE: REASON and ends with 'N passed, N failed'.",
    },
    footer = {
      "",
      "Examples:",
      "  patina wasm wast ../shared/wasm-testsuite/2.0",
      "  patina wasm wast --files ../shared/wasm-testsuite/3.0",
      "  patina wasm wast --compile ../shared/wasm-testsuite/2.0",
      "",
      "Exit status: 0 if every assertion passed, 1 otherwise.",
    })
public final class WasmWastCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = ".wast files or directories.")
  List<Path> paths;

  @Option(
      names = "--files",
      description = "Also print a 'FILE: N passed, N failed' line for every script.")
  boolean perFile;

  @Option(
      names = {"-q", "--quiet"},
      description = "Do not print individual failures.")
  boolean quiet;

  @Option(
      names = "--compile",
      description = "Compile every module to JVM bytecode (wasm-compiler) instead of interpreting.")
  boolean compile;

  @Override
  public Integer call() throws IOException {
    ExecutionBackend backend = compile ? WasmCompiler.backend() : InterpreterBackend.INSTANCE;
    List<Path> scripts = new ArrayList<>();
    for (Path path : paths) {
      scripts.addAll(scriptsIn(path));
    }
    PrintStream out = System.out;
    long passed = 0;
    long failed = 0;
    for (Path script : scripts) {
      WastResult result = WastRunner.run(script, new Store(), backend);
      if (!quiet) {
        result.failures().forEach(out::println);
      }
      if (perFile) {
        out.println(script + ": " + result.passed() + " passed, " + result.failed() + " failed");
      }
      passed += result.passed();
      failed += result.failed();
    }
    out.println(passed + " passed, " + failed + " failed");
    return failed == 0 ? 0 : 1;
  }

  private static List<Path> scriptsIn(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new UserError("no such file or directory: " + path);
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
    }
  }
}

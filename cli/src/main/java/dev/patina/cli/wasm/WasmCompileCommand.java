package dev.patina.cli.wasm;

import dev.patina.cli.UserError;
import dev.patina.wasm.compiler.AotFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code patina wasm compile}: compiles a module ahead of time to a {@code .pwasm} file. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Compiles a WebAssembly module (binary .wasm or text .wat) ahead of time: every function",
      "to JVM bytecode, written with the module to a .pwasm file that loads without compiling",
      "again (like 'wasmtime compile'). The file is tied to this Patina version and to the",
      "module's SHA-256. Uses every core; shows progress when it takes more than a second.",
    },
    footer = {
      "",
      "Examples:",
      "  patina wasm compile sqlite.wasm -o sqlite.pwasm",
      "",
      "Exit status: 0 on success, 1 if the module is malformed or invalid.",
    })
public final class WasmCompileCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The module to compile.")
  Path input;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "The file to write (default: FILE with the extension .pwasm).")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(input)) {
      throw new UserError("no such file: " + input);
    }
    Path out = output != null ? output : defaultOutput(input);
    long start = System.nanoTime();
    try (ProgressLine progress = new ProgressLine(input.toString(), System.err)) {
      AotFile.compile(input, out, progress);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println(input + ": compiled to " + out + " in " + millis + " ms");
    return 0;
  }

  private static Path defaultOutput(Path input) {
    String name = input.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return input.resolveSibling(base + ".pwasm");
  }
}

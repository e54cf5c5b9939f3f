package dev.patina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.Linker;
import dev.patina.wasm.Store;
import dev.patina.wasm.Value;
import dev.patina.wasm.compiler.AotFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code wasm compile} and {@code wasm wast --compile} as a user sees them. */
class WasmCompileCommandTest {
  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      CommandLine cli = Main.commandLine();
      cli.setErr(new PrintWriter(err, true));
      int status = cli.execute(args);
      return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(oldOut);
    }
  }

  @Test
  void compileWritesAFileThatLoadsAndRuns(@TempDir Path dir) throws Exception {
    Path wat =
        Files.writeString(
            dir.resolve("sq.wat"),
            "(module (func (export \"sq\") (param i32) (result i32)"
                + " (i32.mul (local.get 0) (local.get 0))))");
    Run compile = run("wasm", "compile", wat.toString());
    assertEquals(0, compile.status(), compile.err());
    Path out = dir.resolve("sq.pwasm");
    assertTrue(compile.out().contains("compiled to " + out), compile.out());
    var module = AotFile.load(out);
    Value[] r = new Linker().instantiate(new Store(), module).function("sq").call(Value.i32(12));
    assertEquals(Value.i32(144), r[0]);
  }

  @Test
  void compileRejectsAnInvalidModuleInOneLine(@TempDir Path dir) throws Exception {
    Path wat = Files.writeString(dir.resolve("bad.wat"), "(module (func (result i32)))");
    Run compile = run("wasm", "compile", wat.toString(), "-o", dir.resolve("x.pwasm").toString());
    assertEquals(1, compile.status());
    assertEquals(1, compile.err().strip().lines().count(), compile.err());
  }

  @Test
  void wastRunsScriptsCompiled(@TempDir Path dir) throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("t.wast"),
            """
            (module (func (export "div") (param i32 i32) (result i32)
              (i32.div_s (local.get 0) (local.get 1))))
            (assert_return (invoke "div" (i32.const 7) (i32.const 2)) (i32.const 3))
            (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
            """);
    Run wast = run("wasm", "wast", "--compile", script.toString());
    assertEquals(0, wast.status(), wast.out() + wast.err());
    assertTrue(wast.out().contains("3 passed, 0 failed"), wast.out());
  }
}

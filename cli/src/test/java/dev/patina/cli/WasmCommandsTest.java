package dev.patina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The wasm subcommands as a user sees them: output, errors and exit status. */
class WasmCommandsTest {
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

  private static final String MODULE =
      """
      (module $demo
        (func (export "add") (param i32 i64) (result i64)
          (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)))
        (func (export "half") (param f64) (result f64) (f64.div (local.get 0) (f64.const 2)))
        (func $crash (export "crash") unreachable))
      """;

  @Test
  void runInvokesAFunctionAndPrintsItsResults(@TempDir Path dir) throws Exception {
    Path wat = Files.writeString(dir.resolve("demo.wat"), MODULE);
    Run add = run("wasm", "run", wat.toString(), "--invoke", "add", "-5", "0x10");
    assertEquals(0, add.status(), add.err());
    assertEquals("11", add.out().strip());
    Run half = run("wasm", "run", wat.toString(), "--invoke", "half", "5");
    assertEquals("2.5", half.out().strip());
  }

  @Test
  void aTrapPrintsTheBacktraceAndExitsWith134(@TempDir Path dir) throws Exception {
    Path wat = Files.writeString(dir.resolve("demo.wat"), MODULE);
    Run crash = run("wasm", "run", wat.toString(), "--invoke", "crash");
    assertEquals(134, crash.status());
    assertTrue(crash.err().startsWith("error: wasm trap: unreachable"), crash.err());
    assertTrue(crash.err().contains("demo!crash"), crash.err());
  }

  @Test
  void userMistakesAreOneLineWithoutStackTrace(@TempDir Path dir) throws Exception {
    Path wat = Files.writeString(dir.resolve("demo.wat"), MODULE);
    Path broken = Files.writeString(dir.resolve("broken.wat"), "(module (func (i32.add)))");
    Run[] runs = {
      run("wasm", "run", dir.resolve("missing.wasm").toString(), "--invoke", "f"),
      run("wasm", "run", wat.toString(), "--invoke", "add", "1"),
      run("wasm", "run", wat.toString(), "--invoke", "add", "x", "1"),
      run("wasm", "run", wat.toString(), "--invoke", "nothing"),
      run("wasm", "run", broken.toString(), "--invoke", "f"),
      run("wasm", "run", "--no-such-option", wat.toString()),
      run("wasm", "run", "--invoke", "add", wat.toString(), "1"),
    };
    for (Run r : runs) {
      assertTrue(r.status() != 0);
      assertTrue(r.err().startsWith("error: "), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
    }
    assertTrue(runs[4].err().contains("type mismatch"), runs[4].err());
  }

  @Test
  void wastCountsAssertionsAndReportsFailuresWithTheirLine(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("ok.wast"),
        """
        (module (func (export "id") (param i32) (result i32) (local.get 0)))
        (assert_return (invoke "id" (i32.const 7)) (i32.const 7))
        (assert_trap (module (func $f unreachable) (start $f)) "unreachable")
        """);
    Run ok = run("wasm", "wast", dir.toString());
    assertEquals(0, ok.status(), ok.out());
    assertEquals("3 passed, 0 failed", ok.out().strip());

    Files.writeString(
        dir.resolve("wrong.wast"),
        """
        (module (func (export "id") (param i32) (result i32) (local.get 0)))
        (assert_return (invoke "id" (i32.const 7)) (i32.const 8))
        """);
    Run wrong = run("wasm", "wast", dir.toString());
    assertEquals(1, wrong.status());
    assertTrue(wrong.out().contains("wrong.wast:2: "), wrong.out());
    assertTrue(wrong.out().strip().endsWith("4 passed, 1 failed"), wrong.out());
  }

  @Test
  void helpListsTheModulesAndCommands() {
    Run help = run("--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("wasm"));
    Run wasmHelp = run("wasm", "--help");
    assertTrue(wasmHelp.out().contains("run") && wasmHelp.out().contains("wast"));
  }
}

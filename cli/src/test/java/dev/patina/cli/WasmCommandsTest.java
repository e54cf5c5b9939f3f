package dev.patina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wasm subcommands as a user sees them: output, errors and exit status. */
class WasmCommandsTest {

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
    CliRun add = CliRun.of("wasm", "run", wat.toString(), "--invoke", "add", "-5", "0x10");
    assertEquals(0, add.status(), add.err());
    assertEquals("11", add.out().strip());
    CliRun half = CliRun.of("wasm", "run", wat.toString(), "--invoke", "half", "5");
    assertEquals("2.5", half.out().strip());
  }

  @Test
  void aTrapPrintsTheBacktraceAndExitsWith134(@TempDir Path dir) throws Exception {
    Path wat = Files.writeString(dir.resolve("demo.wat"), MODULE);
    CliRun crash = CliRun.of("wasm", "run", wat.toString(), "--invoke", "crash");
    assertEquals(134, crash.status());
    assertTrue(crash.err().startsWith("error: wasm trap: unreachable"), crash.err());
    assertTrue(crash.err().contains("demo!crash"), crash.err());
  }

  @Test
  void userMistakesAreOneLineWithoutStackTrace(@TempDir Path dir) throws Exception {
    Path wat = Files.writeString(dir.resolve("demo.wat"), MODULE);
    Path broken = Files.writeString(dir.resolve("broken.wat"), "(module (func (i32.add)))");
    CliRun[] runs = {
      CliRun.of("wasm", "run", dir.resolve("missing.wasm").toString(), "--invoke", "f"),
      CliRun.of("wasm", "run", wat.toString(), "--invoke", "add", "1"),
      CliRun.of("wasm", "run", wat.toString(), "--invoke", "add", "x", "1"),
      CliRun.of("wasm", "run", wat.toString(), "--invoke", "nothing"),
      CliRun.of("wasm", "run", broken.toString(), "--invoke", "f"),
      CliRun.of("wasm", "run", "--no-such-option", wat.toString()),
      CliRun.of("wasm", "run", "--invoke", "add", wat.toString(), "1"),
    };
    for (CliRun r : runs) {
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
    CliRun ok = CliRun.of("wasm", "wast", dir.toString());
    assertEquals(0, ok.status(), ok.out());
    assertEquals("3 passed, 0 failed", ok.out().strip());

    Files.writeString(
        dir.resolve("wrong.wast"),
        """
        (module (func (export "id") (param i32) (result i32) (local.get 0)))
        (assert_return (invoke "id" (i32.const 7)) (i32.const 8))
        """);
    CliRun wrong = CliRun.of("wasm", "wast", dir.toString());
    assertEquals(1, wrong.status());
    assertTrue(wrong.out().contains("wrong.wast:2: "), wrong.out());
    assertTrue(wrong.out().strip().endsWith("4 passed, 1 failed"), wrong.out());
  }

  @Test
  void helpListsTheModulesAndCommands() {
    CliRun help = CliRun.of("--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("wasm"));
    CliRun wasmHelp = CliRun.of("wasm", "--help");
    assertTrue(wasmHelp.out().contains("run") && wasmHelp.out().contains("wast"));
  }
}

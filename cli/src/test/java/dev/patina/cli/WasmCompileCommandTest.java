package dev.patina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.Linker;
import dev.patina.wasm.Store;
import dev.patina.wasm.Value;
import dev.patina.wasm.compiler.AotFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasm compile} and {@code wasm wast --compile} as a user sees them. */
class WasmCompileCommandTest {

  @Test
  void compileWritesAFileThatLoadsAndRuns(@TempDir Path dir) throws Exception {
    Path wat =
        Files.writeString(
            dir.resolve("sq.wat"),
            "(module (func (export \"sq\") (param i32) (result i32)"
                + " (i32.mul (local.get 0) (local.get 0))))");
    CliRun compile = CliRun.of("wasm", "compile", wat.toString());
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
    CliRun compile =
        CliRun.of("wasm", "compile", wat.toString(), "-o", dir.resolve("x.pwasm").toString());
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
    CliRun wast = CliRun.of("wasm", "wast", "--compile", script.toString());
    assertEquals(0, wast.status(), wast.out() + wast.err());
    assertTrue(wast.out().contains("3 passed, 0 failed"), wast.out());
  }

  @Test
  void runCompilesByDefaultInterpretsOnRequestAndLoadsPwasmFiles(@TempDir Path dir)
      throws Exception {
    Path wat =
        Files.writeString(
            dir.resolve("f.wat"),
            "(module (func $f (export \"f\") (param i32) (result i32)"
                + " (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))"
                + " (else (i32.add (call $f (i32.sub (local.get 0) (i32.const 1)))"
                + " (call $f (i32.sub (local.get 0) (i32.const 2))))))))");
    CliRun compiled = CliRun.of("wasm", "run", "--invoke", "f", wat.toString(), "20");
    CliRun interpreted =
        CliRun.of("wasm", "run", "--interpret", "--invoke", "f", wat.toString(), "20");
    assertEquals("6765", compiled.out().strip(), compiled.err());
    assertEquals("6765", interpreted.out().strip(), interpreted.err());
    assertEquals(0, CliRun.of("wasm", "compile", wat.toString()).status());
    CliRun aot = CliRun.of("wasm", "run", "--invoke", "f", dir.resolve("f.pwasm").toString(), "20");
    assertEquals("6765", aot.out().strip(), aot.err());
    CliRun aotInterpreted =
        CliRun.of("wasm", "run", "--interpret", "--invoke", "f", dir.resolve("f.pwasm").toString());
    assertEquals(2, aotInterpreted.status());
    assertTrue(aotInterpreted.err().startsWith("error: "), aotInterpreted.err());
  }
}

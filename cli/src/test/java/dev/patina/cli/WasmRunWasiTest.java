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

/** {@code patina wasm run} as a drop-in for {@code wasmtime run}: WASI programs and limits. */
class WasmRunWasiTest {
  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream programErr = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(programErr, true, StandardCharsets.UTF_8));
      CommandLine cli = Main.commandLine();
      cli.setErr(new PrintWriter(err, true));
      int status = cli.execute(args);
      return new Run(
          status,
          out.toString(StandardCharsets.UTF_8),
          err + programErr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** Prints its arguments, then its environment, one per line; exits with argc. */
  private static final String ECHO =
      """
      (module $echo
        (import "wasi_snapshot_preview1" "args_sizes_get" (func $argsizes (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "args_get" (func $args (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "environ_sizes_get" (func $envsizes (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "environ_get" (func $env (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory 1)
        (func $dump (param $buf i32) (param $len i32) (local $i i32)
          (loop $l
            (if (i32.lt_u (local.get $i) (local.get $len))
              (then
                (if (i32.eqz (i32.load8_u (i32.add (local.get $buf) (local.get $i))))
                  (then (i32.store8 (i32.add (local.get $buf) (local.get $i)) (i32.const 10))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $l))))
          (i32.store (i32.const 0) (local.get $buf))
          (i32.store (i32.const 4) (local.get $len))
          (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
        (func (export "_start")
          (drop (call $argsizes (i32.const 16) (i32.const 20)))
          (drop (call $args (i32.const 1024) (i32.const 4096)))
          (call $dump (i32.const 4096) (i32.load (i32.const 20)))
          (drop (call $envsizes (i32.const 24) (i32.const 28)))
          (drop (call $env (i32.const 1024) (i32.const 8192)))
          (call $dump (i32.const 8192) (i32.load (i32.const 28)))
          (call $exit (i32.load (i32.const 16)))))
      """;

  @Test
  void argumentsAfterTheModuleBelongToTheProgram(@TempDir Path dir) throws Exception {
    Path wat = Files.writeString(dir.resolve("echo.wat"), ECHO);
    Run r =
        run("wasm", "run", "--env", "A=1", "--env", "B=x=y", wat.toString(), "-x", "--dir", "y");
    assertEquals(4, r.status(), r.err());
    assertEquals(wat + "\n-x\n--dir\ny\nA=1\nB=x=y\n", r.out());
  }

  @Test
  void argv0AndNoInheritedEnvironment(@TempDir Path dir) throws Exception {
    Path wat = Files.writeString(dir.resolve("echo.wat"), ECHO);
    Run r = run("wasm", "run", "--argv0", "echo", wat.toString());
    assertEquals(1, r.status());
    assertEquals("echo\n", r.out());
    Run inherited = run("wasm", "run", "--inherit-env", wat.toString());
    assertTrue(inherited.out().contains("PATH="), inherited.out());
  }

  @Test
  void aProgramReadsAndWritesFilesInAPreopenedDirectory(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.writeString(data.resolve("in.txt"), "from the host");
    Path wat =
        Files.writeString(
            dir.resolve("cat.wat"),
            """
            (module
              (import "wasi_snapshot_preview1" "path_open"
                (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory 1)
              (data (i32.const 100) "in.txt")
              (func (export "_start") (local $e i32)
                (local.set $e (call $open (i32.const 3) (i32.const 1) (i32.const 100) (i32.const 6)
                  (i32.const 0) (i64.const 2) (i64.const 2) (i32.const 0) (i32.const 0)))
                (if (local.get $e) (then (call $exit (local.get $e))))
                (i32.store (i32.const 16) (i32.const 200))
                (i32.store (i32.const 20) (i32.const 100))
                (drop (call $read (i32.load (i32.const 0)) (i32.const 16) (i32.const 1) (i32.const 24)))
                (i32.store (i32.const 20) (i32.load (i32.const 24)))
                (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))))
            """);
    Run r = run("wasm", "run", "--dir", data + "::/data", wat.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals("from the host", r.out());
    Run ro = run("wasm", "run", "--dir", data + "::/data:ro", wat.toString());
    assertEquals("from the host", ro.out());
    Run none = run("wasm", "run", wat.toString());
    assertEquals(8, none.status(), "EBADF: no preopen at fd 3");
  }

  @Test
  void limitsTrapWith134(@TempDir Path dir) throws Exception {
    Path loop =
        Files.writeString(
            dir.resolve("loop.wat"), "(module (func (export \"_start\") (loop (br 0))))");
    Run fuel = run("wasm", "run", "--fuel", "5000", loop.toString());
    assertEquals(134, fuel.status());
    assertTrue(fuel.err().startsWith("error: wasm trap: all fuel consumed"), fuel.err());
    Run timeout = run("wasm", "run", "--timeout", "100ms", loop.toString());
    assertEquals(134, timeout.status());
    assertTrue(timeout.err().startsWith("error: wasm trap: interrupted"), timeout.err());
    Path deep =
        Files.writeString(
            dir.resolve("deep.wat"), "(module (func $f (export \"_start\") (call $f)))");
    Run depth = run("wasm", "run", "--max-call-depth", "50", deep.toString());
    assertEquals(134, depth.status());
    assertTrue(depth.err().startsWith("error: wasm trap: call stack exhausted"), depth.err());
    Path grow =
        Files.writeString(
            dir.resolve("grow.wat"),
            "(module (memory 1) (func (export \"grow\") (result i32) (memory.grow (i32.const 10))))");
    assertEquals(
        "-1",
        run("wasm", "run", "--max-memory", "128K", "--invoke", "grow", grow.toString())
            .out()
            .strip());
    assertEquals(
        "1",
        run("wasm", "run", "--max-memory", "1M", "--invoke", "grow", grow.toString())
            .out()
            .strip());
  }

  @Test
  void optionMistakesAreOneLine(@TempDir Path dir) throws Exception {
    Path wat = Files.writeString(dir.resolve("echo.wat"), ECHO);
    Run[] runs = {
      run("wasm", "run", "--dir", dir.resolve("missing").toString(), wat.toString()),
      run("wasm", "run", "--max-memory", "12Q", wat.toString()),
      run("wasm", "run", "--timeout", "soon", wat.toString()),
      run("wasm", "run", "--fuel", "-1", wat.toString()),
      run("wasm", "run", "--tcplisten", "nohost", wat.toString()),
      run("wasm", "run", "--env", "=x", wat.toString()),
      run("wasm", "run", "--dir"),
    };
    for (Run r : runs) {
      assertTrue(r.status() == 1 || r.status() == 2, r.status() + " " + r.err());
      assertTrue(r.err().startsWith("error: "), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
      assertEquals("", r.out());
    }
    assertTrue(runs[0].err().contains("failed to open directory"), runs[0].err());
  }

  @Test
  void helpShowsExamples() {
    Run help = run("wasm", "run", "--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("--dir") && help.out().contains("Examples:"), help.out());
  }
}

package dev.patina.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.ExitException;
import dev.patina.wasm.Module;
import dev.patina.wasm.TrapException;
import dev.patina.wasm.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole programs under the runner's limits, and a real C program over wasi-libc. */
class WasiRunnerTest {
  private static final String EXIT =
      "(import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))";

  private static int run(WasiRunner.Builder runner, String wat) {
    return runner.build().run(Module.fromText(wat));
  }

  @Test
  void theExitStatusIsProcExitsOrZero() {
    assertEquals(0, run(WasiRunner.builder(), "(module (func (export \"_start\")))"));
    assertEquals(
        3,
        run(
            WasiRunner.builder(),
            "(module " + EXIT + " (func (export \"_start\") (call $exit (i32.const 3))))"));
  }

  @Test
  void fuelRunsOut() {
    TrapException trap =
        assertThrows(
            TrapException.class,
            () ->
                run(
                    WasiRunner.builder().fuel(10_000),
                    "(module (func (export \"_start\") (loop (br 0))))"));
    assertTrue(trap.getMessage().startsWith("all fuel consumed"), trap.getMessage());
  }

  @Test
  void aTimeoutInterruptsLoopsAndSleeps() {
    TrapException loop =
        assertThrows(
            TrapException.class,
            () ->
                run(
                    WasiRunner.builder().timeout(Duration.ofMillis(200)),
                    "(module (func (export \"_start\") (loop (br 0))))"));
    assertTrue(loop.getMessage().startsWith("interrupted"), loop.getMessage());
    // poll_oneoff sleeping 60 s on a relative monotonic clock
    String sleep =
        """
        (module
          (import "wasi_snapshot_preview1" "poll_oneoff"
            (func $poll (param i32 i32 i32 i32) (result i32)))
          (memory 1)
          (func (export "_start")
            (i32.store (i32.const 16) (i32.const 1))
            (i64.store (i32.const 24) (i64.const 60000000000))
            (drop (call $poll (i32.const 0) (i32.const 100) (i32.const 1) (i32.const 200)))))
        """;
    long start = System.nanoTime();
    TrapException poll =
        assertThrows(
            TrapException.class,
            () -> run(WasiRunner.builder().timeout(Duration.ofMillis(200)), sleep));
    assertTrue(poll.getMessage().startsWith("interrupted"), poll.getMessage());
    assertTrue(System.nanoTime() - start < 10_000_000_000L);
  }

  @Test
  void memoryGrowthBeyondTheLimitFails() {
    String grow =
        "(module "
            + EXIT
            + " (memory 1)"
            + " (func (export \"_start\")"
            + "  (call $exit (i32.add (i32.const 1) (memory.grow (i32.const 100))))))";
    assertEquals(0, run(WasiRunner.builder().maxMemoryBytes(4 << 16), grow), "grow gave -1");
    assertEquals(2, run(WasiRunner.builder(), grow), "grow gave 1 (the old size)");
  }

  @Test
  void deepRecursionIsATrap() {
    TrapException trap =
        assertThrows(
            TrapException.class,
            () ->
                run(
                    WasiRunner.builder().maxCallDepth(100),
                    "(module (func $f (export \"_start\") (call $f)))"));
    assertTrue(trap.getMessage().startsWith("call stack exhausted"), trap.getMessage());
  }

  @Test
  void invokeCallsAnExportWithWasiAvailable() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String wat =
        """
        (module
          (import "wasi_snapshot_preview1" "fd_write"
            (func $write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory 1)
          (data (i32.const 100) "hi")
          (func (export "twice") (param i32) (result i32)
            (i32.store (i32.const 0) (i32.const 100))
            (i32.store (i32.const 4) (i32.const 2))
            (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (i32.mul (local.get 0) (i32.const 2)))
          (func (export "quit") (call $exit (i32.const 9))))
        """;
    WasiRunner runner =
        WasiRunner.builder().options(WasiOptions.builder().stdout(out).build()).build();
    try (WasiRunner.Session s = runner.instantiate(Module.fromText(wat))) {
      assertEquals(Value.i32(42), s.invoke("twice", Value.i32(21))[0]);
      assertEquals("hi", out.toString(StandardCharsets.UTF_8));
      assertEquals(9, assertThrows(ExitException.class, () -> s.invoke("quit")).status());
    }
  }

  @Test
  void aCProgramOverWasiLibc(@TempDir Path dir) throws Exception {
    byte[] wasm;
    try (InputStream in = getClass().getResourceAsStream("/programs/wasi_smoke.wasm")) {
      wasm = in.readAllBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WasiOptions options =
        WasiOptions.builder()
            .args("wasi_smoke", "one", "two words", "5")
            .env("GREETING", "hello")
            .stdin(new ByteArrayInputStream("typed line\n".getBytes(StandardCharsets.UTF_8)))
            .stdout(out)
            .stderr(err)
            .preopen(dir, "/data")
            .build();
    Files.writeString(dir.resolve("existing"), "x");
    int status = WasiRunner.builder().options(options).build().run(Module.fromBinary(wasm));
    assertEquals(5, status);
    assertEquals(
        """
        arg one
        arg two words
        arg 5
        GREETING=hello
        clock ok
        lines 3
        sub is a directory: 1
        entries 3
        escape: Operation not permitted
        stdin typed line
        """,
        out.toString(StandardCharsets.UTF_8));
    assertEquals("done\n", err.toString(StandardCharsets.UTF_8));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "out.txt and sub were removed");
    }
  }
}

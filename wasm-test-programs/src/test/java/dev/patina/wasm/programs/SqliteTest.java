package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;

/**
 * SQLite (3.53, from npm better-sqlite3@12), compiled to WASI with the project's driver
 * (src/sqlite/sqlite_driver.c): it creates a database in a preopened directory, fills it with
 * {@value #ROWS} rows in batches, indexes it, queries, updates, deletes, vacuums. The Wasm run
 * under {@code patina wasm run} must print what the native build prints and leave the same database
 * file, byte for byte; and the file the Wasm run wrote must open natively (and the native one under
 * Wasm).
 */
@Order(1)
class SqliteTest {
  static final int ROWS = 12_000;
  static final int COMPILED_ROWS = 2_000;

  @TestFactory
  Stream<DynamicTest> wasmBuildsTheSameDatabaseAsNative() {
    return WasmRunner.all().stream()
        .map(r -> DynamicTest.dynamicTest("sqlite [" + r.name() + "]", () -> check(r)));
  }

  static void check(WasmRunner runner) throws IOException {
    SqliteBuild.require();
    runner.require();
    int rows =
        runner.compiles() ? Integer.getInteger("patina.sqlite.compiled.rows", COMPILED_ROWS) : ROWS;
    String slug = runner.name().replaceAll("[^A-Za-z0-9]+", "_");
    Path nativeDir = Toolchain.freshDir("runs", "sqlite-" + slug, "native");
    Path wasmDir = Toolchain.freshDir("runs", "sqlite-" + slug, "wasm");
    Path wasmFile = runner.prepared(SqliteBuild.WASM);

    Exec.Result nat =
        Exec.run(
            List.of(SqliteBuild.NATIVE.toString(), "build", nativeDir.toString(), "" + rows),
            nativeDir.getParent());
    Exec.Result wasm =
        runner.run(
            WasmRunner.Run.of(wasmFile, List.of("build", "/data", "" + rows))
                .withDir(wasmDir, "/data")
                .withTimeout(Duration.ofMinutes(5)));
    System.out.printf(
        "[sqlite] %d rows: native %d ms, %s %d ms%n",
        rows, nat.elapsed().toMillis(), runner.name(), wasm.elapsed().toMillis());
    String context = "\n=== native: " + nat.describe() + "\n=== wasm: " + wasm.describe();
    assertEquals(0, nat.status(), "native run failed" + context);
    assertTrue(nat.out().contains("integrity|ok"), nat.out());
    DirSnapshot nativeFiles = DirSnapshot.of(nativeDir);
    DirSnapshot wasmFiles = DirSnapshot.of(wasmDir);
    assertAll(
        () -> assertEquals(nat.out(), wasm.out(), "stdout differs" + context),
        () -> assertEquals(nat.err(), wasm.err(), "stderr differs" + context),
        () -> assertEquals(nat.status(), wasm.status(), "exit status differs" + context),
        () ->
            assertEquals(
                nativeFiles.describe(),
                wasmFiles.describe(),
                "the database files differ" + context));

    // Reopen each side's file with the other build, read-only: both summaries must agree.
    Exec.Result nativeOnNative =
        Exec.run(
            List.of(SqliteBuild.NATIVE.toString(), "check", nativeDir.toString()),
            nativeDir.getParent());
    Exec.Result nativeOnWasm =
        Exec.run(
            List.of(SqliteBuild.NATIVE.toString(), "check", wasmDir.toString()),
            wasmDir.getParent());
    Exec.Result wasmOnNative =
        runner.run(
            WasmRunner.Run.of(wasmFile, List.of("check", "/data")).withDir(nativeDir, "/data"));
    assertAll(
        () -> assertEquals(0, nativeOnNative.status(), nativeOnNative.describe()),
        () -> assertTrue(nativeOnNative.out().startsWith("integrity|ok\n"), nativeOnNative.out()),
        () ->
            assertEquals(
                nativeOnNative.out(),
                nativeOnWasm.out(),
                "the native build reads the Wasm run's file differently"),
        () ->
            assertEquals(
                nativeOnNative.out(),
                wasmOnNative.out(),
                "the Wasm build reads the native file differently: " + wasmOnNative.describe()),
        () ->
            assertEquals(
                nativeFiles.describe(),
                DirSnapshot.of(nativeDir).describe(),
                "a read-only check changed the file"));
  }
}

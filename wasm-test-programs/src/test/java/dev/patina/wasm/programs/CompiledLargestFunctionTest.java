package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.Module;
import dev.patina.wasm.compiler.CompileReport;
import dev.patina.wasm.compiler.WasmCompiler;
import dev.patina.wasm.wasi.Preopen;
import dev.patina.wasm.wasi.WasiOptions;
import dev.patina.wasm.wasi.WasiRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The largest function of SQLite ({@code sqlite3VdbeExec}, about 50 KB of Wasm) and of wabt's
 * {@code wat2wasm} (gperf's {@code Perfect_Hash::InWordSet}, about 51 KB) runs as JVM bytecode, not
 * in the interpreter. Each program is compiled with {@link WasmCompiler#backend()} through the
 * embedding API and run in this JVM with WASI; the compiler's {@link CompileReport} names the JVM
 * methods it generated for the function (split into parts, each under HotSpot's 8000-byte limit for
 * JIT compilation), and JFR's method timing counts how often the program entered each of them. The
 * interpreter never enters a generated method, so a positive count of the function's own method
 * proves it ran compiled; the parts that ran are counted too. The output must equal the native
 * build's.
 */
class CompiledLargestFunctionTest {
  /** HotSpot compiles no method with more bytecode than this ({@code -XX:HugeMethodLimit}). */
  static final int HUGE_METHOD_LIMIT = 8000;

  @Test
  void sqliteVdbeExecRunsCompiled() throws IOException {
    SqliteBuild.require();
    int rows = 2000;
    Path nativeDir = Toolchain.freshDir("runs", "largest", "sqlite", "native");
    Path wasmDir = Toolchain.freshDir("runs", "largest", "sqlite", "wasm");
    Exec.Result nat =
        Exec.run(
            List.of(SqliteBuild.NATIVE.toString(), "build", nativeDir.toString(), "" + rows),
            nativeDir.getParent());
    assertEquals(0, nat.status(), nat.describe());

    Compiled c = compile(SqliteBuild.WASM);
    assertEquals("sqlite3VdbeExec", c.largest().name());
    Run run =
        c.run(
            WasiOptions.builder()
                .args("sqlite", "build", "/data", "" + rows)
                .preopen(Preopen.parse(wasmDir + "::/data")));
    assertAll(
        () -> assertEquals(0, run.status(), run.err()),
        () -> assertEquals(nat.out(), run.out(), "stdout differs from the native build's"),
        () -> c.assertRanCompiled(run.calls()));
  }

  @Test
  void wat2wasmInWordSetRunsCompiled() throws IOException {
    Toolchain.requireWabt("wat2wasm");
    Path input = WabtTest.WAT.resolve("features.wat");
    Path nativeDir = Toolchain.freshDir("runs", "largest", "wat2wasm", "native");
    Path wasmDir = Toolchain.freshDir("runs", "largest", "wat2wasm", "wasm");
    Files.copy(input, nativeDir.resolve("in.wat"));
    Files.copy(input, wasmDir.resolve("in.wat"));
    Exec.Result nat = Exec.run(List.of("wat2wasm", "in.wat", "-o", "out.wasm"), nativeDir);
    assertEquals(0, nat.status(), nat.describe());

    Compiled c = compile(WabtTest.extract("wat2wasm"));
    assertTrue(
        c.largest().name().contains("Perfect_Hash::InWordSet"),
        "largest function: " + c.largest().name());
    Run run =
        c.run(
            WasiOptions.builder()
                .args("wat2wasm", "in.wat", "-o", "out.wasm")
                .preopen(Preopen.parse(wasmDir + "::.")));
    assertAll(
        () -> assertEquals(0, run.status(), run.err()),
        () ->
            assertEquals(
                DirSnapshot.of(nativeDir).describe(),
                DirSnapshot.of(wasmDir).describe(),
                "wat2wasm wrote something else than the native wat2wasm"),
        () -> c.assertRanCompiled(run.calls()));
  }

  /** A module compiled with the default compiler, and the compiler's report on it. */
  record Compiled(Module module, CompileReport report) {
    CompileReport.Function largest() {
      return report.largest();
    }

    /** Runs the program's {@code _start}, counting the calls of the largest function's methods. */
    Run run(WasiOptions.Builder options) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      options.stdin(new ByteArrayInputStream(new byte[0])).stdout(out).stderr(err);
      WasiRunner runner = WasiRunner.builder().options(options.build()).build();
      List<String> methods =
          largest().methods().stream().map(CompileReport.Method::qualifiedName).toList();
      int[] status = new int[1];
      Map<String, Long> calls = MethodCalls.count(methods, () -> status[0] = runner.run(module));
      return new Run(
          status[0],
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8),
          calls);
    }

    /**
     * The largest function was split into methods HotSpot compiles, and the run entered its own
     * method and some of its parts.
     */
    void assertRanCompiled(Map<String, Long> calls) {
      CompileReport.Function f = largest();
      List<CompileReport.Method> methods = f.methods();
      CompileReport.Method own = methods.getFirst();
      long partsEntered =
          methods.stream().skip(1).filter(m -> calls.get(m.qualifiedName()) > 0).count();
      System.out.printf(
          "[largest] %s (function %d, %d bytes of Wasm): %d JVM methods of at most %d bytes;"
              + " %s entered %d times, %d of %d parts entered%n",
          f.name(),
          f.index(),
          f.wasmBytes(),
          methods.size(),
          methods.stream().mapToInt(CompileReport.Method::bytecodeBytes).max().orElse(0),
          own.qualifiedName(),
          calls.get(own.qualifiedName()),
          partsEntered,
          methods.size() - 1);
      assertTrue(f.split(), "a function of " + f.wasmBytes() + " bytes should have been split");
      List<String> tooLarge = new ArrayList<>();
      for (CompileReport.Method m : methods) {
        if (m.bytecodeBytes() >= HUGE_METHOD_LIMIT) {
          tooLarge.add(m.methodName() + " (" + m.bytecodeBytes() + " bytes)");
        }
      }
      assertEquals(List.of(), tooLarge, "methods HotSpot would not JIT-compile");
      assertTrue(
          calls.get(own.qualifiedName()) > 0,
          "the generated method " + own.qualifiedName() + " was never entered: " + calls);
      assertTrue(partsEntered > 0, "no part of " + f.name() + " was entered: " + calls);
    }
  }

  record Run(int status, String out, String err, Map<String, Long> calls) {}

  static Compiled compile(Path wasm) throws IOException {
    List<CompileReport> reports = new ArrayList<>();
    Module module =
        Module.fromBinary(
            Files.readAllBytes(wasm), WasmCompiler.backend().withReports(reports::add));
    assertEquals(1, reports.size(), "one report per compiled module");
    return new Compiled(module, reports.getFirst());
  }
}

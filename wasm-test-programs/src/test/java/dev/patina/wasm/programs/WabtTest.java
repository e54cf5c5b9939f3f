package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real software not written here: the WebAssembly Binary Toolkit compiled to WASI, as shipped in
 * {@code com.dylibso.chicory:wabt:1.0.0} (wabt 1.0.35; the jar holds {@code wat2wasm} and {@code
 * wast2json}, extracted at test time), run by {@code patina wasm run} and compared with Debian's
 * native wabt tools of the same name (1.0.32): stdout, stderr, exit status and every file written
 * must be the same. Inputs: the project's own .wat files (valid and broken) and WebAssembly spec
 * test scripts from ../shared/wasm-testsuite/2.0. The tools run in their working directory (the
 * host directory preopened as "."), so that messages naming files read the same in both runs.
 *
 * <p>The 1.0.32 and 1.0.35 releases differ on a few inputs (bug fixes in between); those are listed
 * in {@link #VERSION_DIFFERENCES} and left out. Set {@code -Dpatina.wabt.all=true} to convert every
 * spec script rather than a sample.
 */
class WabtTest {
  static final Path WAT = Toolchain.MODULE.resolve("src/test/resources/wat");
  static final Path SPEC = Toolchain.shared("wasm-testsuite/2.0");

  /** A sample of spec scripts, from small to large, covering every command kind. */
  static final List<String> SPEC_SAMPLE =
      List.of(
          "i32",
          "f64",
          "br_table",
          "memory",
          "names",
          "bulk",
          "call_indirect",
          "binary-leb128",
          "conversions",
          "linking",
          "utf8-import-field",
          "simd/simd_i32x4_arith");

  /** Inputs on which Debian's wabt 1.0.32 and the jar's 1.0.35 disagree (fixed in between). */
  static final Set<String> VERSION_DIFFERENCES =
      Set.of(
          "features.wat -v", // 1.0.35 names memory.copy's operands the other way round
          "comments.wast",
          "const.wast",
          "elem.wast",
          "if.wast",
          "table_fill.wast",
          "table_get.wast",
          "table_grow.wast",
          "table_set.wast",
          "table_size.wast",
          "simd/simd_const.wast",
          "simd/simd_f64x2_arith.wast",
          "simd/simd_f64x2_pmin_pmax.wast",
          "simd/simd_f64x2_rounding.wast",
          "simd/simd_lane.wast",
          "simd/simd_splat.wast");

  @TestFactory
  Stream<DynamicTest> wat2wasm() {
    List<DynamicTest> tests = new ArrayList<>();
    // Each input with the flags that change what wat2wasm does with it: -v writes the annotated
    // binary to stderr, --debug-names adds a name section, --no-check skips validation.
    Map<Path, List<String>> inputs = new LinkedHashMap<>();
    inputs.put(WAT.resolve("features.wat"), List.of("", "--debug-names", "--disable-simd"));
    inputs.put(WAT.resolve("names.wat"), List.of("", "-v", "--debug-names"));
    inputs.put(Toolchain.REPO.resolve("examples/wasm/fib.wat"), List.of("", "-v"));
    inputs.put(WAT.resolve("bad-syntax.wat"), List.of(""));
    inputs.put(WAT.resolve("bad-type.wat"), List.of("", "--no-check"));
    for (var e : inputs.entrySet()) {
      Path input = e.getKey();
      for (String flags : e.getValue()) {
        String name = (input.getFileName() + " " + flags).strip();
        if (VERSION_DIFFERENCES.contains(name)) {
          continue;
        }
        List<String> args = new ArrayList<>();
        if (!flags.isEmpty()) {
          args.add(flags);
        }
        args.addAll(List.of("in.wat", "-o", "out.wasm"));
        for (WasmRunner runner : WasmRunner.all()) {
          tests.add(
              DynamicTest.dynamicTest(
                  name + " [" + runner.name() + "]",
                  () -> compare(runner, "wat2wasm", name, input, "in.wat", args)));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> wast2json() throws IOException {
    List<String> scripts;
    if (Boolean.getBoolean("patina.wabt.all") && Files.isDirectory(SPEC)) {
      try (Stream<Path> files = Files.walk(SPEC)) {
        scripts =
            files
                .filter(p -> p.toString().endsWith(".wast"))
                .map(p -> SPEC.relativize(p).toString().replaceAll("\\.wast$", ""))
                .sorted()
                .toList();
      }
    } else {
      scripts = SPEC_SAMPLE;
    }
    List<String> wanted =
        scripts.stream().filter(s -> !VERSION_DIFFERENCES.contains(s + ".wast")).toList();
    return WasmRunner.all().stream()
        .flatMap(runner -> wanted.stream().map(s -> wast2json(runner, s)));
  }

  private static DynamicTest wast2json(WasmRunner runner, String script) {
    return DynamicTest.dynamicTest(
        script + ".wast [" + runner.name() + "]",
        () -> {
          Path input = SPEC.resolve(script + ".wast");
          assumeTrue(
              Files.isRegularFile(input),
              "the spec test suite is not at " + SPEC + " (it is beside the repo in CI)");
          compare(
              runner,
              "wast2json",
              "wast2json " + script,
              input,
              "in.wast",
              List.of("in.wast", "-o", "out.json"));
        });
  }

  /** Runs Debian's TOOL and the jar's TOOL.wasm on a copy of INPUT each, and compares. */
  static void compare(
      WasmRunner runner, String tool, String name, Path input, String as, List<String> args)
      throws IOException {
    Toolchain.requireWabt(tool);
    runner.require();
    Path wasm = runner.prepared(extract(tool));
    String slug = (name + "-" + runner.name()).replaceAll("[^A-Za-z0-9_.-]+", "_");
    Path nativeDir = Toolchain.freshDir("runs", "wabt", slug, "native");
    Path wasmDir = Toolchain.freshDir("runs", "wabt", slug, "wasm");
    Files.copy(input, nativeDir.resolve(as));
    Files.copy(input, wasmDir.resolve(as));

    List<String> cmd = new ArrayList<>(List.of(tool));
    cmd.addAll(args);
    Exec.Result nat = Exec.run(cmd, nativeDir);
    Exec.Result w = runner.run(WasmRunner.Run.of(wasm, args).withDir(wasmDir, "."));
    String context = "\n=== native: " + nat.describe() + "\n=== wasm: " + w.describe();
    DirSnapshot nativeFiles = DirSnapshot.of(nativeDir);
    DirSnapshot wasmFiles = DirSnapshot.of(wasmDir);
    assertAll(
        name,
        () -> assertEquals(nat.out(), w.out(), "stdout differs" + context),
        () -> assertEquals(nat.err(), w.err(), "stderr differs" + context),
        () -> assertEquals(nat.status(), w.status(), "exit status differs" + context),
        () ->
            assertEquals(
                nativeFiles.describe(), wasmFiles.describe(), "files written differ" + context));
  }

  /** The tool's .wasm from the chicory wabt jar on the test classpath, copied to target/wabt/. */
  static synchronized Path extract(String tool) {
    Path out = Toolchain.TARGET.resolve("wabt").resolve(tool + ".wasm");
    if (Files.isRegularFile(out)) {
      return out;
    }
    try (InputStream in = WabtTest.class.getResourceAsStream("/" + tool)) {
      if (in == null) {
        throw new IllegalStateException(
            "/" + tool + " is not on the classpath: com.dylibso.chicory:wabt should provide it");
      }
      Files.createDirectories(out.getParent());
      Path tmp = out.resolveSibling(tool + ".tmp");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.patina.wasm.internal.interp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The spec test suite's numeric and SIMD scripts, run through {@link SpecScript}: every {@code
 * assert_return}/{@code assert_trap} whose function is a folded numeric expression. The suite lives
 * outside the repository ({@code shared/wasm-testsuite} beside the project or one of its parents);
 * without it these tests are skipped.
 */
class SpecSuiteTest {
  private static final List<String> SCALAR_FILES =
      List.of(
          "conversions.wast",
          "f32.wast",
          "f64.wast",
          "f32_cmp.wast",
          "f64_cmp.wast",
          "f32_bitwise.wast",
          "f64_bitwise.wast",
          "float_misc.wast",
          "float_exprs.wast",
          "i32.wast",
          "i64.wast",
          "int_exprs.wast",
          "traps.wast");

  /** The 2.0 suite directory, searched for upwards from the working directory. */
  static Path suite() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/wasm-testsuite/2.0");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @TestFactory
  Stream<DynamicTest> simdScripts() throws IOException {
    Path suite = suite();
    assumeTrue(suite != null, "shared/wasm-testsuite not found: spec scripts skipped");
    try (Stream<Path> files = Files.list(suite.resolve("simd"))) {
      return files.filter(p -> p.toString().endsWith(".wast")).sorted().toList().stream()
          .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> runScript(p)));
    }
  }

  @TestFactory
  Stream<DynamicTest> scalarScripts() {
    Path suite = suite();
    assumeTrue(suite != null, "shared/wasm-testsuite not found: spec scripts skipped");
    return SCALAR_FILES.stream()
        .map(name -> DynamicTest.dynamicTest(name, () -> runScript(suite.resolve(name))));
  }

  private static void runScript(Path file) throws IOException {
    SpecScript script = new SpecScript();
    script.run(Sexpr.parseAll(Files.readString(file)));
    System.out.printf(
        "%-45s passed %6d  skipped %5d  failed %d%n",
        file.getFileName(), script.passed, script.skipped, script.failures.size());
    assertTrue(
        script.failures.isEmpty(),
        () ->
            script.failures.size()
                + " failures, first: \n"
                + String.join(
                    "\n", script.failures.subList(0, Math.min(10, script.failures.size()))));
  }
}

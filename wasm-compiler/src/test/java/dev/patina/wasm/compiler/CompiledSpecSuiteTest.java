package dev.patina.wasm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.wasm.Store;
import dev.patina.wasm.wast.WastResult;
import dev.patina.wasm.wast.WastRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The WebAssembly 2.0 specification test suite ({@code ../shared/wasm-testsuite/2.0}) with every
 * module compiled to JVM bytecode: every assertion of every script must pass, as in the
 * interpreter. One test per script; {@code -Dwast.filter=NAME} runs the scripts whose path contains
 * NAME.
 */
class CompiledSpecSuiteTest {
  @TestFactory
  Stream<DynamicTest> everyScriptPassesCompiled() throws IOException {
    return scripts(Store::new);
  }

  /** The same in metered code (fuel and interruption checks at every basic block). */
  @TestFactory
  Stream<DynamicTest> everyScriptPassesCompiledAndMetered() throws IOException {
    return scripts(() -> Store.builder().interruptible(true).build());
  }

  private static Stream<DynamicTest> scripts(Supplier<Store> stores) throws IOException {
    Optional<Path> suite = SharedTestData.find("wasm-testsuite/2.0");
    if (suite.isEmpty()) {
      System.out.println(
          "Skipping the Wasm 2.0 spec suite in compiled mode: ../shared/wasm-testsuite/2.0 is"
              + " absent");
    }
    assumeTrue(suite.isPresent(), "../shared/wasm-testsuite/2.0 is absent");
    Path root = suite.get();
    String filter = System.getProperty("wast.filter", "");
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".wast") && p.toString().contains(filter))
          .sorted()
          .toList()
          .stream()
          .map(
              script ->
                  DynamicTest.dynamicTest(
                      root.relativize(script).toString(),
                      () -> {
                        WastResult result =
                            WastRunner.run(script, stores.get(), WasmCompiler.backend());
                        assertEquals(
                            0,
                            result.failed(),
                            () ->
                                result.failures().stream()
                                    .limit(20)
                                    .map(Object::toString)
                                    .collect(Collectors.joining("\n")));
                        assertTrue(result.passed() > 0, "the script ran no command");
                      }));
    }
  }
}

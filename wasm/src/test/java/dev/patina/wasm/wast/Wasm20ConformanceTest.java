package dev.patina.wasm.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.wasm.Store;
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
 * The WebAssembly 2.0 specification test suite ({@code ../shared/wasm-testsuite/2.0}): every
 * script, every assertion must pass. One test per script.
 */
class Wasm20ConformanceTest {
  @TestFactory
  Stream<DynamicTest> everyScriptOfTheSuitePasses() throws IOException {
    return scripts(Store::new);
  }

  /** The same in metered code (fuel and interruption checks at every basic block). */
  @TestFactory
  Stream<DynamicTest> everyScriptPassesInMeteredCode() throws IOException {
    return scripts(() -> Store.builder().interruptible(true).build());
  }

  private static Stream<DynamicTest> scripts(Supplier<Store> stores) throws IOException {
    Optional<Path> suite = SharedTestData.find("wasm-testsuite/2.0");
    if (suite.isEmpty()) {
      System.out.println(
          "Skipping the Wasm 2.0 spec suite: ../shared/wasm-testsuite/2.0 is absent");
    }
    assumeTrue(suite.isPresent(), "../shared/wasm-testsuite/2.0 is absent");
    Path root = suite.get();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".wast")).sorted().toList().stream()
          .map(
              script ->
                  DynamicTest.dynamicTest(
                      root.relativize(script).toString(),
                      () -> {
                        WastResult result = WastRunner.run(script, stores.get());
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

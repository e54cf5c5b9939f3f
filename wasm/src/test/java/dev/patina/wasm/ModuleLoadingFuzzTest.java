package dev.patina.wasm;

import dev.patina.wasm.text.Wat;
import dev.patina.wasm.wast.ModuleSource;
import dev.patina.wasm.wast.WastCommand;
import dev.patina.wasm.wast.WastScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutation fuzzing of the whole loading pipeline (decode, validate, compile) over a corpus of real
 * modules: whatever the bytes, loading either succeeds or throws {@link MalformedException} or
 * {@link InvalidException}. Modules that survive mutation and validate are compiled too, which
 * checks that the compiler accepts every valid module.
 */
class ModuleLoadingFuzzTest {
  private static final List<byte[]> CORPUS = corpus();

  @Property(tries = 3000)
  void loadingMutatedModulesOnlyThrowsTypedErrors(@ForAll("mutatedModules") byte[] bytes) {
    try {
      Module.fromBinary(bytes);
    } catch (MalformedException | InvalidException expected) {
      // The typed errors are the only acceptable failures.
    }
  }

  @Property(tries = 1000)
  void parsingMutatedTextOnlyThrowsMalformed(@ForAll("mutatedText") String text) {
    try {
      Module.fromText(text);
    } catch (MalformedException | InvalidException expected) {
      // Text errors are malformed; text that parses may still be invalid.
    }
  }

  @Provide
  Arbitrary<byte[]> mutatedModules() {
    Arbitrary<byte[]> seed = Arbitraries.of(CORPUS);
    return Arbitraries.lazyOf(
        () -> seed,
        () -> Arbitraries.randoms().flatMap(r -> seed.map(s -> mutate(s, r))),
        () ->
            Arbitraries.randoms().flatMap(r -> seed.map(s -> mutate(mutate(mutate(s, r), r), r))));
  }

  @Provide
  Arbitrary<String> mutatedText() {
    List<String> texts =
        List.of(
            "(module (func (export \"f\") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))",
            "(module (memory 1) (data (i32.const 0) \"abc\") (func (result i32) (i32.load8_u (i32.const 1))))",
            "(module (table 2 funcref) (elem (i32.const 0) $f) (func $f (result f64) (f64.const 0x1.8p3)))",
            "(module (func (param v128) (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get 0) (local.get 0))))");
    String alphabet = "()$\";. 0123456789abcdefxp_+-ilofnu:\n\\";
    return net.jqwik.api.Combinators.combine(
            Arbitraries.of(texts),
            Arbitraries.integers().between(0, 1000),
            Arbitraries.strings().withChars(alphabet).ofMaxLength(4),
            Arbitraries.integers().between(0, 4))
        .as(
            (text, position, insert, cut) -> {
              int at = position % (text.length() + 1);
              return text.substring(0, at)
                  + insert
                  + text.substring(Math.min(text.length(), at + cut));
            });
  }

  private static byte[] mutate(byte[] seed, java.util.Random random) {
    byte[] b = seed.clone();
    switch (random.nextInt(5)) {
      case 0 -> {
        if (b.length > 8) {
          b[8 + random.nextInt(b.length - 8)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> {
        if (b.length > 8) {
          b[8 + random.nextInt(b.length - 8)] = (byte) random.nextInt(256);
        }
      }
      case 2 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
      case 3 -> {
        int at = random.nextInt(b.length + 1);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = (byte) random.nextInt(256);
        System.arraycopy(b, at, out, at + 1, b.length - at);
        b = out;
      }
      default -> {
        if (b.length > 9) {
          int at = 8 + random.nextInt(b.length - 8);
          byte[] out = new byte[b.length - 1];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(b, at + 1, out, at, b.length - at - 1);
          b = out;
        }
      }
    }
    return b;
  }

  /** Valid modules from the spec suite when it is present, else a few written here. */
  private static List<byte[]> corpus() {
    List<byte[]> out = new ArrayList<>();
    Path suite = findSuite();
    if (suite != null) {
      try (Stream<Path> files = Files.walk(suite)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".wast")).sorted().toList()) {
          for (WastCommand c : WastScript.parse(Files.readAllBytes(p), p.toString())) {
            if (c instanceof WastCommand.ModuleCommand m && out.size() < 400) {
              addIfEncodes(out, m.source());
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // Fall back to the built-in corpus below.
      }
    }
    if (out.isEmpty()) {
      out.add(
          Wat.toBinary(
              "(module (memory 1) (func (export \"f\") (param i32) (result i32)"
                  + " (i32.load (local.get 0))))"));
      out.add(
          Wat.toBinary(
              "(module (type $t (func (param i32) (result i32))) (table 1 funcref)"
                  + " (func (param i32) (result i32) (call_indirect (type $t) (local.get 0)"
                  + " (i32.const 0))))"));
    }
    return out;
  }

  private static void addIfEncodes(List<byte[]> out, ModuleSource source) {
    try {
      out.add(source.encode());
    } catch (WasmException e) {
      // Not a usable seed.
    }
  }

  private static Path findSuite() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/wasm-testsuite/2.0");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}

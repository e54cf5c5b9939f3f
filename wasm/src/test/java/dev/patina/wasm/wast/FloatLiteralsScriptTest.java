package dev.patina.wasm.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.text.Wat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the float literals of the suite's {@code float_literals.wast} and {@code const.wast}
 * against the bit patterns their assertions expect, without running any code: the functions there
 * return {@code (i32.reinterpret_f32 (f32.const X))} or just the constant, so the constant's
 * encoding can be read straight from the binary and compared with the assertion's value.
 */
class FloatLiteralsScriptTest {
  private static final Pattern FUNC =
      Pattern.compile(
          "\\(func \\(export \"([^\"]+)\"\\) \\(result ([if](?:32|64))\\)"
              + " (?:\\((?:i32|i64)\\.reinterpret_f(?:32|64) )?\\((f32|f64)\\.const ([^)\\s]+)\\)");

  private static Path suiteFile(String name) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared/wasm-testsuite/2.0").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void literalsEncodeToTheExpectedBits() throws IOException {
    Path file = suiteFile("float_literals.wast");
    Assumptions.assumeTrue(file != null, "no ../shared/wasm-testsuite/2.0 beside the repository");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Map<String, String> literals = new HashMap<>();
    Matcher m = FUNC.matcher(text);
    while (m.find()) {
      literals.put(m.group(1), m.group(3) + ".const " + m.group(4));
    }
    int checked = 0;
    for (WastCommand c : WastScript.parse(text, "float_literals.wast")) {
      if (!(c instanceof WastCommand.AssertReturn r)
          || !(r.action() instanceof Action.Invoke invoke)
          || !literals.containsKey(invoke.field())
          || r.expected().size() != 1
          || !(r.expected().get(0) instanceof Expected.Exact exact)) {
        continue;
      }
      String literal = literals.get(invoke.field());
      long expected =
          switch (exact.value()) {
            case WastValue.I32 v -> v.value() & 0xFFFFFFFFL;
            case WastValue.I64 v -> v.value();
            case WastValue.F32 v -> v.bits() & 0xFFFFFFFFL;
            case WastValue.F64 v -> v.bits();
            default -> throw new AssertionError(exact);
          };
      assertEquals(expected, constantBits(literal), invoke.field() + ": " + literal);
      checked++;
    }
    assertTrue(checked > 80, "only " + checked + " literals checked");
  }

  /** The bits of {@code (f32.const x)} as encoded in a function body. */
  private static long constantBits(String constant) {
    boolean f32 = constant.startsWith("f32");
    byte[] b = Wat.toBinary("(func (result " + constant.substring(0, 3) + ") (" + constant + "))");
    // The body ends with the constant's 4 or 8 bytes and the end opcode.
    int width = f32 ? 4 : 8;
    long bits = 0;
    for (int i = 0; i < width; i++) {
      bits |= (b[b.length - 1 - width + i] & 0xFFL) << (8 * i);
    }
    return bits;
  }

  /**
   * const.wast pairs a module returning {@code (f32.const X)} with an assertion of the exactly
   * representable value X must round to: 300 rounding cases, decimal and hexadecimal.
   */
  @Test
  void constantsRoundAsConstWastExpects() throws IOException {
    Path file = suiteFile("const.wast");
    Assumptions.assumeTrue(file != null, "no ../shared/wasm-testsuite/2.0 beside the repository");
    Pattern single = Pattern.compile("\\((f32|f64)\\.const ([^)\\s]+)\\)\\)\\)$");
    List<WastCommand> commands =
        WastScript.parse(Files.readString(file, StandardCharsets.UTF_8), "const.wast");
    int checked = 0;
    for (int i = 0; i + 1 < commands.size(); i++) {
      if (commands.get(i) instanceof WastCommand.ModuleCommand module
          && module.source() instanceof ModuleSource.Text source
          && commands.get(i + 1) instanceof WastCommand.AssertReturn r
          && r.expected().size() == 1
          && r.expected().get(0) instanceof Expected.Exact exact) {
        Matcher m = single.matcher(source.text());
        if (!m.find()) {
          continue;
        }
        long expected =
            exact.value() instanceof WastValue.F32 v
                ? v.bits() & 0xFFFFFFFFL
                : ((WastValue.F64) exact.value()).bits();
        assertEquals(expected, constantBits(m.group(1) + ".const " + m.group(2)), source.text());
        checked++;
      }
    }
    assertEquals(300, checked);
  }
}

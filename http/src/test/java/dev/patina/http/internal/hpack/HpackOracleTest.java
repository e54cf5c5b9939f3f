package dev.patina.http.internal.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Assumptions;

/**
 * HPACK against Python's {@code hpack} package (Debian python3-hpack, pulled in by python3-h2) as
 * the oracle: header lists encoded here must decode there to the same fields, and the reverse. Each
 * try sends several blocks through one context, so the dynamic tables are exercised too. Random
 * bytes must give a clean {@link HpackException}, nothing else.
 */
class HpackOracleTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static Process oracle;
  private static Writer toOracle;
  private static BufferedReader fromOracle;

  @BeforeContainer
  static void startOracle() throws Exception {
    if (!Files.isExecutable(PYTHON) || !hasHpack()) {
      System.out.println(
          "HpackOracleTest: oracle properties skipped: /usr/bin/python3 with hpack is not installed");
      return;
    }
    Path script = Path.of("src/test/python/hpack_oracle.py");
    oracle =
        new ProcessBuilder(PYTHON.toString(), script.toString()).redirectErrorStream(false).start();
    toOracle = new OutputStreamWriter(oracle.getOutputStream(), StandardCharsets.UTF_8);
    fromOracle =
        new BufferedReader(new InputStreamReader(oracle.getInputStream(), StandardCharsets.UTF_8));
  }

  private static boolean hasHpack() throws Exception {
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import hpack").start();
    return p.waitFor() == 0;
  }

  @AfterContainer
  static void stopOracle() {
    if (oracle != null) {
      oracle.destroy();
    }
  }

  private static String ask(String json) throws IOException {
    toOracle.write(json + "\n");
    toOracle.flush();
    String answer = fromOracle.readLine();
    if (answer == null || answer.startsWith("{\"error\"")) {
      throw new AssertionError("oracle: " + answer + " for " + json);
    }
    return answer;
  }

  @Property(tries = 150)
  void javaEncodesPythonDecodes(@ForAll("headerLists") List<List<HeaderField>> blocks)
      throws Exception {
    Assumptions.assumeTrue(oracle != null, "python3-hpack not installed");
    Encoder e = new Encoder(4096);
    StringBuilder req = new StringBuilder("{\"op\":\"decode\",\"blocks\":[");
    for (int i = 0; i < blocks.size(); i++) {
      req.append(i == 0 ? "" : ",").append('"').append(hex(e.encode(blocks.get(i)))).append('"');
    }
    String answer = ask(req.append("]}").toString());
    assertEquals(blocks.stream().map(HpackOracleTest::pairs).toList(), parseBlocks(answer));
  }

  @Property(tries = 150)
  void pythonEncodesJavaDecodes(@ForAll("headerLists") List<List<HeaderField>> blocks)
      throws Exception {
    Assumptions.assumeTrue(oracle != null, "python3-hpack not installed");
    StringBuilder req = new StringBuilder("{\"op\":\"encode\",\"blocks\":[");
    for (int i = 0; i < blocks.size(); i++) {
      req.append(i == 0 ? "[" : ",[");
      List<HeaderField> b = blocks.get(i);
      for (int k = 0; k < b.size(); k++) {
        req.append(k == 0 ? "" : ",")
            .append("[\"")
            .append(hex(latin1(b.get(k).name())))
            .append("\",\"")
            .append(hex(latin1(b.get(k).value())))
            .append("\"]");
      }
      req.append(']');
    }
    String answer = ask(req.append("]}").toString());
    Matcher m = Pattern.compile("\"([0-9a-f]*)\"").matcher(answer);
    Decoder d = new Decoder(4096, Long.MAX_VALUE);
    for (List<HeaderField> b : blocks) {
      m.find();
      assertEquals(pairs(b), pairs(d.decode(HexFormat.of().parseHex(m.group(1))).fields()));
    }
  }

  @Property(tries = 2000)
  void randomBytesDecodeOrFailCleanly(@ForAll byte[] bytes) {
    try {
      new Decoder(4096, 16 * 1024).decode(bytes);
    } catch (HpackException expected) {
      // the only acceptable failure
    }
  }

  @Property(tries = 1000)
  void mutatedValidBlocksDecodeOrFailCleanly(
      @ForAll("headerLists") List<List<HeaderField>> blocks, @ForAll int position, @ForAll byte b) {
    byte[] block = new Encoder(4096).encode(blocks.getFirst());
    if (block.length > 0) {
      block[Math.floorMod(position, block.length)] = b;
    }
    try {
      new Decoder(4096, 16 * 1024).decode(block);
    } catch (HpackException expected) {
      // the only acceptable failure
    }
  }

  @Provide
  Arbitrary<List<List<HeaderField>>> headerLists() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of(":method", ":path", "content-type", "cookie", "user-agent", "accept"),
            Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz-0123456789")
                .ofMinLength(1)
                .ofMaxLength(20));
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.of("GET", "/", "text/html", "gzip, deflate"),
            Arbitraries.strings().ascii().ofMaxLength(40),
            Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300));
    Arbitrary<HeaderField> field = Combinators.combine(names, values).as(HeaderField::new);
    return field.list().ofMaxSize(12).list().ofMinSize(1).ofMaxSize(5);
  }

  private static List<List<String>> pairs(List<HeaderField> fields) {
    return fields.stream()
        .map(f -> List.of(hex(latin1(f.name())), hex(latin1(f.value()))))
        .toList();
  }

  private static List<List<List<String>>> parseBlocks(String json) {
    // the oracle's answer is a JSON array of blocks of [name, value] hex pairs
    List<List<List<String>>> out = new ArrayList<>();
    int i = 1;
    while (i < json.length() - 1) {
      // each block starts with '[' and ends with its matching ']'
      while (json.charAt(i) != '[') {
        i++;
      }
      int depth = 0;
      int start = i;
      do {
        char c = json.charAt(i++);
        depth += c == '[' ? 1 : c == ']' ? -1 : 0;
      } while (depth > 0);
      List<List<String>> fields = new ArrayList<>();
      Matcher m =
          Pattern.compile("\\[\"([0-9a-f]*)\", \"([0-9a-f]*)\"\\]")
              .matcher(json.substring(start, i));
      while (m.find()) {
        fields.add(List.of(m.group(1), m.group(2)));
      }
      out.add(fields);
      while (i < json.length() - 1 && json.charAt(i) != '[') {
        i++;
      }
    }
    return out;
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}

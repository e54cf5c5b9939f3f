package dev.patina.http.internal.hpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of RFC 7541 Appendix C (in a resource file), decoded and re-encoded. */
class HpackRfcTest {
  record Step(byte[] block, List<HeaderField> fields, int tableSize) {}

  record Sequence(String name, int tableSize, boolean huffman, List<Step> steps) {}

  private static List<Sequence> load() throws IOException {
    List<Sequence> out = new ArrayList<>();
    try (InputStream in = HpackRfcTest.class.getResourceAsStream("/hpack/rfc7541-appendix-c.txt")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      Sequence seq = null;
      byte[] block = null;
      List<HeaderField> fields = null;
      for (String line : lines) {
        if (line.startsWith("## ")) {
          String[] p = line.split(" ");
          seq = new Sequence(p[1], Integer.parseInt(p[2]), p.length > 3, new ArrayList<>());
          out.add(seq);
        } else if (line.startsWith("> ")) {
          block = HexFormat.of().parseHex(line.substring(2));
          fields = new ArrayList<>();
        } else if (line.startsWith("= ")) {
          seq.steps().add(new Step(block, fields, Integer.parseInt(line.substring(2))));
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          int colon = line.indexOf(": ", 1);
          fields.add(new HeaderField(line.substring(0, colon), line.substring(colon + 2)));
        }
      }
    }
    return out;
  }

  @Test
  void decodesEveryAppendixCExample() throws Exception {
    List<Sequence> all = load();
    assertEquals(8, all.size());
    for (Sequence seq : all) {
      Decoder d = new Decoder(seq.tableSize(), Long.MAX_VALUE);
      for (Step s : seq.steps()) {
        Decoder.Block b = d.decode(s.block());
        assertFalse(b.tooLarge());
        assertEquals(names(s.fields()), names(b.fields()), seq.name());
        assertEquals(s.tableSize(), d.tableSize(), seq.name() + " table size");
      }
    }
  }

  @Test
  void encodesTheHuffmanExamplesByteForByte() throws Exception {
    int checked = 0;
    for (Sequence seq : load()) {
      if (!seq.huffman()) {
        continue;
      }
      Encoder e = new Encoder(seq.tableSize());
      for (Step s : seq.steps()) {
        assertArrayEquals(s.block(), e.encode(s.fields()), seq.name());
        checked++;
      }
    }
    assertEquals(6, checked);
  }

  @Test
  void neverIndexedFieldStaysOutOfTheTable() throws Exception {
    Decoder d = new Decoder(4096, Long.MAX_VALUE);
    HeaderField f =
        d.decode(HexFormat.of().parseHex("100870617373776f726406736563726574")).fields().getFirst();
    assertTrue(f.sensitive());
    assertEquals(0, d.tableSize());
    byte[] again = new Encoder(4096).encode(List.of(f));
    assertEquals(0x10, again[0] & 0xf0, "re-encoded as never indexed");
  }

  @Test
  void tableSizeUpdateRules() throws Exception {
    // above the announced maximum
    assertThrows(HpackException.class, () -> new Decoder(4096, 1 << 20).decode(hex("3fe21f")));
    // after a field (RFC 7541 §4.2: only at the start of a block)
    assertThrows(HpackException.class, () -> new Decoder(4096, 1 << 20).decode(hex("8220")));
    // lowering to 0 evicts everything: the entry added before is gone
    Decoder d = new Decoder(4096, 1 << 20);
    d.decode(hex("400a637573746f6d2d6b65790d637573746f6d2d686561646572"));
    assertEquals(55, d.tableSize());
    d.decode(hex("20"));
    assertEquals(0, d.tableSize());
    assertThrows(HpackException.class, () -> d.decode(hex("be")));
    // the encoder announces a lowered size at the start of its next block
    Encoder e = new Encoder(4096);
    e.setMaxTableSize(0);
    e.setMaxTableSize(100);
    byte[] block = e.encode(List.of(new HeaderField(":method", "GET")));
    assertArrayEquals(hex("203f4582"), block, "dip to 0, then 100, then the field");
  }

  @Test
  void headerListBudgetDropsFieldsButKeepsTheTable() throws Exception {
    Decoder d = new Decoder(4096, 40);
    Decoder.Block b = d.decode(hex("400a637573746f6d2d6b65790d637573746f6d2d686561646572"));
    assertTrue(b.tooLarge());
    assertEquals(List.of(), b.fields());
    assertEquals(55, d.tableSize(), "the entry is still added, in step with the encoder");
  }

  @Test
  void malformedBlocks() {
    for (String bad :
        List.of(
            "80", // index 0
            "c0", // dynamic index with an empty table
            "ff8080808008", // integer overflow
            "4085", // string longer than the block
            "408100", // name of one Huffman byte 0x00: padding not all ones
            "4084ffffffff00", // EOS inside the Huffman data
            "41")) { // literal without its value
      assertThrows(HpackException.class, () -> new Decoder(4096, 1 << 20).decode(hex(bad)), bad);
    }
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static List<String> names(List<HeaderField> fields) {
    return fields.stream().map(f -> f.name() + ": " + f.value()).toList();
  }
}

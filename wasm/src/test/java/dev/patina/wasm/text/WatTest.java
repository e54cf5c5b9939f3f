package dev.patina.wasm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.MalformedException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Encodings of small modules. The expected bytes come from {@code wat2wasm} (wabt 1.0.32) where
 * wabt and the reference interpreter agree, and are derived by hand from the reference encoder
 * where they do not.
 */
class WatTest {
  private static final String HEADER = "0061736d01000000";

  /** The module's bytes after the header, as hex. */
  private static String sections(String wat) {
    String hex = HexFormat.of().formatHex(Wat.toBinary(wat));
    assertTrue(hex.startsWith(HEADER));
    return hex.substring(HEADER.length());
  }

  private static MalformedException malformed(String wat) {
    return assertThrows(MalformedException.class, () -> Wat.toBinary(wat));
  }

  private static void assertMalformed(String reason, String location, String wat) {
    MalformedException e = malformed(wat);
    assertTrue(
        e.reason().startsWith(reason), () -> "expected " + reason + " but got " + e.getMessage());
    if (location != null) {
      assertTrue(e.getMessage().endsWith("(at " + location + ")"), e::getMessage);
    }
  }

  @Test
  void emptyModules() {
    assertEquals("", sections("(module)"));
    assertEquals("", sections(""));
    assertEquals("", sections(";; nothing\n(module (; at all ;))"));
  }

  @Test
  void exportedFunction() {
    assertEquals(
        "01060160017f017f03020100070501016600000a0601040020000b",
        sections("(module (func (export \"f\") (param i32) (result i32) local.get 0))"));
  }

  @Test
  void inlineSignaturesReuseOrAppendTypes() {
    // Explicit types come first; inline ones are appended in order of first use.
    assertEquals(
        "010d0360017f0060017e006000017d0304030100020a0f0302000b02000b0700430000803f0b",
        sections(
            "(func (param i64)) (type (func (param i32))) (func (param i32))"
                + " (func (result f32) f32.const 1)"));
  }

  @Test
  void blockTypesWithSeveralValuesBecomeTypeIndices() {
    assertEquals(
        "01090260000060000" + "27f7f030201000a1201100002010240410141020c010b0b1a1a0b",
        sections(
            "(func (block $a (result i32 i32) (block $b (br $a (i32.const 1) (i32.const 2))))"
                + " drop drop)"));
  }

  @Test
  void foldedAndPlainFormsEncodeAlike() {
    assertEquals(
        sections("(func (result i32) i32.const 1 i32.const 2 i32.add)"),
        sections("(func (result i32) (i32.add (i32.const 1) (i32.const 2)))"));
    assertEquals(
        sections(
            "(func $f (param i32) (result i32) local.get 0 if $l (result i32) i32.const 1"
                + " else $l i32.const 2 end $l)"),
        sections(
            "(func $f (param i32) (result i32)"
                + " (if $l (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))"));
    assertEquals(
        sections("(func block $a loop $b br $a br $b end end)"),
        sections("(func (block $a (loop $b (br $a) (br $b))))"));
  }

  @Test
  void labelsResolveInnermostFirst() {
    // br $a from inside $b is depth 1; a shadowed label resolves to the innermost binding.
    String plain = sections("(func block block br 1 br 0 end end)");
    assertEquals(plain, sections("(func (block $a (block $b (br $a) (br $b))))"));
    assertEquals(
        sections("(func block block br 0 end end)"),
        sections("(func (block $a (block $a (br $a))))"));
  }

  @Test
  void memoryArgumentsAndLanes() {
    assertEquals(
        "0104016000000302010005030100010a2301210041002800041a4100fd0c010000000200000003000000"
            + "fffffffffd580002070b",
        sections(
            "(memory 1) (func (drop (i32.load offset=4 align=1 (i32.const 0)))"
                + " (v128.store8_lane offset=2 7 (i32.const 0) (v128.const i32x4 1 2 3 -1)))"));
  }

  @Test
  void tablesAndElementSegments() {
    assertEquals(
        "010401600000030201000404017000020915030041000b02000003000100057002d0700bd2000b0a09"
            + "01070041001100000b",
        stripNames(
            sections(
                "(table $t 2 funcref) (type $v (func))"
                    + " (func $f (call_indirect $t (type $v) (i32.const 0)))"
                    + " (elem (table $t) (i32.const 0) func $f $f) (elem declare func $f)"
                    + " (elem funcref (item ref.null func) (ref.func $f))")));
  }

  @Test
  void dataSegmentsAndDataCount() {
    assertEquals(
        "0104016000000302010005030100010c01020a11010f00410041004101fc080100fc09010b0b0d0200"
            + "41080b0361626301020102",
        sections(
            "(memory $m 1) (data (memory $m) (offset (i32.const 8)) \"ab\" \"c\")"
                + " (data $p \"\\01\\02\") (func (memory.init $p (i32.const 0) (i32.const 0)"
                + " (i32.const 1)) (data.drop $p))"));
  }

  @Test
  void typedSelectAndVectors() {
    assertEquals(
        "0105016000017f030201000a440142004101410241001c017ffd0c00000000000000000000000000000000"
            + "fd0cff0000000000000000000000000000fffd0d000102030405060708090a0b0c0d0e1f1a0b",
        sections(
            "(func (result i32) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0))"
                + " (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i64x2 0 0)"
                + " (v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 255)) drop)"));
  }

  @Test
  void tableInstructionsWithDefaultIndices() {
    assertEquals(
        "01050160016f00030201000404016f00000a1d011b004100200026004100d06f4100fc11004100410041"
            + "00fc0e00000b",
        sections(
            "(table 0 externref) (func (param externref) (table.set 0 (i32.const 0)"
                + " (local.get 0)) (table.fill 0 (i32.const 0) (ref.null extern) (i32.const 0))"
                + " (table.copy (i32.const 0) (i32.const 0) (i32.const 0)))"));
  }

  @Test
  void abbreviationsExpandInPlace() {
    // (memory (data ...)) sizes the memory to its data; (table funcref (elem ...)) likewise.
    assertEquals(
        sections(
            "(import \"m\" \"f\" (func $i)) (table 2 2 funcref) (memory 1 1)"
                + " (elem (table 0) (i32.const 0) func $i $i) (data (memory 0) (i32.const 0) \"x\")"),
        sections(
            "(func $i (import \"m\" \"f\")) (table funcref (elem $i $i))"
                + " (memory (data \"x\"))"));
    assertEquals(
        sections(
            "(global $g (import \"m\" \"g\") (mut i32)) (export \"g\" (global $g))"
                + " (export \"h\" (global $g))"),
        sections("(global $g (export \"g\") (export \"h\") (import \"m\" \"g\") (mut i32))"));
  }

  @Test
  void outOfRangeIndicesAreLeftToTheValidator() {
    assertEquals(
        "0104016000000302010005030100010a06010400100" + "50b",
        stripNames(sections("(memory 1) (func $f (call 5))")));
  }

  @Test
  void nameSectionComesLast() {
    byte[] b = Wat.toBinary("(module $m (func $f (param $x i32) (local i64) (local $y f32)))");
    String hex = HexFormat.of().formatHex(b);
    // custom section "name": module "m", function 0 "f", locals 0 "x" and 2 "y".
    String names = "001a" + "046e616d65" + "0002016d" + "010401000166" + "0209010002000178020179";
    assertTrue(hex.endsWith(names), hex);
  }

  @Test
  void binaryAndQuoteForms() {
    assertArrayEquals(
        new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0},
        Wat.toBinary("(module $m binary \"\\00asm\" \"\\01\\00\\00\\00\")"));
    assertEquals(sections("(module (func))"), sections("(module quote \"(func)\" \"\")"));
  }

  @Test
  void deepNestingNeedsNoStack() throws Exception {
    int depth = 100_000;
    String folded = "(func " + "(block ".repeat(depth) + ")".repeat(depth) + ")";
    String plain = "(func " + "block ".repeat(depth) + "end ".repeat(depth) + ")";
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                assertEquals(Wat.toBinary(folded).length, Wat.toBinary(plain).length);
                assertThrows(
                    MalformedException.class, () -> Wat.toBinary("(func " + "(".repeat(depth)));
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "small-stack",
            128 * 1024);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  @Test
  void syntaxErrors() {
    assertMalformed("unknown operator i32.const0", "1:14", "(func (drop (i32.const0)))");
    assertMalformed("unknown operator", "1:10", "(func br 0drop)");
    assertMalformed("unknown label $l", "1:21", "(func (block $m (br $l)))");
    assertMalformed("unknown function $g", "1:13", "(func (call $g))");
    assertMalformed("unknown local $y", null, "(func (param $x i32) (local.get $y) drop)");
    assertMalformed("unknown type", null, "(func (type 3) (param i32))");
    assertMalformed("unknown global $g", null, "(func (global.get $g) drop)");
    assertMalformed("duplicate function $f", "2:7", "(func $f)\n(func $f)");
    assertMalformed("duplicate local $x", null, "(func (param $x i32) (local $x i32))");
    assertMalformed("duplicate memory", null, "(memory $m 1) (memory $m 1)");
    assertMalformed("mismatching label", null, "(func block $a end $b)");
    assertMalformed("mismatching label", null, "(func block end $a)");
    assertMalformed("mismatching label", null, "(func if $a else $b end $a)");
    assertMalformed("import after function", null, "(func) (import \"m\" \"f\" (func))");
    assertMalformed(
        "import after global", null, "(global i32 (i32.const 0)) (func (import \"m\" \"f\"))");
    assertMalformed(
        "import after table", null, "(table 0 funcref) (memory (import \"m\" \"t\") 1)");
    assertMalformed("import after memory", null, "(memory 0) (global (import \"m\" \"t\") i32)");
    assertMalformed(
        "inline function type", null, "(type $t (func (param i32))) (func (type $t) (param i64))");
    assertMalformed(
        "alignment must be a power of two",
        null,
        "(memory 1) (func (drop (i32.load align=3 (i32.const 0))))");
    assertMalformed("constant out of range", null, "(func (drop (i32.const 4294967296)))");
    assertMalformed("constant out of range", null, "(func (drop (f32.const 1e39)))");
    assertMalformed("i32 constant out of range", null, "(memory 4294967296)");
    assertMalformed("multiple start sections", null, "(func $f) (start $f) (start $f)");
    assertMalformed("unexpected token", null, "(func (result i32) (param i32))");
    assertMalformed("unexpected token", null, "(func (i32.add (i32.const 1) i32.const 2))");
    assertMalformed("unexpected token", null, "(func (if (i32.const 1) (else)))");
    assertMalformed("unexpected token", null, "(func block)");
    assertMalformed("unexpected end", null, "(module (func)");
    assertMalformed(
        "malformed lane index",
        null,
        "(func (drop (i8x16.extract_lane_s 256 (v128.const i64x2 0 0))))");
    assertMalformed(
        "wrong number of lane literals", null, "(func (drop (v128.const i32x4 1 2 3)))");
    assertMalformed("invalid lane length", null, "(func (i8x16.shuffle 1 2))");
    assertMalformed("malformed UTF-8 encoding", null, "(func (export \"\\ff\"))");
  }

  @Test
  void errorsInQuotedTextAreMalformed() {
    MalformedException e =
        malformed("(module quote \"(func\" \" (i32.const 1\")".getBytes(StandardCharsets.UTF_8));
    assertTrue(e.reason().startsWith("unexpected end"), e::getMessage);
  }

  private static MalformedException malformed(byte[] source) {
    return assertThrows(MalformedException.class, () -> Wat.toBinary(source));
  }

  /** Drops a trailing name section (id 0 followed by size and "name"), for wabt comparisons. */
  private static String stripNames(String hex) {
    int at = hex.lastIndexOf("046e616d65");
    return at < 0 ? hex : hex.substring(0, at - 4);
  }
}

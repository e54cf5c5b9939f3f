package dev.patina.wasm.text;

import dev.patina.wasm.MalformedException;
import dev.patina.wasm.wast.ModuleSource;
import dev.patina.wasm.wast.WastCommand;
import dev.patina.wasm.wast.WastScript;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bad input of any shape must come out as {@link MalformedException} (or parse): never an index
 * error, a number format error or a stack overflow.
 */
class WatRobustnessTest {
  /** Real modules that exercise most of the grammar; mutations start from these. */
  private static final List<String> CORPUS =
      List.of(
          """
          (module $m
            (type $t (func (param i32) (result i32)))
            (import "spectest" "print_i32" (func $print (param i32)))
            (global $g (mut i32) (i32.const 0))
            (table $tab 2 funcref)
            (memory $mem 1 2)
            (func $f (export "f") (type $t) (param $x i32) (result i32) (local $y i64)
              (block $out (result i32)
                (loop $l
                  (br_if $out (local.get $x) (i32.eqz (local.get $x)))
                  (local.set $x (i32.sub (local.get $x) (i32.const 1)))
                  (br $l))
                (i32.const 0))
              (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))
              drop
              (call_indirect $tab (type $t) (i32.const 0) (i32.const 1)))
            (elem (table $tab) (offset (i32.const 0)) func $f $f)
            (elem $e declare func $f)
            (data $d (memory $mem) (i32.const 8) "hi\\00\\ff")
            (start $f2)
            (func $f2 (i32.store offset=4 align=2 (i32.const 0) (global.get $g))
              (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $d)
              (table.init $tab $e (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop $e)))
          """,
          """
          (module
            (func (result v128)
              (v128.const f32x4 1.5 -0x1p-3 inf nan:0x200000)
              (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 255)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
              (f64x2.replace_lane 1 (f64.const 1e308))
              (v128.load8_lane offset=0 align=1 3 (i32.const 0))
              (select (result v128) (v128.const i64x2 0 -1) (i32.const 1)))
            (memory 1)
            (table 1 externref)
            (func (param externref) (table.set (i32.const 0) (local.get 0))
              (drop (ref.is_null (ref.null func)))))
          """,
          "(func block $a i32.const 1 if $b nop else $b nop end $b end $a)",
          "(memory (data \"abc\")) (table funcref (elem 0 0)) (func)",
          "(module quote \"(func (i32.const 1) drop)\")");

  private static final List<String> TOKENS =
      List.of(
          "(",
          ")",
          "(",
          ")",
          "module",
          "func",
          "block",
          "loop",
          "if",
          "then",
          "else",
          "end",
          "$x",
          "$l",
          "0",
          "-1",
          "4294967296",
          "1.5",
          "-inf",
          "nan:0x1",
          "nan:0x0",
          "0x1p99999",
          "\"s\"",
          "\"\\ff\"",
          "i32.const",
          "f32.const",
          "v128.const",
          "i8x16",
          "f32x4",
          "i8x16.shuffle",
          "offset=1",
          "align=3",
          "(param",
          "(result",
          "(type 0)",
          "(local",
          "(export \"e\")",
          "(import \"m\" \"n\")",
          "(elem",
          "(data",
          "(item",
          "(offset",
          "declare",
          "funcref",
          "externref",
          "ref.null",
          "extern",
          "br_table",
          "call_indirect",
          "select",
          "table.init",
          "table.copy",
          "memory.init",
          ";;c\n",
          "(;c;)",
          "(;",
          "\"",
          "_",
          "é",
          "binary",
          "quote",
          "mut",
          "(mut",
          "i32",
          "i64.load",
          "local.get",
          "br",
          "ref.func");

  @Property(tries = 1500)
  void mutatedModulesFailCleanly(@ForAll("mutatedModules") String text) {
    try {
      Wat.toBinary(text);
    } catch (MalformedException expected) {
      // fine
    }
  }

  @Property(tries = 1000)
  void randomTokenSoupFailsCleanly(@ForAll("tokenSoup") String text) {
    try {
      Wat.toBinary(text);
    } catch (MalformedException expected) {
      // fine
    }
  }

  @Property(tries = 500)
  void randomBytesFailCleanly(@ForAll byte[] bytes) {
    try {
      Wat.toBinary(bytes);
    } catch (MalformedException expected) {
      // fine
    }
  }

  @Property(tries = 500)
  void mutatedScriptsFailCleanly(@ForAll("mutatedScripts") String text) {
    List<WastCommand> commands;
    try {
      commands = WastScript.parse(text, "fuzz.wast");
    } catch (MalformedException expected) {
      return;
    }
    for (WastCommand c : commands) {
      ModuleSource source =
          switch (c) {
            case WastCommand.ModuleCommand m -> m.source();
            case WastCommand.AssertMalformed m -> m.module();
            case WastCommand.AssertInvalid m -> m.module();
            default -> null;
          };
      if (source != null) {
        try {
          source.encode();
        } catch (MalformedException expected) {
          // fine
        }
      }
    }
  }

  @Provide
  Arbitrary<String> mutatedModules() {
    return Combinators.combine(
            Arbitraries.of(CORPUS), Arbitraries.integers().between(0, 5), Arbitraries.longs())
        .as(WatRobustnessTest::mutate);
  }

  @Provide
  Arbitrary<String> mutatedScripts() {
    String script =
        """
        (module $m (func (export "f") (param i32) (result i32) (local.get 0)))
        (assert_return (invoke $m "f" (i32.const 1)) (i32.const 1))
        (assert_return (invoke "f" (i32.const 0)) (either (i32.const 0) (f32.const nan:canonical)))
        (assert_malformed (module quote "(func (i32.const0))") "unknown operator")
        (assert_invalid (module (func (result i32))) "type mismatch")
        (assert_trap (invoke "f" (v128.const f32x4 1 2 3 nan)) "x")
        (register "m" $m)
        """;
    return Combinators.combine(
            Arbitraries.just(script), Arbitraries.integers().between(0, 4), Arbitraries.longs())
        .as(WatRobustnessTest::mutate);
  }

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(40).map(l -> String.join(" ", l));
  }

  /** Applies {@code n} edits chosen by {@code seed}: deletions, duplications, insertions. */
  private static String mutate(String text, int n, long seed) {
    java.util.Random random = new java.util.Random(seed);
    StringBuilder s = new StringBuilder(text);
    for (int i = 0; i < n && s.length() > 0; i++) {
      int at = random.nextInt(s.length());
      int len = Math.min(s.length() - at, 1 + random.nextInt(12));
      switch (random.nextInt(4)) {
        case 0 -> s.delete(at, at + len);
        case 1 -> s.insert(at, s.substring(at, at + len));
        case 2 -> s.insert(at, " " + TOKENS.get(random.nextInt(TOKENS.size())) + " ");
        default -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
      }
    }
    return s.toString();
  }
}

package dev.patina.wasm.wast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.MalformedException;
import dev.patina.wasm.ValType;
import dev.patina.wasm.text.Wat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WastScriptTest {
  private static List<WastCommand> parse(String text) {
    return WastScript.parse(text, "t.wast");
  }

  private static WastCommand only(String text) {
    List<WastCommand> commands = parse(text);
    assertEquals(1, commands.size());
    return commands.get(0);
  }

  @Test
  void modulesInAllThreeForms() {
    List<WastCommand> commands =
        parse(
            """
            (module $a (func (export "f")))
            (module $b binary "\\00asm" "\\01\\00\\00\\00")
            (module quote "(func)")
            """);
    var a = assertInstanceOf(WastCommand.ModuleCommand.class, commands.get(0));
    assertEquals(1, a.line());
    assertEquals("$a", a.name());
    assertInstanceOf(ModuleSource.Text.class, a.source());
    assertArrayEquals(Wat.toBinary("(module $a (func (export \"f\")))"), a.source().encode());
    var b = assertInstanceOf(WastCommand.ModuleCommand.class, commands.get(1));
    assertEquals("$b", b.name());
    assertEquals(
        new ModuleSource.Binary("$b", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}), b.source());
    var c = assertInstanceOf(WastCommand.ModuleCommand.class, commands.get(2));
    assertEquals(3, c.line());
    assertNull(c.name());
    assertArrayEquals(Wat.toBinary("(func)"), c.source().encode());
  }

  @Test
  void aBadModuleFailsOnlyWhenEncoded() {
    List<WastCommand> commands =
        parse("(module (func (call $nowhere)))\n(assert_return (invoke \"f\"))");
    assertEquals(2, commands.size());
    var m = assertInstanceOf(WastCommand.ModuleCommand.class, commands.get(0));
    MalformedException e = assertThrows(MalformedException.class, () -> m.source().encode());
    assertEquals("unknown function $nowhere (at t.wast:1:21)", e.getMessage());
  }

  @Test
  void actionsAndValues() {
    var r =
        assertInstanceOf(
            WastCommand.AssertReturn.class,
            only(
                """
                (assert_return (invoke $m "f" (i32.const -1) (i64.const 0xffff_ffff_ffff_ffff)
                    (f32.const -0x1p-149) (f64.const nan:0x4) (v128.const i16x8 1 2 3 4 5 6 7 -1)
                    (ref.null extern) (ref.extern 7) (ref.null func))
                  (i32.const 1))
                """));
    var invoke = assertInstanceOf(Action.Invoke.class, r.action());
    assertEquals("$m", invoke.moduleName());
    assertEquals("f", invoke.field());
    assertEquals(
        List.of(
            new WastValue.I32(-1),
            new WastValue.I64(-1),
            new WastValue.F32(0x80000001),
            new WastValue.F64(0x7FF0000000000004L),
            new WastValue.V128(0x0004000300020001L, 0xFFFF000700060005L),
            new WastValue.RefNull(ValType.EXTERNREF),
            new WastValue.RefExtern(7),
            new WastValue.RefNull(ValType.FUNCREF)),
        invoke.args());
    assertEquals(List.of(new Expected.Exact(new WastValue.I32(1))), r.expected());
  }

  @Test
  void expectedPatterns() {
    var r =
        assertInstanceOf(
            WastCommand.AssertReturn.class,
            only(
                """
                (assert_return (get "g")
                  (f32.const nan:canonical) (f64.const nan:arithmetic) (f64.const -nan)
                  (v128.const f32x4 nan:canonical 1 -0 nan:arithmetic)
                  (v128.const f64x2 1 2) (ref.func) (ref.extern) (ref.extern 3) (ref.null)
                  (either (i32.const 1) (i32.const 2)) (ref.i31) (ref.null any))
                """));
    assertEquals(new Action.Get(null, "g"), r.action());
    assertEquals(
        List.of(
            new Expected.F32Nan(NanKind.CANONICAL),
            new Expected.F64Nan(NanKind.ARITHMETIC),
            new Expected.Exact(new WastValue.F64(0xFFF8000000000000L)),
            new Expected.V128Lanes(
                LaneShape.F32X4,
                List.of(
                    new Expected.F32Nan(NanKind.CANONICAL),
                    new Expected.Exact(new WastValue.F32(0x3F800000)),
                    new Expected.Exact(new WastValue.F32(0x80000000)),
                    new Expected.F32Nan(NanKind.ARITHMETIC))),
            new Expected.Exact(new WastValue.V128(0x3FF0000000000000L, 0x4000000000000000L)),
            new Expected.RefFuncAny(),
            new Expected.RefExternAny(),
            new Expected.RefExtern(3),
            new Expected.RefNull(null),
            new Expected.Either(
                List.of(
                    new Expected.Exact(new WastValue.I32(1)),
                    new Expected.Exact(new WastValue.I32(2)))),
            new Expected.Unsupported("(ref.i31)"),
            new Expected.Unsupported("(ref.null any)")),
        r.expected());
  }

  @Test
  void assertions() {
    List<WastCommand> commands =
        parse(
            """
            (assert_trap (invoke "f") "unreachable")
            (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
            (assert_exhaustion (invoke "g" (i32.const 0)) "call stack exhausted")
            (assert_malformed (module quote "(func") "unexpected end")
            (assert_invalid (module (func (result i32))) "type mismatch")
            (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
            (assert_uninstantiable (module binary "") "oops")
            (register "M" $m)
            (register "N")
            (invoke "h")
            """);
    assertEquals(10, commands.size());
    var trap = assertInstanceOf(WastCommand.AssertTrap.class, commands.get(0));
    assertEquals("unreachable", trap.message());
    var start = assertInstanceOf(WastCommand.AssertUninstantiable.class, commands.get(1));
    assertEquals(2, start.line());
    assertInstanceOf(WastCommand.AssertExhaustion.class, commands.get(2));
    var bad = assertInstanceOf(WastCommand.AssertMalformed.class, commands.get(3));
    assertThrows(MalformedException.class, () -> bad.module().encode());
    assertEquals("unexpected end", bad.message());
    assertInstanceOf(WastCommand.AssertInvalid.class, commands.get(4));
    assertInstanceOf(WastCommand.AssertUnlinkable.class, commands.get(5));
    assertInstanceOf(WastCommand.AssertUninstantiable.class, commands.get(6));
    assertEquals(new WastCommand.Register(8, "M", "$m"), commands.get(7));
    assertEquals(new WastCommand.Register(9, "N", null), commands.get(8));
    assertEquals(
        new WastCommand.ActionCommand(10, new Action.Invoke(null, "h", List.of())),
        commands.get(9));
  }

  @Test
  void laterVersionsParseAsUnsupported() {
    List<WastCommand> commands =
        parse(
            """
            (module definition $d (func))
            (module instance $i $d)
            (assert_exception (invoke "throw"))
            (assert_unlinkable (module instance $j $d) "x")
            (thread $t (shared (module $m)) (invoke "f"))
            (wait $t)
            (assert_return (invoke "f" (ref.host 1)))
            """);
    assertEquals(new WastCommand.Unsupported(1, "module definition"), commands.get(0));
    assertEquals(new WastCommand.Unsupported(2, "module instance"), commands.get(1));
    assertEquals(new WastCommand.Unsupported(3, "assert_exception"), commands.get(2));
    assertEquals(new WastCommand.Unsupported(4, "assert_unlinkable"), commands.get(3));
    assertEquals(new WastCommand.Unsupported(5, "thread"), commands.get(4));
    assertEquals(new WastCommand.Unsupported(6, "wait"), commands.get(5));
    var r = assertInstanceOf(WastCommand.AssertReturn.class, commands.get(6));
    assertEquals(
        List.of(new WastValue.Unsupported("(ref.host 1)")), ((Action.Invoke) r.action()).args());
  }

  @Test
  void aScriptMayBeJustModuleFields() {
    var m = assertInstanceOf(WastCommand.ModuleCommand.class, only("(func) (memory 1)"));
    assertArrayEquals(Wat.toBinary("(module (func) (memory 1))"), m.source().encode());
  }

  @Test
  void scriptSyntaxErrorsAreLocated() {
    MalformedException e =
        assertThrows(MalformedException.class, () -> parse("(invoke \"f\")\n  (assert_return 1)"));
    assertTrue(e.getMessage().endsWith("(at t.wast:2:18)"), e::getMessage);
    assertThrows(MalformedException.class, () -> parse("(assert_return (invoke \"f\")"));
    assertThrows(MalformedException.class, () -> parse("(invoke \"f\" (i32.const 1.5))"));
    assertThrows(MalformedException.class, () -> parse(")"));
    assertThrows(
        MalformedException.class,
        () -> parse("(assert_return (invoke \"f\") " + "(either ".repeat(1000) + ")".repeat(1001)));
  }
}

package dev.patina.wasm.validate;

import static dev.patina.wasm.binary.ModuleBuilder.module;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.InvalidException;
import dev.patina.wasm.binary.ModuleBuilder;
import dev.patina.wasm.binary.ModuleDecoder;
import org.junit.jupiter.api.Test;

class ModuleValidatorTest {
  private static final int I32 = 0x7F;
  private static final int I64 = 0x7E;
  private static final int F32 = 0x7D;
  private static final int V128 = 0x7B;
  private static final int FUNCREF = 0x70;
  private static final int EXTERNREF = 0x6F;
  private static final int[] NONE = {};

  private static void valid(ModuleBuilder b) {
    assertDoesNotThrow(() -> ModuleValidator.validate(ModuleDecoder.decode(b.build())));
  }

  private static void invalid(String reason, ModuleBuilder b) {
    var m = ModuleDecoder.decode(b.build());
    InvalidException e = assertThrows(InvalidException.class, () -> ModuleValidator.validate(m));
    assertTrue(e.reason().startsWith(reason), () -> "expected " + reason + ", got " + e.reason());
  }

  /** A module with one function {@code [] -> results} and the given body (no locals). */
  private static ModuleBuilder body(int[] results, int... code) {
    int[] withLocals = new int[code.length + 1];
    System.arraycopy(code, 0, withLocals, 1, code.length);
    return module().type(NONE, results).func(0, withLocals);
  }

  private static int[] of(int... types) {
    return types;
  }

  @Test
  void straightLineCode() {
    valid(body(of(I32), 0x41, 1, 0x41, 2, 0x6A, 0x0B));
    invalid("type mismatch", body(of(I32), 0x42, 0, 0x0B));
    invalid("type mismatch", body(of(I32), 0x0B));
    invalid("type mismatch", body(NONE, 0x41, 1, 0x0B)); // a value left over
    invalid("type mismatch", body(of(I32), 0x41, 1, 0x42, 2, 0x6A, 0x0B));
  }

  @Test
  void blocksTakeParametersThroughTypeIndices() {
    // type 1: [i32] -> [i32]; block (type 1) consumes the i32 below it.
    ModuleBuilder b =
        module()
            .type(NONE, I32)
            .type(of(I32), I32)
            .func(0, 0, 0x41, 1, 0x02, 1, 0x41, 2, 0x6A, 0x0B, 0x0B);
    valid(b);
    // A loop's label takes its parameters: br 0 with an i32 restarts it.
    valid(
        module()
            .type(NONE, I32)
            .type(of(I32), I32)
            .func(0, 0, 0x41, 1, 0x03, 1, 0x41, 0, 0x0D, 0, 0x0B, 0x0B));
    invalid("unknown type", body(NONE, 0x02, 5, 0x0B, 0x0B));
  }

  @Test
  void ifWithoutElseMustPassItsParametersThrough() {
    valid(body(NONE, 0x41, 1, 0x04, 0x40, 0x0B, 0x0B));
    invalid("type mismatch", body(of(I32), 0x41, 1, 0x04, I32, 0x41, 1, 0x0B, 0x0B));
    valid(body(of(I32), 0x41, 1, 0x04, I32, 0x41, 1, 0x05, 0x41, 2, 0x0B, 0x0B));
    invalid("type mismatch", body(of(I32), 0x41, 1, 0x04, I32, 0x41, 1, 0x05, 0x0B, 0x0B));
  }

  @Test
  void unreachableCodeIsPolymorphic() {
    valid(body(of(I32), 0x00, 0x6A, 0x0B));
    valid(body(NONE, 0x0C, 0, 0x41, 0, 0x6A, 0x1A, 0x0B)); // br 0, then i32.add on Unknowns
    invalid("type mismatch", body(of(I32), 0x00, 0x42, 0, 0x6A, 0x0B));
    // A block (result i32) ending in br_table over an unknown stack.
    valid(body(of(I32), 0x02, I32, 0x00, 0x0E, 1, 0, 0, 0x0B, 0x0B));
  }

  @Test
  void branches() {
    invalid("unknown label", body(NONE, 0x0C, 1, 0x0B));
    invalid("unknown label", body(NONE, 0x41, 0, 0x0E, 1, 5, 0, 0x0B));
    valid(body(of(I32), 0x02, I32, 0x41, 1, 0x41, 0, 0x0E, 1, 0, 1, 0x0B, 0x0B));
    // Targets of different arity.
    invalid(
        "type mismatch", body(NONE, 0x02, I32, 0x41, 1, 0x41, 0, 0x0E, 1, 0, 1, 0x0B, 0x1A, 0x0B));
    valid(body(of(I32), 0x41, 1, 0x41, 0, 0x0D, 0, 0x0B)); // br_if keeps the value
    valid(body(of(I32), 0x41, 1, 0x0F, 0x0B)); // return
    invalid("type mismatch", body(of(I32), 0x42, 1, 0x0F, 0x0B));
  }

  @Test
  void select() {
    valid(body(of(I32), 0x41, 1, 0x41, 2, 0x41, 0, 0x1B, 0x0B));
    invalid("type mismatch", body(of(I32), 0x41, 1, 0x42, 2, 0x41, 0, 0x1B, 0x0B));
    // Untyped select rejects references; typed select takes them.
    invalid("type mismatch", body(of(FUNCREF), 0xD0, FUNCREF, 0xD0, FUNCREF, 0x41, 0, 0x1B, 0x0B));
    valid(body(of(FUNCREF), 0xD0, FUNCREF, 0xD0, FUNCREF, 0x41, 0, 0x1C, 1, FUNCREF, 0x0B));
    invalid("invalid result arity", body(NONE, 0x41, 1, 0x41, 2, 0x41, 0, 0x1C, 2, I32, I32, 0x0B));
    invalid("invalid result arity", body(NONE, 0x41, 0, 0x1C, 0, 0x0B));
    // With an unknown operand, the other decides.
    valid(
        body(
            of(V128), 0x00, 0xFD, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x41, 0,
            0x1B, 0x0B));
  }

  @Test
  void localsAndGlobals() {
    valid(module().type(of(I32), I32).func(0, 1, 1, F32, 0x20, 0, 0x0B));
    invalid("unknown local", module().type(of(I32), I32).func(0, 1, 1, F32, 0x20, 2, 0x0B));
    invalid("type mismatch", module().type(of(I32), I32).func(0, 1, 1, F32, 0x20, 1, 0x0B));
    ModuleBuilder globals =
        module().global(I32, 0, 0x41, 0, 0x0B).global(I64, 1, 0x42, 0, 0x0B).type(NONE);
    valid(globals.func(0, 0, 0x42, 1, 0x24, 1, 0x0B));
    invalid("global is immutable", globals.func(0, 0, 0x41, 1, 0x24, 0, 0x0B));
    invalid("unknown global", body(NONE, 0x23, 0, 0x1A, 0x0B));
  }

  @Test
  void constantExpressions() {
    invalid("constant expression required", module().global(I32, 0, 0x41, 1, 0x41, 2, 0x6A, 0x0B));
    invalid("type mismatch", module().global(I32, 0, 0x42, 0, 0x0B));
    invalid("type mismatch", module().global(I32, 0, 0x0B));
    invalid("type mismatch", module().global(I32, 0, 0x41, 0, 0x41, 0, 0x0B));
    // In 2.0, global.get in a constant expression may only read imported immutable globals.
    invalid("unknown global", module().global(I32, 0, 0x41, 0, 0x0B).global(I32, 0, 0x23, 0, 0x0B));
    ModuleBuilder imported = module().importEntry(1, 'm', 1, 'g', 3, I32, 0);
    valid(imported.global(I32, 0, 0x23, 0, 0x0B));
    invalid(
        "constant expression required",
        module().importEntry(1, 'm', 1, 'g', 3, I32, 1).global(I32, 0, 0x23, 0, 0x0B));
    // Element and data offsets are i32 constants.
    invalid("type mismatch", module().memory(0, 1).data(0, 0x42, 0, 0x0B, 0));
    invalid("unknown memory", module().data(0, 0x41, 0, 0x0B, 0));
    invalid("unknown table", module().elem(0, 0x41, 0, 0x0B, 0));
    invalid("unknown function", module().table(FUNCREF, 0, 0).elem(0, 0x41, 0, 0x0B, 1, 7));
  }

  @Test
  void functionsAndReferences() {
    invalid("unknown function", body(NONE, 0x10, 3, 0x0B));
    invalid("unknown type", module().type(NONE).func(4, 0, 0x0B));
    // ref.func needs the function declared outside bodies (here by an export or an element).
    invalid("undeclared function reference", body(of(FUNCREF), 0xD2, 0, 0x0B));
    valid(body(of(FUNCREF), 0xD2, 0, 0x0B).export('f', 0, 0));
    valid(body(of(FUNCREF), 0xD2, 0, 0x0B).elem(3, 0, 1, 0));
    valid(body(of(I32), 0xD0, EXTERNREF, 0xD1, 0x0B));
    invalid("type mismatch", body(of(I32), 0x41, 0, 0xD1, 0x0B));
  }

  @Test
  void tables() {
    ModuleBuilder t = module().type(NONE).table(EXTERNREF, 0, 0).table(FUNCREF, 0, 0);
    // call_indirect needs a funcref table.
    valid(t.func(0, 0, 0x41, 0, 0x11, 0, 1, 0x0B));
    invalid(
        "type mismatch",
        module().type(NONE).table(EXTERNREF, 0, 0).func(0, 0, 0x41, 0, 0x11, 0, 0, 0x0B));
    invalid("unknown table", body(NONE, 0x41, 0, 0x11, 0, 0, 0x0B));
    invalid(
        "type mismatch",
        module()
            .type(NONE)
            .table(EXTERNREF, 0, 0)
            .table(FUNCREF, 0, 0)
            .func(0, 0, 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 0x0E, 0, 1, 0x0B));
    invalid(
        "type mismatch",
        module()
            .type(NONE)
            .table(EXTERNREF, 0, 0)
            .elem(1, 0, 0)
            .func(0, 0, 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 0x0C, 0, 0, 0x0B));
    invalid("unknown elem segment", body(NONE, 0xFC, 0x0D, 0, 0x0B));
    invalid("type mismatch", module().table(FUNCREF, 0, 0).elem(6, 0, 0x41, 0, 0x0B, EXTERNREF, 0));
  }

  @Test
  void memories() {
    ModuleBuilder mem = module().type(NONE).memory(0, 1);
    valid(mem.func(0, 0, 0x41, 0, 0x28, 2, 0, 0x1A, 0x0B));
    invalid(
        "alignment must not be larger than natural",
        module().type(NONE).memory(0, 1).func(0, 0, 0x41, 0, 0x28, 3, 0, 0x1A, 0x0B));
    invalid("unknown memory", body(NONE, 0x3F, 0, 0x1A, 0x0B));
    invalid(
        "unknown data segment",
        mem.func(0, 0, 0xFC, 0x09, 0, 0x0B).data(1, 0).data(1, 0).func(0, 0, 0xFC, 0x09, 2, 0x0B));
    invalid("memory size must be at most 65536 pages (4GiB)", module().memory(0, 0x81, 0x80, 4));
    invalid("size minimum must not be greater than maximum", module().memory(1, 2, 1));
    invalid("size minimum must not be greater than maximum", module().table(FUNCREF, 1, 2, 1));
    invalid("multiple memories", module().memory(0, 0).memory(0, 0));
  }

  @Test
  void vectorLanes() {
    int[] v128Zero = {0xFD, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    int[] extract = concat(v128Zero, 0xFD, 0x15, 16, 0x0B);
    invalid("invalid lane index", body(of(I32), extract));
    valid(body(of(I32), concat(v128Zero, 0xFD, 0x15, 15, 0x0B)));
    int[] shuffle = concat(v128Zero, v128Zero);
    int[] lanes = {0xFD, 0x0D, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 32, 0x0B};
    invalid("invalid lane index", body(of(V128), concat(shuffle, lanes)));
  }

  private static int[] concat(int[] a, int... b) {
    int[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Test
  void startAndExports() {
    valid(module().type(NONE).func(0, 0, 0x0B).start(0));
    invalid("start function", module().type(of(I32)).func(0, 0, 0x0B).start(0));
    invalid("unknown function", module().start(0));
    invalid(
        "duplicate export name",
        module().type(NONE).func(0, 0, 0x0B).export('a', 0, 0).export('a', 0, 0));
    invalid("unknown global", module().export('a', 3, 0));
    invalid("unknown memory", module().export('a', 2, 0));
  }
}

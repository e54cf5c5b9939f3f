package dev.patina.wasm.internal.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.wasm.ValType;
import dev.patina.wasm.binary.Opcode;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Runs one instruction through {@link Simd#execute} the way the interpreter will: operands in a
 * frame of 64-bit slots at a random frame pointer and random (possibly odd) relative slots, the
 * destination aliasing the first operand or elsewhere, the operand words embedded at a random
 * {@code pc} in a code array, and every other slot filled with garbage that must stay untouched.
 */
final class SimdHarness {
  private SimdHarness() {}

  /** The non-memory SIMD instructions: all that {@link Simd} implements. */
  static List<Opcode> instructions() {
    return Arrays.stream(Opcode.values())
        .filter(o -> o.prefix() == 0xFD && !o.hasMemarg())
        .toList();
  }

  static int laneCount(Opcode op) {
    String shape = op.text().substring(0, op.text().indexOf('.'));
    return Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
  }

  /** Brings the immediates of a generated input into range for {@code op}. */
  static SimdInput normalize(Opcode op, SimdInput in) {
    int lane = op.immediate() == Opcode.Immediate.LANE ? in.lane() % laneCount(op) : 0;
    int[] imm = in.imm().clone();
    if (op == Opcode.I8X16_SHUFFLE) {
      for (int i = 0; i < 16; i++) {
        imm[i] &= 31;
      }
    } else {
      imm = op == Opcode.V128_CONST ? Arrays.copyOf(imm, 4) : new int[0];
    }
    return new SimdInput(in.a(), in.b(), in.c(), in.scalar(), lane, imm);
  }

  /** Executes op on a normalized input and checks the result against the model's expectation. */
  static void check(Opcode op, SimdInput in, Random layout) {
    Expect expect = SimdModel.expect(op, in);
    long[] actual = run(op, in, layout);
    String what = op.text() + " " + in;
    ValType result = op.results().getFirst();
    switch (result) {
      case V128 -> expect.checkV128(actual, what);
      case I64, F64 -> expect.checkScalar(actual[0], true, what);
      default -> expect.checkScalar(actual[0], false, what);
    }
  }

  static long[] run(Opcode op, SimdInput in, Random layout) {
    List<ValType> params = op.params();
    long[] s = new long[32];
    for (int i = 0; i < s.length; i++) {
      s[i] = layout.nextLong();
    }
    int fp = layout.nextInt(5);
    int base = layout.nextInt(2);
    int[] rel = new int[params.size()];
    long[][] vectors = {in.a(), in.b(), in.c()};
    int vector = 0;
    for (int k = 0; k < params.size(); k++) {
      rel[k] = base + 2 * k;
      int at = fp + rel[k];
      if (params.get(k) == ValType.V128) {
        s[at] = vectors[vector][0];
        s[at + 1] = vectors[vector][1];
        vector++;
      } else {
        s[at] = in.scalar();
      }
    }
    boolean alias = rel.length > 0 && layout.nextBoolean();
    int dst = alias ? rel[0] : 8 + layout.nextInt(3);

    int pc = layout.nextInt(4);
    boolean hasLane = op.immediate() == Opcode.Immediate.LANE;
    // Garbage before pc and after the operands: the instruction must read only its own words.
    int[] code = new int[pc + 1 + rel.length + (hasLane ? 1 : 0) + in.imm().length + 2];
    for (int i = 0; i < code.length; i++) {
      code[i] = layout.nextInt();
    }
    int k = pc;
    code[k++] = dst;
    for (int r : rel) {
      code[k++] = r;
    }
    if (hasLane) {
      code[k++] = in.lane();
    }
    for (int word : in.imm()) {
      code[k++] = word;
    }

    long[] before = s.clone();
    Simd.execute(op.code(), s, fp, code, pc);

    boolean v128 = op.results().getFirst() == ValType.V128;
    int written = fp + dst;
    for (int i = 0; i < s.length; i++) {
      if (i != written && !(v128 && i == written + 1)) {
        assertEquals(before[i], s[i], op.text() + " wrote slot " + i + " outside its destination");
      }
    }
    return new long[] {s[written], v128 ? s[written + 1] : 0};
  }
}

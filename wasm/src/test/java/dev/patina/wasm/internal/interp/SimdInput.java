package dev.patina.wasm.internal.interp;

/**
 * The operands of one SIMD instruction under test: up to three v128s, one scalar slot (its raw
 * 64-bit contents: an i32 or f32 operand sits in the low half, with garbage above), and the
 * immediates (a lane index, or the 16 shuffle indices, or the 4 words of a v128.const).
 */
record SimdInput(long[] a, long[] b, long[] c, long scalar, int lane, int[] imm) {
  @Override
  public String toString() {
    return String.format(
        "a=%s b=%s c=%s scalar=%016x lane=%d imm=%s",
        Lanes.hex(a), Lanes.hex(b), Lanes.hex(c), scalar, lane, java.util.Arrays.toString(imm));
  }
}

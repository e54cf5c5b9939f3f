package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.Swar.put;

/**
 * The whole-vector instructions: {@code v128.const} and the bitwise ones, which ignore lane shapes.
 * Arguments as in {@link SimdInt8}.
 */
final class SimdBits {
  private SimdBits() {}

  /** v128.const: the four little-endian 32-bit words at {@code code[k..k+3]}. */
  static void constant(long[] s, int d, int[] code, int k) {
    put(s, d, SimdInt32.pack(code[k], code[k + 1]), SimdInt32.pack(code[k + 2], code[k + 3]));
  }

  static void not(long[] s, int d, int a) {
    put(s, d, ~s[a], ~s[a + 1]);
  }

  static void and(long[] s, int d, int a, int b) {
    put(s, d, s[a] & s[b], s[a + 1] & s[b + 1]);
  }

  static void andnot(long[] s, int d, int a, int b) {
    put(s, d, s[a] & ~s[b], s[a + 1] & ~s[b + 1]);
  }

  static void or(long[] s, int d, int a, int b) {
    put(s, d, s[a] | s[b], s[a + 1] | s[b + 1]);
  }

  static void xor(long[] s, int d, int a, int b) {
    put(s, d, s[a] ^ s[b], s[a + 1] ^ s[b + 1]);
  }

  /** Bits of v1 where the mask c is set, else of v2. */
  static void bitselect(long[] s, int d, int v1, int v2, int c) {
    put(s, d, Swar.select(s[c], s[v1], s[v2]), Swar.select(s[c + 1], s[v1 + 1], s[v2 + 1]));
  }

  static void anyTrue(long[] s, int d, int a) {
    s[d] = (s[a] | s[a + 1]) != 0 ? 1 : 0;
  }
}

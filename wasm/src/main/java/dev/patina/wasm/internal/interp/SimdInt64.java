package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.Swar.put;

/**
 * The i64x2 instructions, including those that widen i32x4 operands (extend, extmul). Each half is
 * one lane, so plain long arithmetic applies; arguments as in {@link SimdInt8}.
 */
final class SimdInt64 {
  private SimdInt64() {}

  private static long mask(boolean b) {
    return b ? -1L : 0L;
  }

  static void eq(long[] s, int d, int a, int b) {
    put(s, d, mask(s[a] == s[b]), mask(s[a + 1] == s[b + 1]));
  }

  static void ne(long[] s, int d, int a, int b) {
    put(s, d, mask(s[a] != s[b]), mask(s[a + 1] != s[b + 1]));
  }

  static void ltS(long[] s, int d, int a, int b) {
    put(s, d, mask(s[a] < s[b]), mask(s[a + 1] < s[b + 1]));
  }

  static void gtS(long[] s, int d, int a, int b) {
    put(s, d, mask(s[a] > s[b]), mask(s[a + 1] > s[b + 1]));
  }

  static void leS(long[] s, int d, int a, int b) {
    put(s, d, mask(s[a] <= s[b]), mask(s[a + 1] <= s[b + 1]));
  }

  static void geS(long[] s, int d, int a, int b) {
    put(s, d, mask(s[a] >= s[b]), mask(s[a + 1] >= s[b + 1]));
  }

  static void abs(long[] s, int d, int a) {
    put(s, d, Math.abs(s[a]), Math.abs(s[a + 1]));
  }

  static void neg(long[] s, int d, int a) {
    put(s, d, -s[a], -s[a + 1]);
  }

  static void allTrue(long[] s, int d, int a) {
    s[d] = s[a] != 0 && s[a + 1] != 0 ? 1 : 0;
  }

  static void bitmask(long[] s, int d, int a) {
    s[d] = (s[a] >>> 63) | (s[a + 1] >>> 63) << 1;
  }

  static void shl(long[] s, int d, int a, int c) {
    int n = (int) s[c];
    put(s, d, s[a] << n, s[a + 1] << n);
  }

  static void shrS(long[] s, int d, int a, int c) {
    int n = (int) s[c];
    put(s, d, s[a] >> n, s[a + 1] >> n);
  }

  static void shrU(long[] s, int d, int a, int c) {
    int n = (int) s[c];
    put(s, d, s[a] >>> n, s[a + 1] >>> n);
  }

  static void add(long[] s, int d, int a, int b) {
    put(s, d, s[a] + s[b], s[a + 1] + s[b + 1]);
  }

  static void sub(long[] s, int d, int a, int b) {
    put(s, d, s[a] - s[b], s[a + 1] - s[b + 1]);
  }

  static void mul(long[] s, int d, int a, int b) {
    put(s, d, s[a] * s[b], s[a + 1] * s[b + 1]);
  }

  static void extendLowS(long[] s, int d, int a) {
    long x = s[a];
    put(s, d, (int) x, x >> 32);
  }

  static void extendHighS(long[] s, int d, int a) {
    long x = s[a + 1];
    put(s, d, (int) x, x >> 32);
  }

  static void extendLowU(long[] s, int d, int a) {
    long x = s[a];
    put(s, d, x & 0xFFFF_FFFFL, x >>> 32);
  }

  static void extendHighU(long[] s, int d, int a) {
    long x = s[a + 1];
    put(s, d, x & 0xFFFF_FFFFL, x >>> 32);
  }

  static void extmulLowS(long[] s, int d, int a, int b) {
    long x = s[a];
    long y = s[b];
    put(s, d, (long) (int) x * (int) y, (x >> 32) * (y >> 32));
  }

  static void extmulHighS(long[] s, int d, int a, int b) {
    long x = s[a + 1];
    long y = s[b + 1];
    put(s, d, (long) (int) x * (int) y, (x >> 32) * (y >> 32));
  }

  /** Unsigned 32-bit products fit 64 bits; signed long multiplication keeps the bit pattern. */
  static void extmulLowU(long[] s, int d, int a, int b) {
    long x = s[a];
    long y = s[b];
    put(s, d, (x & 0xFFFF_FFFFL) * (y & 0xFFFF_FFFFL), (x >>> 32) * (y >>> 32));
  }

  static void extmulHighU(long[] s, int d, int a, int b) {
    long x = s[a + 1];
    long y = s[b + 1];
    put(s, d, (x & 0xFFFF_FFFFL) * (y & 0xFFFF_FFFFL), (x >>> 32) * (y >>> 32));
  }
}

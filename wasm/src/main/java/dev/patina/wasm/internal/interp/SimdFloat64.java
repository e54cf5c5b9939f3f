package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.Swar.put;

/**
 * The f64x2 instructions; each half is one lane. NaN handling as in {@link SimdFloat32}; arguments
 * as in {@link SimdInt8}.
 */
final class SimdFloat64 {
  private static final long SIGN = Long.MIN_VALUE;

  private SimdFloat64() {}

  private static double f(long x) {
    return Double.longBitsToDouble(x);
  }

  private static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }

  private static long mask(boolean b) {
    return b ? -1L : 0L;
  }

  static void eq(long[] s, int d, int a, int b) {
    put(s, d, mask(f(s[a]) == f(s[b])), mask(f(s[a + 1]) == f(s[b + 1])));
  }

  static void ne(long[] s, int d, int a, int b) {
    put(s, d, mask(f(s[a]) != f(s[b])), mask(f(s[a + 1]) != f(s[b + 1])));
  }

  static void lt(long[] s, int d, int a, int b) {
    put(s, d, mask(f(s[a]) < f(s[b])), mask(f(s[a + 1]) < f(s[b + 1])));
  }

  static void gt(long[] s, int d, int a, int b) {
    put(s, d, mask(f(s[a]) > f(s[b])), mask(f(s[a + 1]) > f(s[b + 1])));
  }

  static void le(long[] s, int d, int a, int b) {
    put(s, d, mask(f(s[a]) <= f(s[b])), mask(f(s[a + 1]) <= f(s[b + 1])));
  }

  static void ge(long[] s, int d, int a, int b) {
    put(s, d, mask(f(s[a]) >= f(s[b])), mask(f(s[a + 1]) >= f(s[b + 1])));
  }

  static void abs(long[] s, int d, int a) {
    put(s, d, s[a] & ~SIGN, s[a + 1] & ~SIGN);
  }

  static void neg(long[] s, int d, int a) {
    put(s, d, s[a] ^ SIGN, s[a + 1] ^ SIGN);
  }

  static void sqrt(long[] s, int d, int a) {
    put(s, d, bits(Numerics.f64Sqrt(f(s[a]))), bits(Numerics.f64Sqrt(f(s[a + 1]))));
  }

  static void ceil(long[] s, int d, int a) {
    put(s, d, bits(Numerics.f64Ceil(f(s[a]))), bits(Numerics.f64Ceil(f(s[a + 1]))));
  }

  static void floor(long[] s, int d, int a) {
    put(s, d, bits(Numerics.f64Floor(f(s[a]))), bits(Numerics.f64Floor(f(s[a + 1]))));
  }

  static void trunc(long[] s, int d, int a) {
    put(s, d, bits(Numerics.f64Trunc(f(s[a]))), bits(Numerics.f64Trunc(f(s[a + 1]))));
  }

  static void nearest(long[] s, int d, int a) {
    put(s, d, bits(Numerics.f64Nearest(f(s[a]))), bits(Numerics.f64Nearest(f(s[a + 1]))));
  }

  static void add(long[] s, int d, int a, int b) {
    put(s, d, bits(f(s[a]) + f(s[b])), bits(f(s[a + 1]) + f(s[b + 1])));
  }

  static void sub(long[] s, int d, int a, int b) {
    put(s, d, bits(f(s[a]) - f(s[b])), bits(f(s[a + 1]) - f(s[b + 1])));
  }

  static void mul(long[] s, int d, int a, int b) {
    put(s, d, bits(f(s[a]) * f(s[b])), bits(f(s[a + 1]) * f(s[b + 1])));
  }

  static void div(long[] s, int d, int a, int b) {
    put(s, d, bits(f(s[a]) / f(s[b])), bits(f(s[a + 1]) / f(s[b + 1])));
  }

  static void min(long[] s, int d, int a, int b) {
    put(
        s,
        d,
        bits(Numerics.f64Min(f(s[a]), f(s[b]))),
        bits(Numerics.f64Min(f(s[a + 1]), f(s[b + 1]))));
  }

  static void max(long[] s, int d, int a, int b) {
    put(
        s,
        d,
        bits(Numerics.f64Max(f(s[a]), f(s[b]))),
        bits(Numerics.f64Max(f(s[a + 1]), f(s[b + 1]))));
  }

  /** pmin(x, y) = y < x ? y : x, selecting raw bits. */
  static void pmin(long[] s, int d, int a, int b) {
    put(s, d, pmin(s[a], s[b]), pmin(s[a + 1], s[b + 1]));
  }

  private static long pmin(long x, long y) {
    return f(y) < f(x) ? y : x;
  }

  /** pmax(x, y) = x < y ? y : x, selecting raw bits. */
  static void pmax(long[] s, int d, int a, int b) {
    put(s, d, pmax(s[a], s[b]), pmax(s[a + 1], s[b + 1]));
  }

  private static long pmax(long x, long y) {
    return f(x) < f(y) ? y : x;
  }
}

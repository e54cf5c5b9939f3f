package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.SimdInt32.pack;
import static dev.patina.wasm.internal.interp.Swar.put;

/**
 * The f32x4 instructions. Lanes are read and written as raw bits, so NaN payloads survive every
 * move; abs and neg are pure sign-bit operations (the spec defines them so, NaNs included); pmin
 * and pmax return one operand's exact bits. Arithmetic relies on the CPU's IEEE operations, which
 * return a quieted operand NaN or the canonical default NaN, as the spec's NaN rules allow; min,
 * max and rounding use {@link Numerics}. Arguments as in {@link SimdInt8}.
 */
final class SimdFloat32 {
  private static final long SIGNS = 0x8000_0000_8000_0000L;

  private SimdFloat32() {}

  private static float lane0(long x) {
    return Float.intBitsToFloat((int) x);
  }

  private static float lane1(long x) {
    return Float.intBitsToFloat((int) (x >>> 32));
  }

  private static long packF(float lane0, float lane1) {
    return pack(Float.floatToRawIntBits(lane0), Float.floatToRawIntBits(lane1));
  }

  private static int mask(boolean b) {
    return b ? -1 : 0;
  }

  static void eq(long[] s, int d, int a, int b) {
    put(s, d, eq(s[a], s[b]), eq(s[a + 1], s[b + 1]));
  }

  private static long eq(long x, long y) {
    return pack(mask(lane0(x) == lane0(y)), mask(lane1(x) == lane1(y)));
  }

  static void ne(long[] s, int d, int a, int b) {
    put(s, d, ~eq(s[a], s[b]), ~eq(s[a + 1], s[b + 1]));
  }

  static void lt(long[] s, int d, int a, int b) {
    put(s, d, lt(s[a], s[b]), lt(s[a + 1], s[b + 1]));
  }

  static void gt(long[] s, int d, int a, int b) {
    put(s, d, lt(s[b], s[a]), lt(s[b + 1], s[a + 1]));
  }

  private static long lt(long x, long y) {
    return pack(mask(lane0(x) < lane0(y)), mask(lane1(x) < lane1(y)));
  }

  static void le(long[] s, int d, int a, int b) {
    put(s, d, le(s[a], s[b]), le(s[a + 1], s[b + 1]));
  }

  static void ge(long[] s, int d, int a, int b) {
    put(s, d, le(s[b], s[a]), le(s[b + 1], s[a + 1]));
  }

  private static long le(long x, long y) {
    return pack(mask(lane0(x) <= lane0(y)), mask(lane1(x) <= lane1(y)));
  }

  static void abs(long[] s, int d, int a) {
    put(s, d, s[a] & ~SIGNS, s[a + 1] & ~SIGNS);
  }

  static void neg(long[] s, int d, int a) {
    put(s, d, s[a] ^ SIGNS, s[a + 1] ^ SIGNS);
  }

  static void sqrt(long[] s, int d, int a) {
    put(s, d, sqrt(s[a]), sqrt(s[a + 1]));
  }

  private static long sqrt(long x) {
    return packF(Numerics.f32Sqrt(lane0(x)), Numerics.f32Sqrt(lane1(x)));
  }

  static void ceil(long[] s, int d, int a) {
    put(s, d, ceil(s[a]), ceil(s[a + 1]));
  }

  private static long ceil(long x) {
    return packF(Numerics.f32Ceil(lane0(x)), Numerics.f32Ceil(lane1(x)));
  }

  static void floor(long[] s, int d, int a) {
    put(s, d, floor(s[a]), floor(s[a + 1]));
  }

  private static long floor(long x) {
    return packF(Numerics.f32Floor(lane0(x)), Numerics.f32Floor(lane1(x)));
  }

  static void trunc(long[] s, int d, int a) {
    put(s, d, trunc(s[a]), trunc(s[a + 1]));
  }

  private static long trunc(long x) {
    return packF(Numerics.f32Trunc(lane0(x)), Numerics.f32Trunc(lane1(x)));
  }

  static void nearest(long[] s, int d, int a) {
    put(s, d, nearest(s[a]), nearest(s[a + 1]));
  }

  private static long nearest(long x) {
    return packF(Numerics.f32Nearest(lane0(x)), Numerics.f32Nearest(lane1(x)));
  }

  static void add(long[] s, int d, int a, int b) {
    put(s, d, add(s[a], s[b]), add(s[a + 1], s[b + 1]));
  }

  private static long add(long x, long y) {
    return packF(lane0(x) + lane0(y), lane1(x) + lane1(y));
  }

  static void sub(long[] s, int d, int a, int b) {
    put(s, d, sub(s[a], s[b]), sub(s[a + 1], s[b + 1]));
  }

  private static long sub(long x, long y) {
    return packF(lane0(x) - lane0(y), lane1(x) - lane1(y));
  }

  static void mul(long[] s, int d, int a, int b) {
    put(s, d, mul(s[a], s[b]), mul(s[a + 1], s[b + 1]));
  }

  private static long mul(long x, long y) {
    return packF(lane0(x) * lane0(y), lane1(x) * lane1(y));
  }

  static void div(long[] s, int d, int a, int b) {
    put(s, d, div(s[a], s[b]), div(s[a + 1], s[b + 1]));
  }

  private static long div(long x, long y) {
    return packF(lane0(x) / lane0(y), lane1(x) / lane1(y));
  }

  static void min(long[] s, int d, int a, int b) {
    put(s, d, min(s[a], s[b]), min(s[a + 1], s[b + 1]));
  }

  private static long min(long x, long y) {
    return packF(Numerics.f32Min(lane0(x), lane0(y)), Numerics.f32Min(lane1(x), lane1(y)));
  }

  static void max(long[] s, int d, int a, int b) {
    put(s, d, max(s[a], s[b]), max(s[a + 1], s[b + 1]));
  }

  private static long max(long x, long y) {
    return packF(Numerics.f32Max(lane0(x), lane0(y)), Numerics.f32Max(lane1(x), lane1(y)));
  }

  /** pmin(x, y) = y < x ? y : x, lane-wise, selecting raw bits. */
  static void pmin(long[] s, int d, int a, int b) {
    put(s, d, pmin(s[a], s[b]), pmin(s[a + 1], s[b + 1]));
  }

  private static long pmin(long x, long y) {
    return Swar.select(lt(y, x), y, x);
  }

  /** pmax(x, y) = x < y ? y : x, lane-wise, selecting raw bits. */
  static void pmax(long[] s, int d, int a, int b) {
    put(s, d, pmax(s[a], s[b]), pmax(s[a + 1], s[b + 1]));
  }

  private static long pmax(long x, long y) {
    return Swar.select(lt(x, y), y, x);
  }
}

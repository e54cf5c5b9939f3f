package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.SimdInt32.pack;
import static dev.patina.wasm.internal.interp.Swar.put;

/**
 * The SIMD conversions between float and integer lanes and between f32 and f64 lanes. Scalar
 * semantics come from {@link Numerics} and Java's casts: a float-to-int cast saturates and maps NaN
 * to 0 (trunc_sat_s), int-to-float casts round to nearest-even, and float/double casts quiet NaNs
 * keeping the payload's top bits (canonical stays canonical). Arguments as in {@link SimdInt8}.
 */
final class SimdConvert {
  private SimdConvert() {}

  private static float f32(long x) {
    return Float.intBitsToFloat((int) x);
  }

  private static double f64(long x) {
    return Double.longBitsToDouble(x);
  }

  private static int bits(float x) {
    return Float.floatToRawIntBits(x);
  }

  private static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }

  /** f32x4.demote_f64x2_zero: lanes 2 and 3 are zero. */
  static void demote(long[] s, int d, int a) {
    put(s, d, pack(bits((float) f64(s[a])), bits((float) f64(s[a + 1]))), 0);
  }

  /** f64x2.promote_low_f32x4: widens lanes 0 and 1. */
  static void promoteLow(long[] s, int d, int a) {
    long x = s[a];
    put(s, d, bits((double) f32(x)), bits((double) f32(x >>> 32)));
  }

  static void truncSatF32S(long[] s, int d, int a) {
    put(s, d, truncSatF32S(s[a]), truncSatF32S(s[a + 1]));
  }

  private static long truncSatF32S(long x) {
    return pack((int) f32(x), (int) f32(x >>> 32));
  }

  static void truncSatF32U(long[] s, int d, int a) {
    put(s, d, truncSatF32U(s[a]), truncSatF32U(s[a + 1]));
  }

  private static long truncSatF32U(long x) {
    return pack(Numerics.i32TruncSatF32U(f32(x)), Numerics.i32TruncSatF32U(f32(x >>> 32)));
  }

  /** i32x4.trunc_sat_f64x2_s_zero: lanes 2 and 3 are zero. */
  static void truncSatF64SZero(long[] s, int d, int a) {
    put(s, d, pack((int) f64(s[a]), (int) f64(s[a + 1])), 0);
  }

  static void truncSatF64UZero(long[] s, int d, int a) {
    put(s, d, truncSatF64U(s[a], s[a + 1]), 0);
  }

  private static long truncSatF64U(long x, long y) {
    return pack(Numerics.i32TruncSatF64U(f64(x)), Numerics.i32TruncSatF64U(f64(y)));
  }

  static void convertI32S(long[] s, int d, int a) {
    put(s, d, convertI32S(s[a]), convertI32S(s[a + 1]));
  }

  private static long convertI32S(long x) {
    return pack(bits((float) (int) x), bits((float) (int) (x >>> 32)));
  }

  static void convertI32U(long[] s, int d, int a) {
    put(s, d, convertI32U(s[a]), convertI32U(s[a + 1]));
  }

  private static long convertI32U(long x) {
    return pack(
        bits(Numerics.f32ConvertI32U((int) x)), bits(Numerics.f32ConvertI32U((int) (x >>> 32))));
  }

  /** f64x2.convert_low_i32x4_s: exact, as every i32 is a double. */
  static void convertLowI32S(long[] s, int d, int a) {
    long x = s[a];
    put(s, d, bits((double) (int) x), bits((double) (int) (x >>> 32)));
  }

  static void convertLowI32U(long[] s, int d, int a) {
    long x = s[a];
    put(s, d, bits((double) (x & 0xFFFF_FFFFL)), bits((double) (x >>> 32)));
  }
}

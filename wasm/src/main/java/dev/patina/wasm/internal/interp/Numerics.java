package dev.patina.wasm.internal.interp;

import dev.patina.wasm.TrapException;

/**
 * Scalar numeric operators whose WebAssembly semantics differ from the plain Java operator: NaN
 * quieting, signed-zero ordering, trapping and saturating float-to-integer conversions, correctly
 * rounded unsigned integer-to-float conversions, and trapping integer division.
 *
 * <p>Every method is small so that HotSpot inlines it into the interpreter loop. NaN results follow
 * the specification's rule for non-deterministic NaNs: when every NaN operand is canonical the
 * result is canonical, otherwise it is an arithmetic (quiet) NaN. The methods get there by setting
 * the quiet bit of an operand NaN ({@link #quiet(float)}), which is explicit and does not depend on
 * how the CPU or {@link Math} propagates NaNs.
 */
public final class Numerics {
  private static final int F32_QUIET = 0x0040_0000;
  private static final long F64_QUIET = 0x0008_0000_0000_0000L;
  private static final double TWO_63 = 0x1p63;
  private static final double TWO_64 = 0x1p64;

  private Numerics() {}

  // ---------------------------------------------------------------------------------------------
  // NaN quieting

  /** The NaN {@code x} with its quiet bit set: canonical stays canonical, signaling gets quiet. */
  public static float quiet(float x) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(x) | F32_QUIET);
  }

  /** The NaN {@code x} with its quiet bit set. */
  public static double quiet(double x) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(x) | F64_QUIET);
  }

  // ---------------------------------------------------------------------------------------------
  // min / max: Math.min returns a NaN operand unchanged (possibly signaling), so it is not used.

  public static float f32Min(float a, float b) {
    if (a != a) {
      return quiet(a);
    }
    if (b != b) {
      return quiet(b);
    }
    if (a == b) {
      // Equal values differ at most in the sign of zero: -0.0 is the smaller one.
      return Float.intBitsToFloat(Float.floatToRawIntBits(a) | Float.floatToRawIntBits(b));
    }
    return a < b ? a : b;
  }

  public static float f32Max(float a, float b) {
    if (a != a) {
      return quiet(a);
    }
    if (b != b) {
      return quiet(b);
    }
    if (a == b) {
      // +0.0 is the larger zero: clear the sign unless both are -0.0.
      return Float.intBitsToFloat(Float.floatToRawIntBits(a) & Float.floatToRawIntBits(b));
    }
    return a > b ? a : b;
  }

  public static double f64Min(double a, double b) {
    if (a != a) {
      return quiet(a);
    }
    if (b != b) {
      return quiet(b);
    }
    if (a == b) {
      return Double.longBitsToDouble(Double.doubleToRawLongBits(a) | Double.doubleToRawLongBits(b));
    }
    return a < b ? a : b;
  }

  public static double f64Max(double a, double b) {
    if (a != a) {
      return quiet(a);
    }
    if (b != b) {
      return quiet(b);
    }
    if (a == b) {
      return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & Double.doubleToRawLongBits(b));
    }
    return a > b ? a : b;
  }

  // ---------------------------------------------------------------------------------------------
  // Rounding to integral values and square root. A float widened to double is exact, and the
  // integral result of ceil/floor/trunc/rint of a float value is again a float value, so going
  // through double is exact; NaNs are handled first so that no NaN passes through a conversion or
  // a Math method that may return its NaN argument unchanged.

  public static float f32Ceil(float x) {
    return x != x ? quiet(x) : (float) Math.ceil(x);
  }

  public static float f32Floor(float x) {
    return x != x ? quiet(x) : (float) Math.floor(x);
  }

  public static float f32Trunc(float x) {
    return x != x ? quiet(x) : (float) (x < 0 ? Math.ceil(x) : Math.floor(x));
  }

  /** Round to nearest, ties to even ({@link Math#rint}); the sign of a zero result is kept. */
  public static float f32Nearest(float x) {
    return x != x ? quiet(x) : (float) Math.rint(x);
  }

  /**
   * The double square root of a float, rounded to float, is the correctly rounded float square root
   * (double has more than 2 * 24 + 2 significand bits). A negative operand gives the CPU's default
   * NaN, which is canonical on x86-64 and AArch64.
   */
  public static float f32Sqrt(float x) {
    return x != x ? quiet(x) : (float) Math.sqrt(x);
  }

  public static double f64Ceil(double x) {
    return x != x ? quiet(x) : Math.ceil(x);
  }

  public static double f64Floor(double x) {
    return x != x ? quiet(x) : Math.floor(x);
  }

  public static double f64Trunc(double x) {
    return x != x ? quiet(x) : x < 0 ? Math.ceil(x) : Math.floor(x);
  }

  public static double f64Nearest(double x) {
    return x != x ? quiet(x) : Math.rint(x);
  }

  public static double f64Sqrt(double x) {
    return x != x ? quiet(x) : Math.sqrt(x);
  }

  // ---------------------------------------------------------------------------------------------
  // Trapping float-to-integer conversions. Each range check is written with the exact bounds of
  // the truncated value: the operand is valid when trunc(x) fits, i.e. when x lies strictly
  // between (MIN - 1) and (MAX + 1). Where MIN - 1 is not representable in the operand type the
  // next representable value below MIN is already out of range, so ">= MIN" is the same test.

  public static int i32TruncF32S(float x) {
    if (x >= -0x1p31f && x < 0x1p31f) {
      return (int) x;
    }
    throw truncTrap(x != x);
  }

  public static int i32TruncF32U(float x) {
    if (x > -1f && x < 0x1p32f) {
      return (int) (long) x;
    }
    throw truncTrap(x != x);
  }

  public static int i32TruncF64S(double x) {
    if (x > -2147483649.0 && x < 0x1p31) {
      return (int) x;
    }
    throw truncTrap(x != x);
  }

  public static int i32TruncF64U(double x) {
    if (x > -1.0 && x < 0x1p32) {
      return (int) (long) x;
    }
    throw truncTrap(x != x);
  }

  public static long i64TruncF32S(float x) {
    if (x >= -0x1p63f && x < 0x1p63f) {
      return (long) x;
    }
    throw truncTrap(x != x);
  }

  public static long i64TruncF32U(float x) {
    if (x > -1f && x < 0x1p64f) {
      return u64(x);
    }
    throw truncTrap(x != x);
  }

  public static long i64TruncF64S(double x) {
    if (x >= -0x1p63 && x < 0x1p63) {
      return (long) x;
    }
    throw truncTrap(x != x);
  }

  public static long i64TruncF64U(double x) {
    if (x > -1.0 && x < TWO_64) {
      return u64(x);
    }
    throw truncTrap(x != x);
  }

  /** The error for an operand that failed a range check: NaN or out of range. */
  private static TrapException truncTrap(boolean nan) {
    return new TrapException(nan ? "invalid conversion to integer" : "integer overflow");
  }

  /**
   * trunc(x) as an unsigned 64-bit integer, for -1 < x < 2^64. Above 2^63 the double is a multiple
   * of 2^11, so subtracting 2^63 is exact and the signed cast of the rest is in range.
   */
  private static long u64(double x) {
    return x < TWO_63 ? (long) x : (long) (x - TWO_63) ^ Long.MIN_VALUE;
  }

  // ---------------------------------------------------------------------------------------------
  // Saturating conversions. Java's signed casts already saturate and map NaN to 0 (JLS 5.1.3),
  // exactly the trunc_sat_s semantics; the unsigned ones clamp a wider signed result.

  public static int i32TruncSatF32S(float x) {
    return (int) x;
  }

  public static int i32TruncSatF32U(float x) {
    return (int) Math.clamp((long) x, 0L, 0xFFFF_FFFFL);
  }

  public static int i32TruncSatF64S(double x) {
    return (int) x;
  }

  public static int i32TruncSatF64U(double x) {
    return (int) Math.clamp((long) x, 0L, 0xFFFF_FFFFL);
  }

  public static long i64TruncSatF32S(float x) {
    return (long) x;
  }

  public static long i64TruncSatF32U(float x) {
    return i64TruncSatF64U(x);
  }

  public static long i64TruncSatF64S(double x) {
    return (long) x;
  }

  /** NaN ((long) NaN is 0) and everything below 0 give 0; 2^64 and above give 2^64-1. */
  public static long i64TruncSatF64U(double x) {
    if (!(x >= TWO_63)) {
      return Math.max((long) x, 0L);
    }
    return x < TWO_64 ? (long) (x - TWO_63) ^ Long.MIN_VALUE : -1L;
  }

  // ---------------------------------------------------------------------------------------------
  // Integer-to-float conversions. Java's (float) long and (double) long round to nearest-even
  // (JLS 5.1.2) and so are the signed conversions; they are here so that the interpreter can call
  // one place for every conversion. The unsigned i64 ones must not go through a signed type or
  // through double first (rounding twice): halving with the lost bit kept as a sticky bit leaves
  // the correctly rounded result unchanged because float and double hold fewer than 63 bits.

  public static float f32ConvertI32U(int x) {
    return (float) Integer.toUnsignedLong(x);
  }

  public static float f32ConvertI64S(long x) {
    return (float) x;
  }

  public static float f32ConvertI64U(long x) {
    if (x >= 0) {
      return (float) x;
    }
    return (float) ((x >>> 1) | (x & 1)) * 2f;
  }

  public static double f64ConvertI32U(int x) {
    return (double) Integer.toUnsignedLong(x);
  }

  public static double f64ConvertI64U(long x) {
    if (x >= 0) {
      return (double) x;
    }
    return (double) ((x >>> 1) | (x & 1)) * 2.0;
  }

  // ---------------------------------------------------------------------------------------------
  // Integer division. Java's / and % throw ArithmeticException on a zero divisor and wrap
  // MIN / -1 to MIN; WebAssembly traps on both. MIN % -1 is 0 in both.

  public static int i32DivS(int a, int b) {
    if (b == 0) {
      throw divideByZero();
    }
    if (a == Integer.MIN_VALUE && b == -1) {
      throw new TrapException("integer overflow");
    }
    return a / b;
  }

  public static int i32DivU(int a, int b) {
    if (b == 0) {
      throw divideByZero();
    }
    return Integer.divideUnsigned(a, b);
  }

  public static int i32RemS(int a, int b) {
    if (b == 0) {
      throw divideByZero();
    }
    return a % b;
  }

  public static int i32RemU(int a, int b) {
    if (b == 0) {
      throw divideByZero();
    }
    return Integer.remainderUnsigned(a, b);
  }

  public static long i64DivS(long a, long b) {
    if (b == 0) {
      throw divideByZero();
    }
    if (a == Long.MIN_VALUE && b == -1) {
      throw new TrapException("integer overflow");
    }
    return a / b;
  }

  public static long i64DivU(long a, long b) {
    if (b == 0) {
      throw divideByZero();
    }
    return Long.divideUnsigned(a, b);
  }

  public static long i64RemS(long a, long b) {
    if (b == 0) {
      throw divideByZero();
    }
    return a % b;
  }

  public static long i64RemU(long a, long b) {
    if (b == 0) {
      throw divideByZero();
    }
    return Long.remainderUnsigned(a, b);
  }

  private static TrapException divideByZero() {
    return new TrapException("integer divide by zero");
  }
}

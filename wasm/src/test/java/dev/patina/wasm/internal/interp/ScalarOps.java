package dev.patina.wasm.internal.interp;

/**
 * The scalar numeric instructions as the interpreter is expected to implement them: {@link
 * Numerics} where Java's operator differs from WebAssembly, plain Java operators elsewhere (on raw
 * bits for abs, neg and copysign). Running the spec tests through this table checks both Numerics
 * and the claim that the plain operators are safe to use.
 *
 * <p>Operands and results are raw slot contents: i32 and f32 in the low 32 bits.
 */
final class ScalarOps {
  private ScalarOps() {}

  private static float f(long x) {
    return Float.intBitsToFloat((int) x);
  }

  private static double d(long x) {
    return Double.longBitsToDouble(x);
  }

  private static long bits(float x) {
    return Float.floatToRawIntBits(x);
  }

  private static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }

  private static long b(boolean v) {
    return v ? 1 : 0;
  }

  /** Whether {@link #apply} knows the instruction. */
  static boolean supports(String name) {
    try {
      apply(name, 0, 1);
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    } catch (RuntimeException e) {
      return true; // a trap on these dummy operands
    }
  }

  static long apply(String name, long x, long y) {
    int i = (int) x;
    int j = (int) y;
    return switch (name) {
      case "i32.eqz" -> b(i == 0);
      case "i32.eq" -> b(i == j);
      case "i32.ne" -> b(i != j);
      case "i32.lt_s" -> b(i < j);
      case "i32.lt_u" -> b(Integer.compareUnsigned(i, j) < 0);
      case "i32.gt_s" -> b(i > j);
      case "i32.gt_u" -> b(Integer.compareUnsigned(i, j) > 0);
      case "i32.le_s" -> b(i <= j);
      case "i32.le_u" -> b(Integer.compareUnsigned(i, j) <= 0);
      case "i32.ge_s" -> b(i >= j);
      case "i32.ge_u" -> b(Integer.compareUnsigned(i, j) >= 0);
      case "i32.clz" -> Integer.numberOfLeadingZeros(i);
      case "i32.ctz" -> Integer.numberOfTrailingZeros(i);
      case "i32.popcnt" -> Integer.bitCount(i);
      case "i32.add" -> i + j;
      case "i32.sub" -> i - j;
      case "i32.mul" -> i * j;
      case "i32.div_s" -> Numerics.i32DivS(i, j);
      case "i32.div_u" -> Numerics.i32DivU(i, j);
      case "i32.rem_s" -> Numerics.i32RemS(i, j);
      case "i32.rem_u" -> Numerics.i32RemU(i, j);
      case "i32.and" -> i & j;
      case "i32.or" -> i | j;
      case "i32.xor" -> i ^ j;
      case "i32.shl" -> i << j;
      case "i32.shr_s" -> i >> j;
      case "i32.shr_u" -> i >>> j;
      case "i32.rotl" -> Integer.rotateLeft(i, j);
      case "i32.rotr" -> Integer.rotateRight(i, j);
      case "i32.extend8_s" -> (byte) i;
      case "i32.extend16_s" -> (short) i;
      case "i64.eqz" -> b(x == 0);
      case "i64.eq" -> b(x == y);
      case "i64.ne" -> b(x != y);
      case "i64.lt_s" -> b(x < y);
      case "i64.lt_u" -> b(Long.compareUnsigned(x, y) < 0);
      case "i64.gt_s" -> b(x > y);
      case "i64.gt_u" -> b(Long.compareUnsigned(x, y) > 0);
      case "i64.le_s" -> b(x <= y);
      case "i64.le_u" -> b(Long.compareUnsigned(x, y) <= 0);
      case "i64.ge_s" -> b(x >= y);
      case "i64.ge_u" -> b(Long.compareUnsigned(x, y) >= 0);
      case "i64.clz" -> Long.numberOfLeadingZeros(x);
      case "i64.ctz" -> Long.numberOfTrailingZeros(x);
      case "i64.popcnt" -> Long.bitCount(x);
      case "i64.add" -> x + y;
      case "i64.sub" -> x - y;
      case "i64.mul" -> x * y;
      case "i64.div_s" -> Numerics.i64DivS(x, y);
      case "i64.div_u" -> Numerics.i64DivU(x, y);
      case "i64.rem_s" -> Numerics.i64RemS(x, y);
      case "i64.rem_u" -> Numerics.i64RemU(x, y);
      case "i64.and" -> x & y;
      case "i64.or" -> x | y;
      case "i64.xor" -> x ^ y;
      case "i64.shl" -> x << y;
      case "i64.shr_s" -> x >> y;
      case "i64.shr_u" -> x >>> y;
      case "i64.rotl" -> Long.rotateLeft(x, (int) y);
      case "i64.rotr" -> Long.rotateRight(x, (int) y);
      case "i64.extend8_s" -> (byte) x;
      case "i64.extend16_s" -> (short) x;
      case "i64.extend32_s" -> (int) x;
      case "f32.eq" -> b(f(x) == f(y));
      case "f32.ne" -> b(f(x) != f(y));
      case "f32.lt" -> b(f(x) < f(y));
      case "f32.gt" -> b(f(x) > f(y));
      case "f32.le" -> b(f(x) <= f(y));
      case "f32.ge" -> b(f(x) >= f(y));
      case "f32.abs" -> i & 0x7FFF_FFFF;
      case "f32.neg" -> i ^ 0x8000_0000;
      case "f32.copysign" -> (i & 0x7FFF_FFFF) | (j & 0x8000_0000);
      case "f32.ceil" -> bits(Numerics.f32Ceil(f(x)));
      case "f32.floor" -> bits(Numerics.f32Floor(f(x)));
      case "f32.trunc" -> bits(Numerics.f32Trunc(f(x)));
      case "f32.nearest" -> bits(Numerics.f32Nearest(f(x)));
      case "f32.sqrt" -> bits(Numerics.f32Sqrt(f(x)));
      case "f32.add" -> bits(f(x) + f(y));
      case "f32.sub" -> bits(f(x) - f(y));
      case "f32.mul" -> bits(f(x) * f(y));
      case "f32.div" -> bits(f(x) / f(y));
      case "f32.min" -> bits(Numerics.f32Min(f(x), f(y)));
      case "f32.max" -> bits(Numerics.f32Max(f(x), f(y)));
      case "f64.eq" -> b(d(x) == d(y));
      case "f64.ne" -> b(d(x) != d(y));
      case "f64.lt" -> b(d(x) < d(y));
      case "f64.gt" -> b(d(x) > d(y));
      case "f64.le" -> b(d(x) <= d(y));
      case "f64.ge" -> b(d(x) >= d(y));
      case "f64.abs" -> x & Long.MAX_VALUE;
      case "f64.neg" -> x ^ Long.MIN_VALUE;
      case "f64.copysign" -> (x & Long.MAX_VALUE) | (y & Long.MIN_VALUE);
      case "f64.ceil" -> bits(Numerics.f64Ceil(d(x)));
      case "f64.floor" -> bits(Numerics.f64Floor(d(x)));
      case "f64.trunc" -> bits(Numerics.f64Trunc(d(x)));
      case "f64.nearest" -> bits(Numerics.f64Nearest(d(x)));
      case "f64.sqrt" -> bits(Numerics.f64Sqrt(d(x)));
      case "f64.add" -> bits(d(x) + d(y));
      case "f64.sub" -> bits(d(x) - d(y));
      case "f64.mul" -> bits(d(x) * d(y));
      case "f64.div" -> bits(d(x) / d(y));
      case "f64.min" -> bits(Numerics.f64Min(d(x), d(y)));
      case "f64.max" -> bits(Numerics.f64Max(d(x), d(y)));
      case "i32.wrap_i64" -> (int) x;
      case "i32.trunc_f32_s" -> Numerics.i32TruncF32S(f(x));
      case "i32.trunc_f32_u" -> Numerics.i32TruncF32U(f(x));
      case "i32.trunc_f64_s" -> Numerics.i32TruncF64S(d(x));
      case "i32.trunc_f64_u" -> Numerics.i32TruncF64U(d(x));
      case "i64.extend_i32_s" -> (long) i;
      case "i64.extend_i32_u" -> Integer.toUnsignedLong(i);
      case "i64.trunc_f32_s" -> Numerics.i64TruncF32S(f(x));
      case "i64.trunc_f32_u" -> Numerics.i64TruncF32U(f(x));
      case "i64.trunc_f64_s" -> Numerics.i64TruncF64S(d(x));
      case "i64.trunc_f64_u" -> Numerics.i64TruncF64U(d(x));
      case "i32.trunc_sat_f32_s" -> Numerics.i32TruncSatF32S(f(x));
      case "i32.trunc_sat_f32_u" -> Numerics.i32TruncSatF32U(f(x));
      case "i32.trunc_sat_f64_s" -> Numerics.i32TruncSatF64S(d(x));
      case "i32.trunc_sat_f64_u" -> Numerics.i32TruncSatF64U(d(x));
      case "i64.trunc_sat_f32_s" -> Numerics.i64TruncSatF32S(f(x));
      case "i64.trunc_sat_f32_u" -> Numerics.i64TruncSatF32U(f(x));
      case "i64.trunc_sat_f64_s" -> Numerics.i64TruncSatF64S(d(x));
      case "i64.trunc_sat_f64_u" -> Numerics.i64TruncSatF64U(d(x));
      case "f32.convert_i32_s" -> bits((float) i);
      case "f32.convert_i32_u" -> bits(Numerics.f32ConvertI32U(i));
      case "f32.convert_i64_s" -> bits(Numerics.f32ConvertI64S(x));
      case "f32.convert_i64_u" -> bits(Numerics.f32ConvertI64U(x));
      case "f32.demote_f64" -> bits((float) d(x));
      case "f64.convert_i32_s" -> bits((double) i);
      case "f64.convert_i32_u" -> bits(Numerics.f64ConvertI32U(i));
      case "f64.convert_i64_s" -> bits((double) x);
      case "f64.convert_i64_u" -> bits(Numerics.f64ConvertI64U(x));
      case "f64.promote_f32" -> bits((double) f(x));
      case "i32.reinterpret_f32", "f32.reinterpret_i32" -> i;
      case "i64.reinterpret_f64", "f64.reinterpret_i64" -> x;
      default -> throw new UnsupportedOperationException(name);
    };
  }
}

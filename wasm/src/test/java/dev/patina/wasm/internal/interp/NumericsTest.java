package dev.patina.wasm.internal.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.wasm.TrapException;
import java.util.function.DoubleToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Hand-checked cases for {@link Numerics}: the exact boundaries of every trapping and saturating
 * conversion, the double-rounding trap of unsigned i64 to f32, NaN quieting, signed zeros, and the
 * integer division traps. The values at the boundaries are the spec tests' (conversions.wast).
 */
class NumericsTest {
  private static final String OVERFLOW = "integer overflow";
  private static final String INVALID = "invalid conversion to integer";
  private static final float F32_SNAN = Float.intBitsToFloat(0x7FA0_0000);
  private static final double F64_SNAN = Double.longBitsToDouble(0x7FF4_0000_0000_0000L);

  private static void traps(String reason, Executable e) {
    assertEquals(reason, assertThrows(TrapException.class, e).reason());
  }

  @Test
  void i32TruncF32SBoundaries() {
    assertEquals(Integer.MIN_VALUE, Numerics.i32TruncF32S(-2147483648.0f));
    assertEquals(2147483520, Numerics.i32TruncF32S(2147483520.0f)); // largest float < 2^31
    assertEquals(0, Numerics.i32TruncF32S(-0.99999994f));
    assertEquals(-1, Numerics.i32TruncF32S(-1.9f));
    traps(OVERFLOW, () -> Numerics.i32TruncF32S(-2147483904.0f)); // next float below -2^31
    traps(OVERFLOW, () -> Numerics.i32TruncF32S(2147483648.0f));
    traps(OVERFLOW, () -> Numerics.i32TruncF32S(Float.NEGATIVE_INFINITY));
    traps(INVALID, () -> Numerics.i32TruncF32S(Float.NaN));
    traps(INVALID, () -> Numerics.i32TruncF32S(Float.intBitsToFloat(0xFFC0_0001)));
  }

  @Test
  void i32TruncF32UBoundaries() {
    assertEquals(0, Numerics.i32TruncF32U(-0.99999994f));
    assertEquals(0, Numerics.i32TruncF32U(-0.0f));
    assertEquals(0xFFFF_FF00, Numerics.i32TruncF32U(4294967040.0f)); // largest float < 2^32
    assertEquals(0x8000_0000, Numerics.i32TruncF32U(2147483648.0f));
    traps(OVERFLOW, () -> Numerics.i32TruncF32U(-1.0f));
    traps(OVERFLOW, () -> Numerics.i32TruncF32U(4294967296.0f));
    traps(INVALID, () -> Numerics.i32TruncF32U(F32_SNAN));
  }

  @Test
  void i32TruncF64Boundaries() {
    assertEquals(Integer.MIN_VALUE, Numerics.i32TruncF64S(-2147483648.9));
    assertEquals(Integer.MAX_VALUE, Numerics.i32TruncF64S(2147483647.9));
    traps(OVERFLOW, () -> Numerics.i32TruncF64S(-2147483649.0));
    traps(OVERFLOW, () -> Numerics.i32TruncF64S(2147483648.0));
    traps(INVALID, () -> Numerics.i32TruncF64S(Double.NaN));
    assertEquals(0, Numerics.i32TruncF64U(-0.9999999999999999));
    assertEquals(-1, Numerics.i32TruncF64U(4294967295.9));
    traps(OVERFLOW, () -> Numerics.i32TruncF64U(-1.0));
    traps(OVERFLOW, () -> Numerics.i32TruncF64U(4294967296.0));
    traps(INVALID, () -> Numerics.i32TruncF64U(F64_SNAN));
  }

  @Test
  void i64TruncBoundaries() {
    assertEquals(Long.MIN_VALUE, Numerics.i64TruncF32S(-0x1p63f));
    assertEquals(0x7FFF_FF80_0000_0000L, Numerics.i64TruncF32S(Math.nextDown(0x1p63f)));
    traps(OVERFLOW, () -> Numerics.i64TruncF32S(Math.nextDown(-0x1p63f)));
    traps(OVERFLOW, () -> Numerics.i64TruncF32S(0x1p63f));
    assertEquals(0xFFFF_FF00_0000_0000L, Numerics.i64TruncF32U(Math.nextDown(0x1p64f)));
    assertEquals(0, Numerics.i64TruncF32U(-0.99999994f));
    traps(OVERFLOW, () -> Numerics.i64TruncF32U(0x1p64f));
    traps(OVERFLOW, () -> Numerics.i64TruncF32U(-1f));
    assertEquals(Long.MIN_VALUE, Numerics.i64TruncF64S(-0x1p63));
    assertEquals(0x7FFF_FFFF_FFFF_FC00L, Numerics.i64TruncF64S(Math.nextDown(0x1p63)));
    traps(OVERFLOW, () -> Numerics.i64TruncF64S(Math.nextDown(-0x1p63)));
    traps(OVERFLOW, () -> Numerics.i64TruncF64S(0x1p63));
    assertEquals(0xFFFF_FFFF_FFFF_F800L, Numerics.i64TruncF64U(Math.nextDown(0x1p64)));
    assertEquals(Long.MIN_VALUE, Numerics.i64TruncF64U(0x1p63));
    traps(OVERFLOW, () -> Numerics.i64TruncF64U(0x1p64));
    traps(OVERFLOW, () -> Numerics.i64TruncF64U(-1.0));
    traps(INVALID, () -> Numerics.i64TruncF64U(Double.NaN));
    traps(INVALID, () -> Numerics.i64TruncF32U(Float.NaN));
  }

  @Test
  void saturatingConversionsClampAndMapNaNToZero() {
    assertEquals(Integer.MIN_VALUE, Numerics.i32TruncSatF32S(-2147483904.0f));
    assertEquals(Integer.MAX_VALUE, Numerics.i32TruncSatF32S(Float.POSITIVE_INFINITY));
    assertEquals(0, Numerics.i32TruncSatF32S(F32_SNAN));
    assertEquals(0, Numerics.i32TruncSatF32U(-1.0f));
    assertEquals(-1, Numerics.i32TruncSatF32U(4294967296.0f));
    assertEquals(0xFFFF_FF00, Numerics.i32TruncSatF32U(4294967040.0f));
    assertEquals(0, Numerics.i32TruncSatF32U(Float.NaN));
    assertEquals(Integer.MAX_VALUE, Numerics.i32TruncSatF64S(2147483648.0));
    assertEquals(Integer.MIN_VALUE, Numerics.i32TruncSatF64S(-2147483649.0));
    assertEquals(-1, Numerics.i32TruncSatF64U(1e300));
    assertEquals(0, Numerics.i32TruncSatF64U(Double.NEGATIVE_INFINITY));
    assertEquals(Long.MAX_VALUE, Numerics.i64TruncSatF32S(0x1p63f));
    assertEquals(Long.MIN_VALUE, Numerics.i64TruncSatF64S(Double.NEGATIVE_INFINITY));
    assertEquals(0, Numerics.i64TruncSatF64S(Double.NaN));
    assertEquals(-1L, Numerics.i64TruncSatF32U(0x1p64f));
    assertEquals(0xFFFF_FF00_0000_0000L, Numerics.i64TruncSatF32U(Math.nextDown(0x1p64f)));
    assertEquals(-1L, Numerics.i64TruncSatF64U(Double.POSITIVE_INFINITY));
    assertEquals(Long.MIN_VALUE, Numerics.i64TruncSatF64U(0x1p63));
    assertEquals(0, Numerics.i64TruncSatF64U(-0x1p63));
    // NaN compares false against everything: it must still give 0, not the 2^64-1 of "too big".
    assertEquals(0, Numerics.i64TruncSatF64U(Double.NaN));
    assertEquals(0, Numerics.i64TruncSatF64U(Double.longBitsToDouble(0xFFF8_0000_0000_0001L)));
    assertEquals(0, Numerics.i64TruncSatF32U(Float.NaN));
  }

  @Test
  void unsignedConversionsRoundOnceToNearestEven() {
    // Through double first, these would round twice and land on the wrong float.
    // 2^63 + half an ulp + 1: a double keeps 2^63 + half an ulp, a tie that then rounds down.
    assertEquals(0x1.000002p63f, Numerics.f32ConvertI64U(0x8000_0080_0000_0001L));
    assertEquals(0x1p63f, Numerics.f32ConvertI64U(0x8000_0080_0000_0000L)); // tie to even: down
    assertEquals(0x1.000004p63f, Numerics.f32ConvertI64U(0x8000_0180_0000_0000L)); // tie: up
    assertEquals(0x1p64f, Numerics.f32ConvertI64U(-1L));
    assertEquals(0x1.fffffep63f, Numerics.f32ConvertI64U(0xFFFF_FF7F_FFFF_FFFFL));
    assertEquals(0x1p64, Numerics.f64ConvertI64U(-1L));
    assertEquals(0x1.0000000000001p63, Numerics.f64ConvertI64U(0x8000_0000_0000_0401L));
    assertEquals(0x1.0000000000002p63, Numerics.f64ConvertI64U(0x8000_0000_0000_0C00L));
    assertEquals(0x1p63, Numerics.f64ConvertI64U(0x8000_0000_0000_0400L));
    assertEquals(4294967295.0, Numerics.f64ConvertI32U(-1));
    assertEquals(0x1p32f, Numerics.f32ConvertI32U(-1));
    assertEquals(0x1.fffffep31f, Numerics.f32ConvertI32U(0xFFFF_FF7F));
    // Signed: (float) long rounds once in Java; a double detour would not (0x20000020000001).
    assertEquals(9007200328482816f, Numerics.f32ConvertI64S(9007199791611905L));
    assertEquals(-9007200328482816f, Numerics.f32ConvertI64S(-9007199791611905L));
  }

  @Test
  void roundingKeepsSignAndQuietsNaN() {
    assertEquals(-0.0f, Numerics.f32Ceil(-0.5f));
    assertEquals(-0.0f, Numerics.f32Trunc(-0.9f));
    assertEquals(-0.0f, Numerics.f32Nearest(-0.5f));
    assertEquals(2.0f, Numerics.f32Nearest(2.5f));
    assertEquals(4.0f, Numerics.f32Nearest(3.5f));
    assertEquals(8388609f, Numerics.f32Nearest(8388609f));
    assertEquals(0.0f, Numerics.f32Nearest(0.49999997f));
    assertEquals(-1.0f, Numerics.f32Floor(-0.5f));
    assertEquals(-0.0, Numerics.f64Nearest(-0.5));
    assertEquals(0.0, Numerics.f64Nearest(0.49999999999999994));
    assertEquals(4503599627370497.0, Numerics.f64Nearest(4503599627370497.0));
    assertEquals(-0.0, Numerics.f64Sqrt(-0.0));
    for (float x : new float[] {F32_SNAN, Float.intBitsToFloat(0xFF80_0001)}) {
      int in = Float.floatToRawIntBits(x);
      int quiet = in | 0x0040_0000;
      assertEquals(quiet, Float.floatToRawIntBits(Numerics.f32Ceil(x)));
      assertEquals(quiet, Float.floatToRawIntBits(Numerics.f32Floor(x)));
      assertEquals(quiet, Float.floatToRawIntBits(Numerics.f32Trunc(x)));
      assertEquals(quiet, Float.floatToRawIntBits(Numerics.f32Nearest(x)));
      assertEquals(quiet, Float.floatToRawIntBits(Numerics.f32Sqrt(x)));
      assertEquals(quiet, Float.floatToRawIntBits(Numerics.f32Min(x, 1f)));
      assertEquals(quiet, Float.floatToRawIntBits(Numerics.f32Max(1f, x)));
    }
    long quiet = 0x7FFC_0000_0000_0000L;
    assertEquals(quiet, Double.doubleToRawLongBits(Numerics.f64Ceil(F64_SNAN)));
    assertEquals(quiet, Double.doubleToRawLongBits(Numerics.f64Floor(F64_SNAN)));
    assertEquals(quiet, Double.doubleToRawLongBits(Numerics.f64Trunc(F64_SNAN)));
    assertEquals(quiet, Double.doubleToRawLongBits(Numerics.f64Nearest(F64_SNAN)));
    assertEquals(quiet, Double.doubleToRawLongBits(Numerics.f64Sqrt(F64_SNAN)));
    assertEquals(quiet, Double.doubleToRawLongBits(Numerics.f64Min(0.0, F64_SNAN)));
    assertEquals(quiet, Double.doubleToRawLongBits(Numerics.f64Max(F64_SNAN, 0.0)));
  }

  @Test
  void squareRootOfNegativeIsCanonicalNaN() {
    assertEquals(0x7FC0_0000, Float.floatToRawIntBits(Numerics.f32Sqrt(-1f)) & 0x7FFF_FFFF);
    assertEquals(
        0x7FF8_0000_0000_0000L,
        Double.doubleToRawLongBits(Numerics.f64Sqrt(-1.0)) & Long.MAX_VALUE);
  }

  @Test
  void minMaxOrderSignedZeros() {
    assertEquals(0x8000_0000, Float.floatToRawIntBits(Numerics.f32Min(0.0f, -0.0f)));
    assertEquals(0x8000_0000, Float.floatToRawIntBits(Numerics.f32Min(-0.0f, 0.0f)));
    assertEquals(0, Float.floatToRawIntBits(Numerics.f32Max(-0.0f, 0.0f)));
    assertEquals(0x8000_0000, Float.floatToRawIntBits(Numerics.f32Max(-0.0f, -0.0f)));
    assertEquals(Long.MIN_VALUE, Double.doubleToRawLongBits(Numerics.f64Min(0.0, -0.0)));
    assertEquals(0, Double.doubleToRawLongBits(Numerics.f64Max(-0.0, 0.0)));
    assertEquals(-1.0f, Numerics.f32Min(-1.0f, Float.POSITIVE_INFINITY));
    assertEquals(Double.NEGATIVE_INFINITY, Numerics.f64Min(-1.0, Double.NEGATIVE_INFINITY));
    // A canonical NaN operand stays canonical.
    assertEquals(0x7FC0_0000, Float.floatToRawIntBits(Numerics.f32Max(Float.NaN, 1f)));
  }

  @Test
  void integerDivision() {
    traps("integer divide by zero", () -> Numerics.i32DivS(1, 0));
    traps("integer divide by zero", () -> Numerics.i32DivU(1, 0));
    traps("integer divide by zero", () -> Numerics.i32RemS(1, 0));
    traps("integer divide by zero", () -> Numerics.i32RemU(1, 0));
    traps("integer divide by zero", () -> Numerics.i64DivS(1, 0));
    traps("integer divide by zero", () -> Numerics.i64DivU(1, 0));
    traps("integer divide by zero", () -> Numerics.i64RemS(1, 0));
    traps("integer divide by zero", () -> Numerics.i64RemU(1, 0));
    traps(OVERFLOW, () -> Numerics.i32DivS(Integer.MIN_VALUE, -1));
    traps(OVERFLOW, () -> Numerics.i64DivS(Long.MIN_VALUE, -1));
    assertEquals(0, Numerics.i32RemS(Integer.MIN_VALUE, -1));
    assertEquals(0, Numerics.i64RemS(Long.MIN_VALUE, -1));
    assertEquals(-2, Numerics.i32DivS(-7, 3)); // truncates toward zero
    assertEquals(-1, Numerics.i32RemS(-7, 3)); // sign of the dividend
    assertEquals(0x7FFF_FFFF, Numerics.i32DivU(-1, 2));
    assertEquals(1, Numerics.i32RemU(-1, 2));
    assertEquals(0x7FFF_FFFF_FFFF_FFFFL, Numerics.i64DivU(-1L, 2));
    assertEquals(1, Numerics.i64RemU(-1L, 7)); // 2^64 - 1 = 7 * 2635249153387078802 + 1
  }

  @Test
  void unsignedTruncRoundTripsLargeValues() {
    DoubleToLongFunction f = Numerics::i64TruncF64U;
    assertEquals(0x8000_0000_0000_0800L, f.applyAsLong(0x1.0000000000001p63));
    assertEquals(0xF000_0000_0000_0000L, f.applyAsLong(0x1.ep63));
  }
}

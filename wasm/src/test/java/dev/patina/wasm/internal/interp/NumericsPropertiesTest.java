package dev.patina.wasm.internal.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.patina.wasm.TrapException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link Numerics} against exact models: BigDecimal for truncation and rounding, a hand-written
 * round-half-even of BigIntegers for the integer-to-float conversions (it does not use any Java
 * conversion that could share a bug), squares of neighbouring midpoints for sqrt, BigInteger for
 * division. Inputs lean on edge values: NaNs, boundaries of every conversion and rounding ties.
 */
class NumericsPropertiesTest {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  // ---------------------------------------------------------------------------------------------
  // Generators

  @Provide
  Arbitrary<Float> floats() {
    List<Integer> special = Arrays.stream(SpecialValues.F32).boxed().toList();
    return Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers()),
            Tuple.of(2, Arbitraries.of(special)),
            Tuple.of(
                3,
                Combinators.combine(Arbitraries.of(special), Arbitraries.integers().between(-3, 3))
                    .as(Integer::sum)),
            Tuple.of(
                2,
                Arbitraries.integers()
                    .between(-(1 << 23), 1 << 23)
                    .map(k -> Float.floatToRawIntBits(k + 0.5f))))
        .map(Float::intBitsToFloat);
  }

  @Provide
  Arbitrary<Double> doubles() {
    List<Long> special = Arrays.stream(SpecialValues.F64).boxed().toList();
    return Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.longs()),
            Tuple.of(2, Arbitraries.of(special)),
            Tuple.of(
                3,
                Combinators.combine(Arbitraries.of(special), Arbitraries.longs().between(-3, 3))
                    .as(Long::sum)),
            Tuple.of(
                2,
                Arbitraries.longs()
                    .between(-(1L << 52), 1L << 52)
                    .map(k -> Double.doubleToRawLongBits(k + 0.5))))
        .map(Double::longBitsToDouble);
  }

  /** Longs including exact and near rounding ties for 24- and 53-bit significands. */
  @Provide
  Arbitrary<Long> longs() {
    Arbitrary<Long> ties =
        Combinators.combine(
                Arbitraries.integers().between(0, 63),
                Arbitraries.of(24, 53),
                Arbitraries.longs(),
                Arbitraries.integers().between(-2, 2))
            .as(
                (top, bits, random, delta) -> {
                  if (top < bits) {
                    return random;
                  }
                  int dropped = top + 1 - bits;
                  long head = (random | 1L << 62) >>> (63 - top) >>> dropped << dropped;
                  return head + (1L << (dropped - 1)) + delta; // the midpoint, or next to it
                });
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs()),
        Tuple.of(3, ties),
        Tuple.of(1, Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)));
  }

  // ---------------------------------------------------------------------------------------------
  // Models

  /** v rounded to nearest, ties to even, to a significand of {@code precision} bits. */
  private static BigInteger roundHalfEven(BigInteger v, int precision) {
    BigInteger magnitude = v.abs();
    int drop = magnitude.bitLength() - precision;
    if (drop <= 0) {
      return v;
    }
    BigInteger q = magnitude.shiftRight(drop);
    BigInteger rest = magnitude.subtract(q.shiftLeft(drop));
    int cmp = rest.compareTo(BigInteger.ONE.shiftLeft(drop - 1));
    if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
      q = q.add(BigInteger.ONE);
    }
    BigInteger r = q.shiftLeft(drop);
    return v.signum() < 0 ? r.negate() : r;
  }

  /** An integer that is exactly a float, as that float. */
  private static float exactFloat(BigInteger v) {
    return new BigDecimal(v).floatValue();
  }

  private static BigInteger unsigned(long x) {
    return new BigInteger(Long.toUnsignedString(x));
  }

  /** trunc(x) if it lies in [min, max], else the spec's trap message. */
  private static Object truncModel(double x, BigInteger min, BigInteger max) {
    if (Double.isNaN(x)) {
      return "invalid conversion to integer";
    }
    if (Double.isInfinite(x)) {
      return "integer overflow";
    }
    BigInteger t = new BigDecimal(x).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    return t.compareTo(min) < 0 || t.compareTo(max) > 0 ? "integer overflow" : t;
  }

  private static BigInteger satModel(double x, BigInteger min, BigInteger max) {
    if (Double.isNaN(x)) {
      return BigInteger.ZERO;
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? max : min;
    }
    BigInteger t = new BigDecimal(x).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    return t.max(min).min(max);
  }

  private static Object actual(LongSupplier f, boolean wide, boolean unsigned) {
    try {
      long v = f.getAsLong();
      if (!wide) {
        v = unsigned ? Integer.toUnsignedLong((int) v) : (int) v;
      }
      return unsigned && wide ? unsigned(v) : BigInteger.valueOf(v);
    } catch (TrapException e) {
      return e.reason();
    }
  }

  private static final BigInteger I32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger I32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger U32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
  private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger I64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger U64_MAX = TWO_64.subtract(BigInteger.ONE);

  // ---------------------------------------------------------------------------------------------
  // Conversions

  @Property(tries = 3000)
  void truncF32MatchesModel(@ForAll("floats") float x) {
    assertEquals(
        truncModel(x, I32_MIN, I32_MAX), actual(() -> Numerics.i32TruncF32S(x), false, false));
    assertEquals(
        truncModel(x, BigInteger.ZERO, U32_MAX),
        actual(() -> Numerics.i32TruncF32U(x), false, true));
    assertEquals(
        truncModel(x, I64_MIN, I64_MAX), actual(() -> Numerics.i64TruncF32S(x), true, false));
    assertEquals(
        truncModel(x, BigInteger.ZERO, U64_MAX),
        actual(() -> Numerics.i64TruncF32U(x), true, true));
    assertEquals(
        satModel(x, I32_MIN, I32_MAX), actual(() -> Numerics.i32TruncSatF32S(x), false, false));
    assertEquals(
        satModel(x, BigInteger.ZERO, U32_MAX),
        actual(() -> Numerics.i32TruncSatF32U(x), false, true));
    assertEquals(
        satModel(x, I64_MIN, I64_MAX), actual(() -> Numerics.i64TruncSatF32S(x), true, false));
    assertEquals(
        satModel(x, BigInteger.ZERO, U64_MAX),
        actual(() -> Numerics.i64TruncSatF32U(x), true, true));
  }

  @Property(tries = 3000)
  void truncF64MatchesModel(@ForAll("doubles") double x) {
    assertEquals(
        truncModel(x, I32_MIN, I32_MAX), actual(() -> Numerics.i32TruncF64S(x), false, false));
    assertEquals(
        truncModel(x, BigInteger.ZERO, U32_MAX),
        actual(() -> Numerics.i32TruncF64U(x), false, true));
    assertEquals(
        truncModel(x, I64_MIN, I64_MAX), actual(() -> Numerics.i64TruncF64S(x), true, false));
    assertEquals(
        truncModel(x, BigInteger.ZERO, U64_MAX),
        actual(() -> Numerics.i64TruncF64U(x), true, true));
    assertEquals(
        satModel(x, I32_MIN, I32_MAX), actual(() -> Numerics.i32TruncSatF64S(x), false, false));
    assertEquals(
        satModel(x, BigInteger.ZERO, U32_MAX),
        actual(() -> Numerics.i32TruncSatF64U(x), false, true));
    assertEquals(
        satModel(x, I64_MIN, I64_MAX), actual(() -> Numerics.i64TruncSatF64S(x), true, false));
    assertEquals(
        satModel(x, BigInteger.ZERO, U64_MAX),
        actual(() -> Numerics.i64TruncSatF64U(x), true, true));
  }

  @Property(tries = 3000)
  void integerToFloatRoundsOnceHalfEven(@ForAll("longs") long x) {
    BigInteger u = unsigned(x);
    BigInteger s = BigInteger.valueOf(x);
    assertEquals(exactFloat(roundHalfEven(u, 24)), Numerics.f32ConvertI64U(x));
    assertEquals(exactFloat(roundHalfEven(s, 24)), Numerics.f32ConvertI64S(x));
    assertEquals(new BigDecimal(roundHalfEven(u, 53)).doubleValue(), Numerics.f64ConvertI64U(x));
    BigInteger u32 = BigInteger.valueOf(Integer.toUnsignedLong((int) x));
    assertEquals(exactFloat(roundHalfEven(u32, 24)), Numerics.f32ConvertI32U((int) x));
    assertEquals(u32.doubleValue(), Numerics.f64ConvertI32U((int) x));
  }

  // ---------------------------------------------------------------------------------------------
  // Rounding, sqrt, min/max

  private static float roundModel(float x, RoundingMode mode) {
    if (Float.isNaN(x) || Float.isInfinite(x)) {
      return x;
    }
    BigInteger r = new BigDecimal(x).setScale(0, mode).toBigIntegerExact();
    return r.signum() == 0 ? Math.copySign(0f, x) : exactFloat(r);
  }

  private static double roundModel(double x, RoundingMode mode) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    BigInteger r = new BigDecimal(x).setScale(0, mode).toBigIntegerExact();
    return r.signum() == 0 ? Math.copySign(0.0, x) : new BigDecimal(r).doubleValue();
  }

  /** Bit-exact for numbers; for NaN, a quiet NaN that keeps canonical payloads canonical. */
  private static void assertF32(float want, float got, float nanOperand) {
    int g = Float.floatToRawIntBits(got);
    if (Float.isNaN(want)) {
      assertTrue(
          (g & 0x7FC0_0000) == 0x7FC0_0000, () -> "not a quiet NaN: " + Integer.toHexString(g));
      int in = Float.floatToRawIntBits(nanOperand) & 0x7FFF_FFFF;
      if (!Float.isNaN(nanOperand) || in == 0x7FC0_0000) {
        assertEquals(0x7FC0_0000, g & 0x7FFF_FFFF, "not canonical");
      }
    } else {
      assertEquals(Float.floatToRawIntBits(want), g, () -> want + " vs " + got);
    }
  }

  private static void assertF64(double want, double got, double nanOperand) {
    long g = Double.doubleToRawLongBits(got);
    if (Double.isNaN(want)) {
      long quiet = 0x7FF8_0000_0000_0000L;
      assertTrue((g & quiet) == quiet, () -> "not a quiet NaN: " + Long.toHexString(g));
      long in = Double.doubleToRawLongBits(nanOperand) & Long.MAX_VALUE;
      if (!Double.isNaN(nanOperand) || in == quiet) {
        assertEquals(quiet, g & Long.MAX_VALUE, "not canonical");
      }
    } else {
      assertEquals(Double.doubleToRawLongBits(want), g, () -> want + " vs " + got);
    }
  }

  @Property(tries = 3000)
  void f32RoundingMatchesModel(@ForAll("floats") float x) {
    assertF32(roundModel(x, RoundingMode.CEILING), Numerics.f32Ceil(x), x);
    assertF32(roundModel(x, RoundingMode.FLOOR), Numerics.f32Floor(x), x);
    assertF32(roundModel(x, RoundingMode.DOWN), Numerics.f32Trunc(x), x);
    assertF32(roundModel(x, RoundingMode.HALF_EVEN), Numerics.f32Nearest(x), x);
  }

  @Property(tries = 3000)
  void f64RoundingMatchesModel(@ForAll("doubles") double x) {
    assertF64(roundModel(x, RoundingMode.CEILING), Numerics.f64Ceil(x), x);
    assertF64(roundModel(x, RoundingMode.FLOOR), Numerics.f64Floor(x), x);
    assertF64(roundModel(x, RoundingMode.DOWN), Numerics.f64Trunc(x), x);
    assertF64(roundModel(x, RoundingMode.HALF_EVEN), Numerics.f64Nearest(x), x);
  }

  /**
   * r is the correctly rounded square root of x when x lies between the squares of the midpoints
   * from r to its neighbours (a tie cannot happen: a midpoint's square is never a float).
   */
  @Property(tries = 3000)
  void f32SqrtIsCorrectlyRounded(@ForAll("floats") float x) {
    float r = Numerics.f32Sqrt(x);
    if (Float.isNaN(x) || x < 0) {
      assertF32(Float.NaN, r, x);
      return;
    }
    if (x == 0 || Float.isInfinite(x)) {
      assertEquals(Float.floatToRawIntBits(x), Float.floatToRawIntBits(r));
      return;
    }
    BigDecimal v = new BigDecimal(x);
    BigDecimal below =
        new BigDecimal(r).add(new BigDecimal(Math.nextDown(r))).divide(BigDecimal.TWO);
    BigDecimal above = new BigDecimal(r).add(new BigDecimal(Math.nextUp(r))).divide(BigDecimal.TWO);
    if (below.multiply(below).compareTo(v) > 0 || above.multiply(above).compareTo(v) < 0) {
      fail("sqrt(" + x + ") = " + r + " is not correctly rounded");
    }
  }

  @Property(tries = 2000)
  void minMaxMatchModel(@ForAll("floats") float a, @ForAll("floats") float b) {
    float nanOperand =
        Float.isNaN(a) && (Float.floatToRawIntBits(a) & 0x7FFF_FFFF) != 0x7FC0_0000 ? a : b;
    if (Float.isNaN(a) || Float.isNaN(b)) {
      assertF32(Float.NaN, Numerics.f32Min(a, b), nanOperand);
      assertF32(Float.NaN, Numerics.f32Max(a, b), nanOperand);
      return;
    }
    // Orders -0 below +0 by comparing 1/x for zeros; otherwise the usual order.
    boolean aBelow = a < b || (a == b && Float.floatToRawIntBits(a) < 0);
    assertF32(aBelow ? a : b, Numerics.f32Min(a, b), a);
    assertF32(aBelow ? b : a, Numerics.f32Max(a, b), a);
    double x = a * 1e200;
    double y = b * 1e-200;
    boolean xBelow = x < y || (x == y && Double.doubleToRawLongBits(x) < 0);
    assertF64(xBelow ? x : y, Numerics.f64Min(x, y), x);
    assertF64(xBelow ? y : x, Numerics.f64Max(x, y), x);
  }

  // ---------------------------------------------------------------------------------------------
  // Division

  private static Object div(BigInteger a, BigInteger b, boolean rem, BigInteger max) {
    if (b.signum() == 0) {
      return "integer divide by zero";
    }
    BigInteger q = rem ? a.remainder(b) : a.divide(b);
    return q.compareTo(max) > 0 ? "integer overflow" : q;
  }

  @Property(tries = 2000)
  void divisionMatchesBigInteger(@ForAll("longs") long x, @ForAll("longs") long y) {
    int i = (int) x;
    int j = (int) (y % 5 == 0 ? y >> 40 : y); // small and zero divisors too
    BigInteger si = BigInteger.valueOf(i);
    BigInteger sj = BigInteger.valueOf(j);
    BigInteger ui = BigInteger.valueOf(Integer.toUnsignedLong(i));
    BigInteger uj = BigInteger.valueOf(Integer.toUnsignedLong(j));
    assertEquals(div(si, sj, false, I32_MAX), actual(() -> Numerics.i32DivS(i, j), false, false));
    assertEquals(div(si, sj, true, I32_MAX), actual(() -> Numerics.i32RemS(i, j), false, false));
    assertEquals(div(ui, uj, false, U32_MAX), actual(() -> Numerics.i32DivU(i, j), false, true));
    assertEquals(div(ui, uj, true, U32_MAX), actual(() -> Numerics.i32RemU(i, j), false, true));
    long k = y % 7 == 0 ? y >> 50 : y;
    BigInteger sx = BigInteger.valueOf(x);
    BigInteger sk = BigInteger.valueOf(k);
    assertEquals(div(sx, sk, false, I64_MAX), actual(() -> Numerics.i64DivS(x, k), true, false));
    assertEquals(div(sx, sk, true, I64_MAX), actual(() -> Numerics.i64RemS(x, k), true, false));
    assertEquals(
        div(unsigned(x), unsigned(k), false, U64_MAX),
        actual(() -> Numerics.i64DivU(x, k), true, true));
    assertEquals(
        div(unsigned(x), unsigned(k), true, U64_MAX),
        actual(() -> Numerics.i64RemU(x, k), true, true));
  }
}

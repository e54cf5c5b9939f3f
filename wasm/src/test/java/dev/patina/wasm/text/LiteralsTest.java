package dev.patina.wasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LiteralsTest {
  private static int f32(String s) {
    return Literals.parseF32(s);
  }

  private static long f64(String s) {
    return Literals.parseF64(s);
  }

  @Test
  void integersAcceptSignedAndUnsignedRanges() {
    assertEquals(0xFFFFFFFFL, Literals.parseInt("0xffff_ffff", 32));
    assertEquals(0xFFFFFFFFL, Literals.parseInt("4294967295", 32));
    assertEquals(0x80000000L, Literals.parseInt("-2147483648", 32));
    assertEquals(0xFFFFFFFFL, Literals.parseInt("-1", 32));
    assertEquals(0x80000000L, Literals.parseInt("-0x8000_0000", 32));
    assertEquals(-1L, Literals.parseInt("18446744073709551615", 64));
    assertEquals(Long.MIN_VALUE, Literals.parseInt("-9223372036854775808", 64));
    assertEquals(0x80L, Literals.parseInt("-128", 8));
    assertEquals(0xFFL, Literals.parseInt("255", 8));
    assertEquals(1L, Literals.parseInt("+1", 32));
  }

  @Test
  void integersOutOfRangeAreRejected() {
    assertThrows(Literals.OutOfRange.class, () -> Literals.parseInt("4294967296", 32));
    assertThrows(Literals.OutOfRange.class, () -> Literals.parseInt("-2147483649", 32));
    assertThrows(Literals.OutOfRange.class, () -> Literals.parseInt("0x1_0000_0000", 32));
    assertThrows(Literals.OutOfRange.class, () -> Literals.parseInt("18446744073709551616", 64));
    assertThrows(Literals.OutOfRange.class, () -> Literals.parseInt("0x1_0000_0000_0000_0000", 64));
    assertThrows(Literals.OutOfRange.class, () -> Literals.parseInt("-9223372036854775809", 64));
    assertThrows(Literals.OutOfRange.class, () -> Literals.parseInt("256", 8));
    assertThrows(Literals.OutOfRange.class, () -> Literals.parseInt("-129", 8));
    assertThrows(Literals.OutOfRange.class, () -> Literals.parseNat("-1", 0xFFFFFFFFL));
  }

  @Test
  void specialFloats() {
    assertEquals(0x7F800000, f32("inf"));
    assertEquals(0xFF800000, f32("-inf"));
    assertEquals(0x7FC00000, f32("nan"));
    assertEquals(0xFFC00000, f32("-nan"));
    assertEquals(0x7F800001, f32("nan:0x1"));
    assertEquals(0x7FFFFFFF, f32("+nan:0x7f_ffff"));
    assertEquals(0xFFA00000, f32("-nan:0x200000"));
    assertEquals(0x7FF8000000000000L, f64("nan"));
    assertEquals(0x7FF0000000000001L, f64("nan:0x1"));
    assertEquals(0xFFF4000000000000L, f64("-nan:0x4000000000000"));
    assertEquals(0x80000000, f32("-0"));
    assertEquals(0x80000000, f32("-0x0p+0"));
    assertEquals(0x8000000000000000L, f64("-0.0"));
    assertThrows(Literals.OutOfRange.class, () -> f32("nan:0x0"));
    assertThrows(Literals.OutOfRange.class, () -> f32("nan:0x800000"));
    assertThrows(Literals.OutOfRange.class, () -> f64("nan:0x10000000000000"));
  }

  /** Hexadecimal cases from const.wast: ties at the 24th significant bit round to even. */
  @Test
  void hexF32RoundsToNearestEven() {
    assertEquals(0x26800000, f32("+0x1.00000100000000000p-50"));
    assertEquals(0x26800001, f32("+0x1.00000100000000001p-50"));
    assertEquals(0x26800001, f32("+0x1.000001fffffffffffp-50"));
    assertEquals(0x26800001, f32("+0x1.000002p-50"));
    assertEquals(0x26800002, f32("+0x1.000003p-50"));
    assertEquals(0xA6800000, f32("-0x1.00000100000000000p-50"));
    assertEquals(0x7F7FFFFF, f32("0x1.fffffep127"));
    assertEquals(0x7F7FFFFF, f32("0x1.fffffefffffffffffp127"));
    assertThrows(Literals.OutOfRange.class, () -> f32("0x1.ffffffp127"));
    assertThrows(Literals.OutOfRange.class, () -> f32("0x1p128"));
  }

  /** Decimal ties: a detour through double would round twice and get these wrong. */
  @Test
  void decimalF32AvoidsDoubleRounding() {
    assertEquals(0x3F800000, f32("1.000000059604644775390625")); // exactly 1 + 2^-24: a tie
    assertEquals(0x3F800001, f32("1.000000059604644775390626")); // just above the tie
    assertEquals(0x3F800001, f32("1.00000017881393432617187499")); // just below 1 + 3*2^-24
    assertEquals(0x3F800002, f32("1.000000178813934326171875")); // the tie itself: even
    assertEquals(0x3F800001, f32("+1.00000005960464477550")); // const.wast: above the tie
  }

  @Test
  void subnormalsAndUnderflow() {
    assertEquals(0x00000001, f32("0x1p-149"));
    assertEquals(0x00000000, f32("0x1p-150")); // a tie with zero: even
    assertEquals(0x00000001, f32("0x1.000001p-150"));
    assertEquals(0x00800000, f32("0x1p-126"));
    assertEquals(0x007FFFFF, f32("0x1.fffffcp-127"));
    assertEquals(0x00000000, f32("1e-50"));
    assertEquals(0x80000000, f32("-1e-50"));
    assertEquals(1L, f64("0x1p-1074"));
    assertEquals(1L, f64("4.9406564584124654e-324"));
    assertEquals(0L, f64("2.4703282292062327e-324")); // just below half the smallest
    assertEquals(0x0010000000000000L, f64("0x1.fffffffffffffp-1023")); // a tie: rounds up
    assertEquals(0x000FFFFFFFFFFFFFL, f64("2.2250738585072009e-308"));
  }

  @Test
  void largeValues() {
    assertEquals(0x7F7FFFFF, f32("3.4028234663852886e+38"));
    assertEquals(0x7F7FFFFF, f32("340282356779733661637539395458142568447"));
    assertThrows(Literals.OutOfRange.class, () -> f32("340282356779733661637539395458142568448"));
    assertEquals(0x7FEFFFFFFFFFFFFFL, f64("1.7976931348623157e308"));
    assertEquals(0x7FEFFFFFFFFFFFFFL, f64("0x1.fffffffffffffp1023"));
    assertThrows(Literals.OutOfRange.class, () -> f64("1.7976931348623159e308"));
    assertThrows(Literals.OutOfRange.class, () -> f64("0x1.fffffffffffff8p1023"));
    assertThrows(Literals.OutOfRange.class, () -> f64("1e1000000000000"));
    assertEquals(0L, f64("1e-1000000000000"));
  }

  @Test
  void formsAndSeparators() {
    assertEquals(Float.floatToRawIntBits(1000.5f), f32("1_000.5"));
    assertEquals(Float.floatToRawIntBits(12f), f32("0x1.8p3"));
    assertEquals(Float.floatToRawIntBits(12f), f32("0x1.8P+3"));
    assertEquals(Float.floatToRawIntBits(255f), f32("0xff"));
    assertEquals(Float.floatToRawIntBits(1f), f32("1."));
    assertEquals(Float.floatToRawIntBits(1e10f), f32("1E10"));
    assertEquals(Double.doubleToRawLongBits(0.1), f64("0.1"));
    assertEquals(Double.doubleToRawLongBits(1e-7), f64("0.000_000_1"));
    assertEquals(Double.doubleToRawLongBits(-0x1.2345p-3), f64("-0x1.2345p-3"));
    String many = "1." + "0".repeat(2000) + "1";
    assertEquals(Double.doubleToRawLongBits(1.0), f64(many));
  }

  /** Decimal literals of float_literals.wast with the bit patterns its assertions expect. */
  @Test
  void floatLiteralsFromTheSpecSuite() {
    assertEquals(0x40C90FDB, f32("6.28318548202514648"));
    assertEquals(0x00000001, f32("1.4013e-45"));
    assertEquals(0x00800000, f32("1.1754944e-38"));
    assertEquals(0x007FFFFF, f32("1.1754942e-38"));
    assertEquals(0x7F7FFFFF, f32("3.4028234e+38"));
    assertEquals(0x501502F9, f32("1.e10"));
    assertEquals(0x3F800001, f32("1.000000119"));
    assertEquals(0x4640E400, f32("12345"));
    assertEquals(0x401921FB54442D18L, f64("6.28318530717958623"));
    assertEquals(0x0000000000000001L, f64("4.94066e-324"));
    assertEquals(0x0010000000000000L, f64("2.2250738585072012e-308"));
    assertEquals(0x000FFFFFFFFFFFFFL, f64("2.2250738585072011e-308"));
    assertEquals(0x7FEFFFFFFFFFFFFFL, f64("1.7976931348623157e+308"));
    assertEquals(0x54B249AD2594C37DL, f64("1.e100"));
    assertEquals(0x3FF000001FF19E24L, f64("1.000000119"));
    assertEquals(0x40C81C8000000000L, f64("12345"));
  }

  // ---- Properties: results are the correctly rounded values ------------------------------------

  @Property(tries = 1500)
  void decimalF64IsCorrectlyRounded(@ForAll("decimals") String s) {
    long bits;
    try {
      bits = f64(s);
    } catch (Literals.OutOfRange e) {
      assertTrue(new BigDecimal(s).abs().compareTo(new BigDecimal(Double.MAX_VALUE)) > 0);
      return;
    }
    assertNearest(new BigDecimal(s), Double.longBitsToDouble(bits), true);
  }

  @Property(tries = 1500)
  void decimalF32IsCorrectlyRounded(@ForAll("decimals") String s) {
    int bits;
    try {
      bits = f32(s);
    } catch (Literals.OutOfRange e) {
      assertTrue(new BigDecimal(s).abs().compareTo(new BigDecimal(Float.MAX_VALUE)) > 0);
      return;
    }
    assertNearest(new BigDecimal(s), Float.intBitsToFloat(bits), false);
  }

  @Property(tries = 1500)
  void hexF32IsCorrectlyRounded(@ForAll("hexes") String s) {
    BigDecimal exact = hexValue(s);
    int bits;
    try {
      bits = f32(s);
    } catch (Literals.OutOfRange e) {
      assertTrue(exact.abs().compareTo(new BigDecimal(Float.MAX_VALUE)) > 0);
      return;
    }
    assertNearest(exact, Float.intBitsToFloat(bits), false);
  }

  @Property(tries = 1500)
  void hexF64IsCorrectlyRounded(@ForAll("hexes") String s) {
    BigDecimal exact = hexValue(s);
    long bits;
    try {
      bits = f64(s);
    } catch (Literals.OutOfRange e) {
      assertTrue(exact.abs().compareTo(new BigDecimal(Double.MAX_VALUE)) > 0);
      return;
    }
    assertNearest(exact, Double.longBitsToDouble(bits), true);
  }

  /** {@code r} is a nearest representable value to {@code v}, and even if {@code v} is a tie. */
  private static void assertNearest(BigDecimal v, double r, boolean isDouble) {
    double up = isDouble ? Math.nextUp(r) : Math.nextUp((float) r);
    double down = isDouble ? Math.nextDown(r) : Math.nextDown((float) r);
    BigDecimal d = v.subtract(new BigDecimal(r)).abs();
    int cmpUp = Double.isInfinite(up) ? -1 : d.compareTo(v.subtract(new BigDecimal(up)).abs());
    int cmpDown =
        Double.isInfinite(down) ? -1 : d.compareTo(v.subtract(new BigDecimal(down)).abs());
    assertTrue(cmpUp <= 0 && cmpDown <= 0, () -> v + " rounded to " + r);
    if (cmpUp == 0 || cmpDown == 0) {
      long mantissa = isDouble ? Double.doubleToRawLongBits(r) : Float.floatToRawIntBits((float) r);
      assertEquals(0, mantissa & 1, () -> v + " is a tie, rounded to odd " + r);
    }
  }

  private static BigDecimal hexValue(String s) {
    boolean negative = s.startsWith("-");
    String t = s.substring(negative ? 3 : 2);
    int p = t.indexOf('p');
    String mantissa = t.substring(0, p);
    int exp = Integer.parseInt(t.substring(p + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa.replace(".", "");
    exp -= 4 * (mantissa.length() - dot - 1);
    BigDecimal m = new BigDecimal(new BigInteger(digits, 16));
    BigDecimal scale = new BigDecimal(BigInteger.TWO.pow(Math.abs(exp)));
    BigDecimal v = exp >= 0 ? m.multiply(scale) : m.divide(scale);
    return negative ? v.negate() : v;
  }

  @Provide
  Arbitrary<String> decimals() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30);
    Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(30);
    Arbitrary<Integer> exponent = Arbitraries.integers().between(-340, 320);
    return Combinators.combine(digits, fraction, exponent, Arbitraries.of("", "-"))
        .as((d, f, e, sign) -> sign + d + "." + f + "e" + e);
  }

  @Provide
  Arbitrary<String> hexes() {
    Arbitrary<String> digits =
        Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(1).ofMaxLength(20);
    Arbitrary<String> fraction =
        Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(0).ofMaxLength(20);
    Arbitrary<Integer> exponent = Arbitraries.integers().between(-1200, 1100);
    return Combinators.combine(digits, fraction, exponent, Arbitraries.of("", "-"))
        .as((d, f, e, sign) -> sign + "0x" + d + "." + f + "p" + e);
  }
}

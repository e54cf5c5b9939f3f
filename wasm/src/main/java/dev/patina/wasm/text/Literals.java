package dev.patina.wasm.text;

import java.math.BigInteger;

/**
 * Values of numeric literals. Integers accept both signed and unsigned readings of their width
 * ({@code i32}: -2^31 to 2^32-1). Floats are rounded exactly once, to nearest-even, directly to the
 * target width (decimal and hexadecimal alike), so {@code f32} literals never suffer the double
 * rounding of going through {@code double}. A literal out of range (including a float that rounds
 * to infinity) throws {@link OutOfRange}; the caller turns it into a located error.
 */
final class Literals {
  /** The literal does not fit its type. */
  static final class OutOfRange extends RuntimeException {
    OutOfRange() {
      super("constant out of range", null, false, false);
    }
  }

  private Literals() {}

  /** An integer of {@code bits} (8, 16, 32 or 64) from a nat or int token, as its bit pattern. */
  static long parseInt(String s, int bits) {
    boolean negative = false;
    int i = 0;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    long magnitude = parseUnsigned(s, i);
    if (negative) {
      // -2^(bits-1) is the most negative value; compare magnitudes unsigned.
      if (Long.compareUnsigned(magnitude, 1L << (bits - 1)) > 0) {
        throw new OutOfRange();
      }
      long v = -magnitude;
      return bits == 64 ? v : v & ((1L << bits) - 1);
    }
    if (bits < 64 && Long.compareUnsigned(magnitude, (1L << bits) - 1) > 0) {
      throw new OutOfRange();
    }
    return magnitude;
  }

  /** An unsigned integer (nat token) no greater than {@code max} (unsigned). */
  static long parseNat(String s, long max) {
    if (s.startsWith("-") || s.startsWith("+")) {
      throw new OutOfRange();
    }
    long v = parseUnsigned(s, 0);
    if (Long.compareUnsigned(v, max) > 0) {
      throw new OutOfRange();
    }
    return v;
  }

  /** Digits (decimal or {@code 0x} hex, with underscores) as an unsigned 64-bit value. */
  private static long parseUnsigned(String s, int i) {
    boolean hex = s.startsWith("0x", i);
    if (hex) {
      i += 2;
    }
    if (i >= s.length()) {
      throw new OutOfRange();
    }
    long v = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '_') {
        continue;
      }
      int d = Lexer.hexValue((byte) c);
      if (d < 0 || (!hex && d > 9)) {
        throw new OutOfRange();
      }
      if (hex) {
        if ((v >>> 60) != 0) {
          throw new OutOfRange();
        }
        v = (v << 4) | d;
      } else {
        // v * 10 + d must stay below 2^64.
        if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
          throw new OutOfRange();
        }
        long next = v * 10 + d;
        if (Long.compareUnsigned(next, v * 10) < 0) {
          throw new OutOfRange();
        }
        v = next;
      }
    }
    return v;
  }

  /** An {@code f32} literal as its bit pattern. */
  static int parseF32(String s) {
    return (int) parseFloat(s, FloatFormat.F32);
  }

  /** An {@code f64} literal as its bit pattern. */
  static long parseF64(String s) {
    return parseFloat(s, FloatFormat.F64);
  }

  /** An IEEE binary interchange format: significand precision and exponent range. */
  enum FloatFormat {
    F32(24, -126, 127),
    F64(53, -1022, 1023);

    final int precision;
    final int minExponent;
    final int maxExponent;

    FloatFormat(int precision, int minExponent, int maxExponent) {
      this.precision = precision;
      this.minExponent = minExponent;
      this.maxExponent = maxExponent;
    }

    long signBit() {
      return 1L << (precision - 1 + exponentBits());
    }

    int exponentBits() {
      return this == F32 ? 8 : 11;
    }

    long exponentMask() {
      return ((1L << exponentBits()) - 1) << (precision - 1);
    }

    long mantissaMask() {
      return (1L << (precision - 1)) - 1;
    }
  }

  static long parseFloat(String s, FloatFormat f) {
    boolean negative = false;
    int i = 0;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i).replace("_", "");
    long bits;
    if (body.equals("inf")) {
      bits = f.exponentMask();
    } else if (body.equals("nan")) {
      bits = f.exponentMask() | (1L << (f.precision - 2));
    } else if (body.startsWith("nan:0x")) {
      long payload = parseUnsigned(body, 4);
      if (payload == 0 || Long.compareUnsigned(payload, f.mantissaMask()) > 0) {
        throw new OutOfRange();
      }
      bits = f.exponentMask() | payload;
    } else if (body.startsWith("0x")) {
      bits = hexFloat(body, f);
    } else {
      bits = decimalFloat(body, f);
    }
    return negative ? bits | f.signBit() : bits;
  }

  private static final double[] POW10 = new double[23];
  private static final float[] POW10F = new float[11];

  static {
    double d = 1;
    for (int k = 0; k < POW10.length; k++) {
      POW10[k] = d;
      d *= 10;
    }
    float g = 1;
    for (int k = 0; k < POW10F.length; k++) {
      POW10F[k] = g;
      g *= 10;
    }
  }

  /** Significant digits kept exactly; enough for correct rounding of any double (768 needed). */
  private static final int MAX_DIGITS = 800;

  private static long decimalFloat(String s, FloatFormat f) {
    int exp = s.indexOf('e');
    if (exp < 0) {
      exp = s.indexOf('E');
    }
    String mantissa = exp < 0 ? s : s.substring(0, exp);
    long e10 = exp < 0 ? 0 : parseExponent(s.substring(exp + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa;
    if (dot >= 0) {
      digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
      e10 -= mantissa.length() - dot - 1;
    }
    int first = 0;
    while (first < digits.length() && digits.charAt(first) == '0') {
      first++;
    }
    digits = digits.substring(first);
    if (digits.isEmpty()) {
      return 0;
    }
    if (digits.length() > MAX_DIGITS) {
      // Dropped digits only matter as a "sticky" nonzero marker below the rounding point.
      boolean sticky = false;
      for (int k = MAX_DIGITS; k < digits.length() && !sticky; k++) {
        sticky = digits.charAt(k) != '0';
      }
      e10 += digits.length() - MAX_DIGITS;
      digits = digits.substring(0, MAX_DIGITS);
      if (sticky) {
        digits += "1";
        e10--;
      }
    }
    int nd = digits.length();
    if (f == FloatFormat.F64 && nd <= 15 && e10 >= -22 && e10 <= 22) {
      // Both operands are exact doubles, so one IEEE operation rounds correctly.
      double m = Long.parseLong(digits);
      double v = e10 >= 0 ? m * POW10[(int) e10] : m / POW10[(int) -e10];
      return Double.doubleToRawLongBits(v);
    }
    if (f == FloatFormat.F32 && nd <= 7 && e10 >= -10 && e10 <= 10) {
      float m = Long.parseLong(digits);
      float v = e10 >= 0 ? m * POW10F[(int) e10] : m / POW10F[(int) -e10];
      return Float.floatToRawIntBits(v) & 0xFFFFFFFFL;
    }
    if (nd + e10 > 400) {
      throw new OutOfRange();
    }
    if (nd + e10 < -400) {
      return 0;
    }
    BigInteger m = new BigInteger(digits);
    if (e10 >= 0) {
      return round(m.multiply(BigInteger.TEN.pow((int) e10)), BigInteger.ONE, f);
    }
    return round(m, BigInteger.TEN.pow((int) -e10), f);
  }

  private static long hexFloat(String s, FloatFormat f) {
    String t = s.substring(2);
    int exp = t.indexOf('p');
    if (exp < 0) {
      exp = t.indexOf('P');
    }
    String mantissa = exp < 0 ? t : t.substring(0, exp);
    long e2 = exp < 0 ? 0 : parseExponent(t.substring(exp + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa;
    if (dot >= 0) {
      digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
      e2 -= 4L * (mantissa.length() - dot - 1);
    }
    int first = 0;
    while (first < digits.length() && digits.charAt(first) == '0') {
      first++;
    }
    digits = digits.substring(first);
    if (digits.isEmpty()) {
      return 0;
    }
    if (digits.length() <= 13) {
      // m < 2^52: m * 2^e2 is an exact double when it lands in the normal range, and a single
      // cast then rounds it correctly to f32.
      long m = Long.parseLong(digits, 16);
      long top = 64 - Long.numberOfLeadingZeros(m) + e2;
      if (top >= -1021 && top <= 1024) {
        double exact = Math.scalb((double) m, (int) e2);
        if (f == FloatFormat.F64) {
          return Double.doubleToRawLongBits(exact);
        }
        float rounded = (float) exact;
        if (Float.isInfinite(rounded)) {
          throw new OutOfRange();
        }
        return Float.floatToRawIntBits(rounded) & 0xFFFFFFFFL;
      }
    }
    int maxHexDigits = 40;
    if (digits.length() > maxHexDigits) {
      boolean sticky = false;
      for (int k = maxHexDigits; k < digits.length() && !sticky; k++) {
        sticky = digits.charAt(k) != '0';
      }
      e2 += 4L * (digits.length() - maxHexDigits);
      digits = digits.substring(0, maxHexDigits) + (sticky ? "1" : "0");
      e2 -= 4;
    }
    BigInteger m = new BigInteger(digits, 16);
    long top = m.bitLength() + e2;
    if (top > 1100) {
      throw new OutOfRange();
    }
    if (top < -1200) {
      return 0;
    }
    if (e2 >= 0) {
      return round(m.shiftLeft((int) e2), BigInteger.ONE, f);
    }
    return round(m, BigInteger.ONE.shiftLeft((int) -e2), f);
  }

  /** A decimal exponent with optional sign, saturated far beyond any meaningful range. */
  private static long parseExponent(String s) {
    int i = 0;
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    long v = 0;
    for (; i < s.length(); i++) {
      v = Math.min(v * 10 + (s.charAt(i) - '0'), 1_000_000_000L);
    }
    return negative ? -v : v;
  }

  /**
   * Rounds the positive rational {@code num/den} to format {@code f}, to nearest, ties to even;
   * returns the bit pattern without sign. Rounding up to infinity is out of range.
   */
  static long round(BigInteger num, BigInteger den, FloatFormat f) {
    int p = f.precision;
    // k = floor(log2(num/den)).
    int k = num.bitLength() - den.bitLength();
    boolean atLeast =
        k >= 0 ? num.compareTo(den.shiftLeft(k)) >= 0 : num.shiftLeft(-k).compareTo(den) >= 0;
    if (!atLeast) {
      k--;
    }
    int e = Math.max(k, f.minExponent);
    int shift = p - 1 - e;
    BigInteger n = num;
    BigInteger d = den;
    if (shift >= 0) {
      n = n.shiftLeft(shift);
    } else {
      d = d.shiftLeft(-shift);
    }
    BigInteger[] qr = n.divideAndRemainder(d);
    long q = qr[0].longValue();
    int half = qr[1].shiftLeft(1).compareTo(d);
    if (half > 0 || (half == 0 && (q & 1) == 1)) {
      q++;
    }
    if (q == 1L << p) {
      q >>= 1;
      e++;
    }
    if (e > f.maxExponent) {
      throw new OutOfRange();
    }
    if (q < 1L << (p - 1)) {
      return q; // subnormal (or zero): biased exponent 0
    }
    long biased = e + f.maxExponent;
    return (biased << (p - 1)) | (q & f.mantissaMask());
  }
}

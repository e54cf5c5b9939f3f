package dev.patina.stream.expr;

import dev.patina.stream.types.DataType;
import dev.patina.stream.types.NonFiniteDecimal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Numeric helpers: checked integer arithmetic, float overflow checks, and RisingWave's decimal.
 *
 * <p>RisingWave's decimal is rust_decimal's: a 96-bit mantissa with at most 28 fractional digits,
 * plus NaN and the infinities. Results keep their natural scale ({@code 1.50 + 1 = 2.50}); an
 * inexact quotient gets as many fractional digits as fit ({@code 1 / 3 =
 * 0.3333333333333333333333333333}), where PostgreSQL would give 20 digits.
 */
final class Num {
  private Num() {}

  static final int MAX_SCALE = 28;
  static final BigInteger MAX_MANTISSA = BigInteger.ONE.shiftLeft(96).subtract(BigInteger.ONE);
  static final NonFiniteDecimal NAN = NonFiniteDecimal.NAN;
  static final NonFiniteDecimal POS_INF = NonFiniteDecimal.POSITIVE_INFINITY;
  static final NonFiniteDecimal NEG_INF = NonFiniteDecimal.NEGATIVE_INFINITY;

  // ---------------------------------------------------------------------------------------------
  // Integers

  static short toShort(long v) {
    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
      throw Errors.outOfRange("smallint out of range");
    }
    return (short) v;
  }

  static int toInt(long v) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw Errors.outOfRange("integer out of range");
    }
    return (int) v;
  }

  static long addLong(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      throw Errors.outOfRange("bigint out of range");
    }
    return r;
  }

  static long subLong(long a, long b) {
    long r = a - b;
    if (((a ^ b) & (a ^ r)) < 0) {
      throw Errors.outOfRange("bigint out of range");
    }
    return r;
  }

  static long mulLong(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
      throw Errors.outOfRange("bigint out of range");
    }
    return lo;
  }

  // ---------------------------------------------------------------------------------------------
  // Floats

  /** PostgreSQL's float overflow/underflow check of a result. */
  static double checkFloat(double r, boolean infAllowed, boolean zeroAllowed) {
    if (Double.isInfinite(r) && !infAllowed) {
      throw Errors.outOfRange("value out of range: overflow");
    }
    if (r == 0.0 && !zeroAllowed) {
      throw Errors.outOfRange("value out of range: underflow");
    }
    return r;
  }

  static float checkFloat(float r, boolean infAllowed, boolean zeroAllowed) {
    if (Float.isInfinite(r) && !infAllowed) {
      throw Errors.outOfRange("value out of range: overflow");
    }
    if (r == 0.0f && !zeroAllowed) {
      throw Errors.outOfRange("value out of range: underflow");
    }
    return r;
  }

  // ---------------------------------------------------------------------------------------------
  // Decimals

  /** Fits a finite result into the decimal's 96-bit mantissa and scale 28, or throws 22003. */
  static BigDecimal fit(BigDecimal d) {
    if (d.scale() < 0) {
      d = d.setScale(0);
    }
    if (d.scale() > MAX_SCALE) {
      d = d.setScale(MAX_SCALE, RoundingMode.HALF_UP);
    }
    while (d.unscaledValue().abs().compareTo(MAX_MANTISSA) > 0) {
      if (d.scale() == 0) {
        throw Errors.outOfRange("numeric out of range");
      }
      d = d.setScale(d.scale() - 1, RoundingMode.HALF_UP);
    }
    return d;
  }

  static boolean isNaN(Object d) {
    return d == NAN;
  }

  /** The sign of a decimal value: -1, 0, 1 (NaN gives 0). */
  static int signum(Object d) {
    if (d instanceof BigDecimal b) {
      return b.signum();
    }
    return d == POS_INF ? 1 : d == NEG_INF ? -1 : 0;
  }

  static Object decAdd(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return fit(x.add(y));
    }
    if (a == NAN || b == NAN) {
      return NAN;
    }
    if (a instanceof NonFiniteDecimal && b instanceof NonFiniteDecimal && a != b) {
      return NAN;
    }
    return a instanceof NonFiniteDecimal ? a : b;
  }

  static Object decNeg(Object a) {
    if (a instanceof BigDecimal x) {
      return x.negate();
    }
    return a == POS_INF ? NEG_INF : a == NEG_INF ? POS_INF : NAN;
  }

  static Object decSub(Object a, Object b) {
    return decAdd(a, decNeg(b));
  }

  static Object decMul(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return fit(x.multiply(y));
    }
    if (a == NAN || b == NAN) {
      return NAN;
    }
    int s = signum(a) * signum(b);
    return s == 0 ? NAN : s > 0 ? POS_INF : NEG_INF;
  }

  static Object decDiv(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      if (y.signum() == 0) {
        throw Errors.divisionByZero();
      }
      return divide(x, y);
    }
    if (a == NAN || b == NAN) {
      return NAN;
    }
    if (a instanceof NonFiniteDecimal) {
      if (b instanceof NonFiniteDecimal) {
        return NAN;
      }
      if (signum(b) == 0) {
        throw Errors.divisionByZero();
      }
      return signum(a) * signum(b) > 0 ? POS_INF : NEG_INF;
    }
    return BigDecimal.ZERO; // finite / infinity
  }

  /** rust_decimal's division: exact when it terminates within the limits, else fully rounded. */
  static BigDecimal divide(BigDecimal x, BigDecimal y) {
    try {
      BigDecimal q = x.divide(y);
      if (q.scale() <= MAX_SCALE) {
        return fit(q);
      }
    } catch (ArithmeticException nonTerminating) {
      // fall through
    }
    int scale = MAX_SCALE;
    while (true) {
      BigDecimal q = x.divide(y, scale, RoundingMode.HALF_UP);
      if (q.unscaledValue().abs().compareTo(MAX_MANTISSA) <= 0) {
        return q.scale() < 0 ? q.setScale(0) : q;
      }
      if (scale == 0) {
        throw Errors.outOfRange("numeric out of range");
      }
      int excess = q.unscaledValue().abs().bitLength() - 96;
      scale -= Math.max(1, (int) (excess * 0.30103) - 1);
      if (scale < 0) {
        scale = 0;
      }
    }
  }

  static Object decMod(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      if (y.signum() == 0) {
        throw Errors.divisionByZero();
      }
      return fit(x.remainder(y));
    }
    if (a == NAN || b == NAN) {
      return NAN;
    }
    if (a instanceof NonFiniteDecimal) {
      if (signum(b) == 0 && b instanceof BigDecimal) {
        throw Errors.divisionByZero();
      }
      return NAN;
    }
    return a; // finite % infinity
  }

  /** A decimal value from a double (PostgreSQL's float8 to numeric: 15 significant digits). */
  static Object decimalOf(double d, int digits) {
    if (Double.isNaN(d)) {
      return NAN;
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? POS_INF : NEG_INF;
    }
    if (d == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal b =
        new BigDecimal(d).round(new java.math.MathContext(digits, RoundingMode.HALF_EVEN));
    b = b.stripTrailingZeros();
    if (b.scale() < 0) {
      b = b.setScale(0);
    }
    return fit(b);
  }

  static double toDouble(Object d) {
    if (d instanceof BigDecimal b) {
      return b.doubleValue();
    }
    return d == NAN
        ? Double.NaN
        : d == POS_INF ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** Rounds a decimal half away from zero to an integer and checks {@code type}'s range. */
  static long decimalToLong(Object d, DataType type) {
    if (d instanceof NonFiniteDecimal n) {
      throw Errors.outOfRange(
          n == NAN
              ? "cannot convert NaN to " + type.sqlName()
              : "cannot convert infinity to " + type.sqlName());
    }
    BigDecimal r = ((BigDecimal) d).setScale(0, RoundingMode.HALF_UP);
    if (r.unscaledValue().bitLength() > 63) {
      throw Errors.outOfRange(type);
    }
    return r.longValue();
  }

  /** Rounds a double half to even (C's rint) and checks {@code type}'s range. */
  static long doubleToLong(double d, DataType type) {
    double r = Math.rint(d);
    if (Double.isNaN(r) || r < -9.223372036854775808e18 || r >= 9.223372036854775808e18) {
      throw Errors.outOfRange(type);
    }
    return (long) r;
  }
}

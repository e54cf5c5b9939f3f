package dev.patina.stream.types;

import java.math.BigInteger;

/**
 * The shortest decimal that reads back as a given float, chosen exactly as Ryū chooses it (Ulf
 * Adams, PLDI 2018): the algorithm behind PostgreSQL 12+'s float output and RisingWave's (the Rust
 * {@code ryu} crate). Java's own {@code Double.toString} is also shortest but breaks ties and
 * boundary cases differently (it prints 4.9E-324 and 1.801439850948199E16 where Ryū prints 5e-324
 * and 1.8014398509481992e16), so it cannot stand in.
 *
 * <p>Ryū's steps are followed one for one; where Ryū multiplies by 128-bit table entries this
 * computes the same floors exactly with {@link BigInteger}, which the paper proves the tables
 * reproduce.
 *
 * <p>{@code acceptBounds} is Ryū's own choice (RisingWave's): a decimal exactly halfway to the
 * neighbouring float counts as reading back when the float's mantissa is even. PostgreSQL builds
 * Ryū without it ({@code STRICTLY_SHORTEST} off), so that any strtod reads its output back, and
 * then prints 1.8014398509481992e+16 where RisingWave prints 1.801439850948199e+16.
 */
final class Ryu {
  private Ryu() {}

  /** {@code mantissa * 10^exponent}. */
  record Decimal(long mantissa, int exponent) {}

  private static final BigInteger[] POW5 = new BigInteger[400];

  static {
    POW5[0] = BigInteger.ONE;
    for (int i = 1; i < POW5.length; i++) {
      POW5[i] = POW5[i - 1].multiply(BigInteger.valueOf(5));
    }
  }

  static int log10Pow2(int e) {
    return (int) ((e * 78913L) >>> 18);
  }

  static int log10Pow5(int e) {
    return (int) ((e * 732923L) >>> 20);
  }

  /** floor(m * 2^e2 / 10^q) for e2 >= 0. */
  private static long mulPow2DivPow10(long m, int e2, int q) {
    return BigInteger.valueOf(m).shiftLeft(e2).divide(POW5[q]).shiftRight(q).longValueExact();
  }

  /** floor(m * 5^i / 2^q). */
  private static long mulPow5DivPow2(long m, int i, int q) {
    return BigInteger.valueOf(m).multiply(POW5[i]).shiftRight(q).longValueExact();
  }

  private static int pow5Factor(long v) {
    int count = 0;
    while (v % 5 == 0) {
      v /= 5;
      count++;
    }
    return count;
  }

  private static boolean multipleOfPow5(long v, int p) {
    return pow5Factor(v) >= p;
  }

  private static boolean multipleOfPow2(long v, int p) {
    return (v & ((1L << p) - 1)) == 0;
  }

  /** Ryū's d2d for a finite, non-zero, positive double, accepting even bounds (RisingWave). */
  static Decimal shortest(double d) {
    return shortest(d, true);
  }

  /** Ryū's f2d for a finite, non-zero, positive float, accepting even bounds (RisingWave). */
  static Decimal shortest(float f) {
    return shortest(f, true);
  }

  /** Ryū's d2d; {@code acceptEvenBounds} false gives PostgreSQL's variant. */
  static Decimal shortest(double d, boolean acceptEvenBounds) {
    long bits = Double.doubleToRawLongBits(d);
    long ieeeMantissa = bits & ((1L << 52) - 1);
    int ieeeExponent = (int) ((bits >>> 52) & 0x7FF);
    int e2;
    long m2;
    if (ieeeExponent == 0) {
      e2 = 1 - 1023 - 52 - 2;
      m2 = ieeeMantissa;
    } else {
      e2 = ieeeExponent - 1023 - 52 - 2;
      m2 = (1L << 52) | ieeeMantissa;
    }
    boolean acceptBounds = acceptEvenBounds && (m2 & 1) == 0;
    long mv = 4 * m2;
    int mmShift = (ieeeMantissa != 0 || ieeeExponent <= 1) ? 1 : 0;
    long mp = mv + 2;
    long mm = mv - 1 - mmShift;
    long vr;
    long vp;
    long vm;
    int e10;
    boolean vmTrailingZeros = false;
    boolean vrTrailingZeros = false;
    if (e2 >= 0) {
      int q = log10Pow2(e2) - (e2 > 3 ? 1 : 0);
      e10 = q;
      vr = mulPow2DivPow10(mv, e2, q);
      vp = mulPow2DivPow10(mp, e2, q);
      vm = mulPow2DivPow10(mm, e2, q);
      if (q <= 21) {
        if (mv % 5 == 0) {
          vrTrailingZeros = multipleOfPow5(mv, q);
        } else if (acceptBounds) {
          vmTrailingZeros = multipleOfPow5(mm, q);
        } else if (multipleOfPow5(mp, q)) {
          vp--;
        }
      }
    } else {
      int q = log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
      e10 = q + e2;
      int i = -e2 - q;
      vr = mulPow5DivPow2(mv, i, q);
      vp = mulPow5DivPow2(mp, i, q);
      vm = mulPow5DivPow2(mm, i, q);
      if (q <= 1) {
        vrTrailingZeros = true;
        if (acceptBounds) {
          vmTrailingZeros = mmShift == 1;
        } else {
          vp--;
        }
      } else if (q < 63) {
        vrTrailingZeros = multipleOfPow2(mv, q);
      }
    }
    return shorten(vr, vp, vm, e10, vmTrailingZeros, vrTrailingZeros, acceptBounds, 0);
  }

  /** Ryū's f2d; {@code acceptEvenBounds} false gives PostgreSQL's variant. */
  static Decimal shortest(float f, boolean acceptEvenBounds) {
    int bits = Float.floatToRawIntBits(f);
    int ieeeMantissa = bits & ((1 << 23) - 1);
    int ieeeExponent = (bits >>> 23) & 0xFF;
    int e2;
    long m2;
    if (ieeeExponent == 0) {
      e2 = 1 - 127 - 23 - 2;
      m2 = ieeeMantissa;
    } else {
      e2 = ieeeExponent - 127 - 23 - 2;
      m2 = (1L << 23) | ieeeMantissa;
    }
    boolean acceptBounds = acceptEvenBounds && (m2 & 1) == 0;
    long mv = 4 * m2;
    long mp = mv + 2;
    int mmShift = (ieeeMantissa != 0 || ieeeExponent <= 1) ? 1 : 0;
    long mm = mv - 1 - mmShift;
    long vr;
    long vp;
    long vm;
    int e10;
    boolean vmTrailingZeros = false;
    boolean vrTrailingZeros = false;
    int lastRemovedDigit = 0;
    if (e2 >= 0) {
      int q = log10Pow2(e2);
      e10 = q;
      vr = mulPow2DivPow10(mv, e2, q);
      vp = mulPow2DivPow10(mp, e2, q);
      vm = mulPow2DivPow10(mm, e2, q);
      if (q != 0 && (vp - 1) / 10 <= vm / 10) {
        lastRemovedDigit = (int) (mulPow2DivPow10(mv, e2, q - 1) % 10);
      }
      if (q <= 9) {
        if (mv % 5 == 0) {
          vrTrailingZeros = multipleOfPow5(mv, q);
        } else if (acceptBounds) {
          vmTrailingZeros = multipleOfPow5(mm, q);
        } else if (multipleOfPow5(mp, q)) {
          vp--;
        }
      }
    } else {
      int q = log10Pow5(-e2);
      e10 = q + e2;
      int i = -e2 - q;
      vr = mulPow5DivPow2(mv, i, q);
      vp = mulPow5DivPow2(mp, i, q);
      vm = mulPow5DivPow2(mm, i, q);
      if (q != 0 && (vp - 1) / 10 <= vm / 10) {
        lastRemovedDigit = (int) (mulPow5DivPow2(mv, i + 1, q - 1) % 10);
      }
      if (q <= 1) {
        vrTrailingZeros = true;
        if (acceptBounds) {
          vmTrailingZeros = mmShift == 1;
        } else {
          vp--;
        }
      } else if (q < 31) {
        vrTrailingZeros = multipleOfPow2(mv, q - 1);
      }
    }
    return shorten(
        vr, vp, vm, e10, vmTrailingZeros, vrTrailingZeros, acceptBounds, lastRemovedDigit);
  }

  /** Ryū's step 4: drop digits while the interval allows, rounding the last one. */
  private static Decimal shorten(
      long vr,
      long vp,
      long vm,
      int e10,
      boolean vmTrailingZeros,
      boolean vrTrailingZeros,
      boolean acceptBounds,
      int lastRemovedDigit) {
    int removed = 0;
    long output;
    if (vmTrailingZeros || vrTrailingZeros) {
      while (vp / 10 > vm / 10) {
        vmTrailingZeros &= vm % 10 == 0;
        vrTrailingZeros &= lastRemovedDigit == 0;
        lastRemovedDigit = (int) (vr % 10);
        vr /= 10;
        vp /= 10;
        vm /= 10;
        removed++;
      }
      if (vmTrailingZeros) {
        while (vm % 10 == 0) {
          vrTrailingZeros &= lastRemovedDigit == 0;
          lastRemovedDigit = (int) (vr % 10);
          vr /= 10;
          vp /= 10;
          vm /= 10;
          removed++;
        }
      }
      if (vrTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) {
        lastRemovedDigit = 4; // round to even when the exact value is ...50..0
      }
      output =
          vr
              + (((vr == vm && (!acceptBounds || !vmTrailingZeros)) || lastRemovedDigit >= 5)
                  ? 1
                  : 0);
    } else {
      while (vp / 10 > vm / 10) {
        lastRemovedDigit = (int) (vr % 10);
        vr /= 10;
        vp /= 10;
        vm /= 10;
        removed++;
      }
      output = vr + ((vr == vm || lastRemovedDigit >= 5) ? 1 : 0);
    }
    return new Decimal(output, e10 + removed);
  }
}

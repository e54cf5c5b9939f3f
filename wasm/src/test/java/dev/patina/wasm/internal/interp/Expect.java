package dev.patina.wasm.internal.interp;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What an instruction must produce: exact bits, except that float lanes whose result is NaN may
 * carry a rule instead. The specification makes NaN payloads non-deterministic: a result must be
 * the canonical NaN (either sign) when every NaN operand was canonical, else any arithmetic (quiet)
 * NaN. {@link #canonical}/{@link #arithmetic} record those rules per lane.
 */
final class Expect {
  static final byte EXACT = 0;
  static final byte CANONICAL = 1;
  static final byte ARITHMETIC = 2;

  /** The expected v128, or the scalar result in element 0. */
  final long[] bits = new long[2];

  /** 0 unless the result has float lanes with rules: then 32 or 64. */
  int floatBits;

  final byte[] rules = new byte[4];

  static Expect v128(long[] v) {
    Expect e = new Expect();
    e.bits[0] = v[0];
    e.bits[1] = v[1];
    return e;
  }

  static Expect scalar(long x) {
    Expect e = new Expect();
    e.bits[0] = x;
    return e;
  }

  /** Sets f32 lane i to r, or to the NaN rule that the NaN operands give when r is NaN. */
  Expect f32(int i, float r, int... nanOperands) {
    floatBits = 32;
    if (Float.isNaN(r)) {
      rules[i] = allCanonical32(nanOperands) ? CANONICAL : ARITHMETIC;
    } else {
      int shift = 32 * (i % 2);
      bits[i / 2] &= ~(0xFFFF_FFFFL << shift);
      bits[i / 2] |= (Float.floatToRawIntBits(r) & 0xFFFF_FFFFL) << shift;
    }
    return this;
  }

  Expect f64(int i, double r, long... nanOperands) {
    floatBits = 64;
    if (Double.isNaN(r)) {
      rules[i] = allCanonical64(nanOperands) ? CANONICAL : ARITHMETIC;
    } else {
      bits[i] = Double.doubleToRawLongBits(r);
    }
    return this;
  }

  private static boolean allCanonical32(int[] operands) {
    for (int x : operands) {
      if (Float.isNaN(Float.intBitsToFloat(x)) && (x & 0x7FFF_FFFF) != 0x7FC0_0000) {
        return false;
      }
    }
    return true;
  }

  private static boolean allCanonical64(long[] operands) {
    for (long x : operands) {
      if (Double.isNaN(Double.longBitsToDouble(x))
          && (x & Long.MAX_VALUE) != 0x7FF8_0000_0000_0000L) {
        return false;
      }
    }
    return true;
  }

  /** Fails with a message naming {@code what} unless the v128 {@code actual} satisfies this. */
  void checkV128(long[] actual, String what) {
    if (floatBits == 0) {
      if (actual[0] != bits[0] || actual[1] != bits[1]) {
        fail(what + ": expected " + Lanes.hex(bits) + " but was " + Lanes.hex(actual));
      }
      return;
    }
    int lanes = 128 / floatBits;
    for (int i = 0; i < lanes; i++) {
      long want = lane(bits, i);
      long got = lane(actual, i);
      if (!laneOk(rules[i], want, got)) {
        fail(
            String.format(
                "%s: lane %d expected %s but was %x (all: %s)",
                what, i, describe(rules[i], want), got, Lanes.hex(actual)));
      }
    }
  }

  void checkScalar(long actual, boolean wide, String what) {
    long want = wide ? bits[0] : (int) bits[0];
    long got = wide ? actual : (int) actual;
    if (want != got) {
      fail(String.format("%s: expected %x but was %x", what, want, got));
    }
  }

  private long lane(long[] v, int i) {
    return floatBits == 64 ? v[i] : (v[i / 2] >>> (32 * (i % 2))) & 0xFFFF_FFFFL;
  }

  private boolean laneOk(byte rule, long want, long got) {
    if (rule == EXACT) {
      return want == got;
    }
    long magnitude = floatBits == 64 ? got & Long.MAX_VALUE : got & 0x7FFF_FFFFL;
    long infinity = floatBits == 64 ? 0x7FF0_0000_0000_0000L : 0x7F80_0000L;
    long quiet = floatBits == 64 ? 0x0008_0000_0000_0000L : 0x0040_0000L;
    if (rule == CANONICAL) {
      return magnitude == (infinity | quiet);
    }
    return (magnitude & (infinity | quiet)) == (infinity | quiet);
  }

  private static String describe(byte rule, long want) {
    return switch (rule) {
      case CANONICAL -> "nan:canonical";
      case ARITHMETIC -> "nan:arithmetic";
      default -> Long.toHexString(want);
    };
  }
}

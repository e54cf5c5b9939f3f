package dev.patina.wasm.internal.interp;

import java.math.BigInteger;

/**
 * Numeric literals of the WebAssembly text format, decoded to raw bits: integers (decimal or hex,
 * signed or unsigned, with underscores) and floats (decimal, hexadecimal, inf, nan, nan:0x...).
 * Decimal floats go through Float.parseFloat / Double.parseDouble, which round correctly to the
 * target type; hexadecimal ones too (Java reads "0x1.8p3" directly).
 */
final class WastLiterals {
  private WastLiterals() {}

  /** The low {@code bits} bits of an integer literal. */
  static long integer(String text, int bits) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    if (negative || t.startsWith("+")) {
      t = t.substring(1);
    }
    BigInteger v = t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t, 10);
    if (negative) {
      v = v.negate();
    }
    return bits == 64 ? v.longValue() : v.longValue() & ((1L << bits) - 1);
  }

  static int f32(String text) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    String m = negative || t.startsWith("+") ? t.substring(1) : t;
    int sign = negative ? 0x8000_0000 : 0;
    if (m.equals("inf")) {
      return sign | 0x7F80_0000;
    }
    if (m.equals("nan")) {
      return sign | 0x7FC0_0000;
    }
    if (m.startsWith("nan:0x")) {
      return sign | 0x7F80_0000 | Integer.parseInt(m.substring(6), 16);
    }
    return sign | Float.floatToRawIntBits(Float.parseFloat(javaSyntax(m)));
  }

  static long f64(String text) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    String m = negative || t.startsWith("+") ? t.substring(1) : t;
    long sign = negative ? Long.MIN_VALUE : 0;
    if (m.equals("inf")) {
      return sign | 0x7FF0_0000_0000_0000L;
    }
    if (m.equals("nan")) {
      return sign | 0x7FF8_0000_0000_0000L;
    }
    if (m.startsWith("nan:0x")) {
      return sign | 0x7FF0_0000_0000_0000L | Long.parseLong(m.substring(6), 16);
    }
    return sign | Double.doubleToRawLongBits(Double.parseDouble(javaSyntax(m)));
  }

  /** Java needs a binary exponent on hexadecimal floats. */
  private static String javaSyntax(String m) {
    return m.startsWith("0x") && !m.contains("p") && !m.contains("P") ? m + "p0" : m;
  }
}

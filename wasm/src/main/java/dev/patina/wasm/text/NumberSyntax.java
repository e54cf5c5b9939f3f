package dev.patina.wasm.text;

import dev.patina.wasm.text.Tokens.Kind;

/**
 * Recognizes the numeric token forms of the lexical grammar: {@code nat} ({@code 12}, {@code
 * 0xFF_FF}), {@code int} (a signed nat) and {@code float} (decimal or hexadecimal with fraction
 * and/or exponent, {@code inf}, {@code nan}, {@code nan:0x...}). Underscores may only separate
 * digits. Only the shape is checked here; {@link Literals} computes values and ranges.
 */
final class NumberSyntax {
  private final byte[] s;
  private final int end;
  private int p;

  private NumberSyntax(byte[] s, int start, int end) {
    this.s = s;
    this.p = start;
    this.end = end;
  }

  /** The numeric kind of {@code s[start, end)}, or null if it is not a number. */
  static Kind classify(byte[] s, int start, int end) {
    return new NumberSyntax(s, start, end).classify();
  }

  private Kind classify() {
    boolean signed = false;
    if (p < end && (s[p] == '+' || s[p] == '-')) {
      signed = true;
      p++;
    }
    if (p >= end) {
      return null;
    }
    if (s[p] == 'i' || s[p] == 'n') {
      return special() ? Kind.FLOAT : null;
    }
    boolean hex = end - p > 2 && s[p] == '0' && s[p + 1] == 'x';
    if (hex) {
      p += 2;
    }
    if (!digits(hex)) {
      return null;
    }
    if (p == end) {
      return signed ? Kind.INT : Kind.NAT;
    }
    if (s[p] == '.') {
      p++;
      if (p < end && isDigit(s[p], hex)) {
        digits(hex);
      }
    }
    if (p < end && (hex ? (s[p] == 'p' || s[p] == 'P') : (s[p] == 'e' || s[p] == 'E'))) {
      p++;
      if (p < end && (s[p] == '+' || s[p] == '-')) {
        p++;
      }
      if (!digits(false)) {
        return null;
      }
    }
    return p == end ? Kind.FLOAT : null;
  }

  private boolean special() {
    if (matches("nan:0x")) {
      return digits(true) && p == end;
    }
    return (matches("inf") || matches("nan")) && p == end;
  }

  private boolean matches(String word) {
    if (end - p < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (s[p + i] != word.charAt(i)) {
        return false;
      }
    }
    p += word.length();
    return true;
  }

  /** One or more digits, single underscores between them. */
  private boolean digits(boolean hex) {
    if (p >= end || !isDigit(s[p], hex)) {
      return false;
    }
    p++;
    while (p < end) {
      if (isDigit(s[p], hex)) {
        p++;
      } else if (s[p] == '_' && p + 1 < end && isDigit(s[p + 1], hex)) {
        p += 2;
      } else {
        break;
      }
    }
    return true;
  }

  private static boolean isDigit(byte b, boolean hex) {
    return hex ? Lexer.hexValue(b) >= 0 : b >= '0' && b <= '9';
  }
}

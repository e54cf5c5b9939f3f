package dev.patina.wasm.text;

import dev.patina.wasm.MalformedException;
import dev.patina.wasm.text.Tokens.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits WebAssembly text (UTF-8 bytes) into {@link Tokens}, following the specification's lexical
 * grammar: maximal runs of identifier characters are one token (a number, a keyword, an {@code
 * $id}, or a reserved token), strings are checked for valid escapes and UTF-8, and comments ({@code
 * ;;} to end of line, nested {@code (; ;)}) and white space are dropped.
 *
 * <p>A run of identifier characters that touches a string ({@code $l"a"}, {@code "a""b"}) is one
 * reserved token, as the specification requires. Reserved tokens are not errors here: they become
 * "unknown operator" where a parser meets them, so a bad token inside one module of a script fails
 * only that module. Errors that make the text unreadable (bad UTF-8, unclosed strings or comments)
 * are reported at once.
 */
public final class Lexer {
  private static final boolean[] ID_CHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      ID_CHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      ID_CHAR[c] = true;
      ID_CHAR[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-./:<=>?@\\^_`|~".toCharArray()) {
      ID_CHAR[c] = true;
    }
  }

  private final byte[] src;
  private final Tokens tokens;
  private int pos;

  private Lexer(byte[] src, String sourceName) {
    this.src = src;
    this.tokens = new Tokens(src, sourceName);
  }

  /** Tokenizes {@code text}. */
  public static Tokens lex(String text) {
    return lex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Tokenizes UTF-8 {@code source}; malformed UTF-8 is an error. */
  public static Tokens lex(byte[] source) {
    return lex(source, null);
  }

  /**
   * Tokenizes UTF-8 {@code source}; error locations (now and whenever the tokens are parsed) are
   * prefixed by {@code sourceName} if it is not null.
   */
  public static Tokens lex(byte[] source, String sourceName) {
    Lexer lexer = new Lexer(source, sourceName);
    lexer.run();
    return lexer.tokens;
  }

  static boolean isIdChar(int b) {
    return b < 128 && b >= 0 && ID_CHAR[b];
  }

  static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /** Offsets at which lines begin ({@code \n}, {@code \r} and {@code \r\n} end lines). */
  static int[] lineStarts(byte[] src) {
    int[] starts = new int[16];
    int n = 1;
    for (int p = 0; p < src.length; p++) {
      byte b = src[p];
      if (b == '\n' || (b == '\r' && (p + 1 >= src.length || src[p + 1] != '\n'))) {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = p + 1;
      }
    }
    return Arrays.copyOf(starts, n);
  }

  private MalformedException error(int offset, String reason) {
    return new MalformedException(reason, tokens.locationOf(offset));
  }

  private void run() {
    int n = src.length;
    while (pos < n) {
      int b = src[pos] & 0xFF;
      switch (b) {
        case ' ', '\t', '\n', '\r' -> pos++;
        case '(' -> {
          if (pos + 1 < n && src[pos + 1] == ';') {
            blockComment();
          } else {
            tokens.add(Kind.LPAR, pos, ++pos);
          }
        }
        case ')' -> tokens.add(Kind.RPAR, pos, ++pos);
        case ';' -> {
          if (pos + 1 < n && src[pos + 1] == ';') {
            lineComment();
          } else {
            tokens.add(Kind.RESERVED, pos, ++pos);
          }
        }
        case ',', '[', ']', '{', '}' -> tokens.add(Kind.RESERVED, pos, ++pos);
        default -> {
          if (b == '"' || isIdChar(b)) {
            word();
          } else if (b < 0x20 || b == 0x7F) {
            throw error(pos, "misplaced control character");
          } else if (utf8Length(src, pos) > 0) {
            throw error(pos, "misplaced unicode character");
          } else {
            throw error(pos, "malformed UTF-8 encoding");
          }
        }
      }
    }
    tokens.add(Kind.EOF, n, n);
    tokens.matchParentheses();
  }

  /** A run of identifier characters and strings: one token. */
  private void word() {
    int start = pos;
    boolean sawString = false;
    boolean sawIdChar = false;
    int pieces = 0;
    while (pos < src.length) {
      int b = src[pos] & 0xFF;
      if (b == '"') {
        string();
        sawString = true;
      } else if (isIdChar(b)) {
        while (pos < src.length && isIdChar(src[pos] & 0xFF)) {
          pos++;
        }
        sawIdChar = true;
      } else {
        break;
      }
      pieces++;
    }
    if (sawString) {
      tokens.add(sawIdChar || pieces > 1 ? Kind.RESERVED : Kind.STRING, start, pos);
      return;
    }
    tokens.add(classify(src, start, pos), start, pos);
  }

  private static Kind classify(byte[] src, int start, int end) {
    byte first = src[start];
    if (first == '$') {
      return end - start > 1 ? Kind.ID : Kind.RESERVED;
    }
    Kind number = NumberSyntax.classify(src, start, end);
    if (number != null) {
      return number;
    }
    return first >= 'a' && first <= 'z' ? Kind.KEYWORD : Kind.RESERVED;
  }

  /** Scans a string literal starting at the opening quote, checking escapes and encoding. */
  private void string() {
    int start = pos;
    pos++;
    while (true) {
      if (pos >= src.length) {
        throw error(start, "unclosed string literal");
      }
      int b = src[pos] & 0xFF;
      if (b == '"') {
        pos++;
        return;
      }
      if (b == '\\') {
        escape();
      } else if (b == '\n' || b == '\r') {
        throw error(start, "unclosed string literal");
      } else if (b < 0x20 || b == 0x7F) {
        throw error(pos, "illegal control character in string literal");
      } else if (b < 0x80) {
        pos++;
      } else {
        int len = utf8Length(src, pos);
        if (len < 0) {
          throw error(pos, "malformed UTF-8 encoding");
        }
        pos += len;
      }
    }
  }

  private void escape() {
    int at = pos;
    if (pos + 1 >= src.length) {
      throw error(at, "unclosed string literal");
    }
    byte c = src[pos + 1];
    switch (c) {
      case 'n', 't', 'r', '\\', '\'', '"' -> pos += 2;
      case 'u' -> {
        int p = pos + 2;
        if (p >= src.length || src[p] != '{') {
          throw error(at, "illegal escape");
        }
        p++;
        long value = 0;
        int digits = 0;
        boolean lastUnderscore = true;
        while (p < src.length && src[p] != '}') {
          if (src[p] == '_' && !lastUnderscore) {
            lastUnderscore = true;
          } else if (hexValue(src[p]) >= 0) {
            value = Math.min(value * 16 + hexValue(src[p]), 0x7FFFFFFF);
            digits++;
            lastUnderscore = false;
          } else {
            throw error(at, "illegal escape");
          }
          p++;
        }
        if (p >= src.length || digits == 0 || lastUnderscore) {
          throw error(at, "illegal escape");
        }
        if (value >= 0x110000 || (value >= 0xD800 && value < 0xE000)) {
          throw error(at, "malformed UTF-8 encoding");
        }
        pos = p + 1;
      }
      default -> {
        if (pos + 2 < src.length && hexValue(c) >= 0 && hexValue(src[pos + 2]) >= 0) {
          pos += 3;
        } else {
          throw error(at, "illegal escape");
        }
      }
    }
  }

  private void lineComment() {
    while (pos < src.length && src[pos] != '\n' && src[pos] != '\r') {
      skipChar();
    }
  }

  private void blockComment() {
    int[] opens = new int[4];
    int depth = 0;
    while (true) {
      if (pos >= src.length) {
        throw error(opens[depth - 1], "unclosed comment");
      }
      byte b = src[pos];
      if (b == '(' && pos + 1 < src.length && src[pos + 1] == ';') {
        if (depth == opens.length) {
          opens = Arrays.copyOf(opens, depth * 2);
        }
        opens[depth++] = pos;
        pos += 2;
      } else if (b == ';' && pos + 1 < src.length && src[pos + 1] == ')') {
        pos += 2;
        if (--depth == 0) {
          return;
        }
      } else {
        skipChar();
      }
    }
  }

  /** Skips one character of a comment, which may be any valid UTF-8. */
  private void skipChar() {
    int b = src[pos] & 0xFF;
    if (b < 0x80) {
      pos++;
      return;
    }
    int len = utf8Length(src, pos);
    if (len < 0) {
      throw error(pos, "malformed UTF-8 encoding");
    }
    pos += len;
  }

  /**
   * The length of the well-formed UTF-8 sequence of a non-ASCII character at {@code p}, or -1 (no
   * overlong forms, no surrogates, nothing above U+10FFFF).
   */
  static int utf8Length(byte[] s, int p) {
    int b0 = s[p] & 0xFF;
    int n = s.length;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      return p + 1 < n && cont(s[p + 1]) ? 2 : -1;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      if (p + 2 >= n || !cont(s[p + 1]) || !cont(s[p + 2])) {
        return -1;
      }
      int b1 = s[p + 1] & 0xFF;
      if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F)) {
        return -1;
      }
      return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      if (p + 3 >= n || !cont(s[p + 1]) || !cont(s[p + 2]) || !cont(s[p + 3])) {
        return -1;
      }
      int b1 = s[p + 1] & 0xFF;
      if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F)) {
        return -1;
      }
      return 4;
    }
    return -1;
  }

  private static boolean cont(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /** Whether {@code bytes} is entirely well-formed UTF-8. */
  static boolean isUtf8(byte[] bytes) {
    int p = 0;
    while (p < bytes.length) {
      if (bytes[p] >= 0) {
        p++;
      } else {
        int len = utf8Length(bytes, p);
        if (len < 0) {
          return false;
        }
        p += len;
      }
    }
    return true;
  }
}

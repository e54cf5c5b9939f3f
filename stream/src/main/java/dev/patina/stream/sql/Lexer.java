package dev.patina.stream.sql;

import dev.patina.stream.sql.Token.Kind;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's lexical rules: case-folded words, quoted identifiers, standard and escape ({@code
 * E'..'}) strings, Unicode escapes ({@code U&'..'}), dollar quoting, numbers with separators and
 * radix prefixes, {@code $n} parameters, operators (with PostgreSQL's rule about trailing {@code
 * +}/{@code -}), nested block comments.
 */
final class Lexer {
  private static final String OP_CHARS = "+-*/<>=~!@#%^&|`?";
  private static final String NON_MATH_OP_CHARS = "~!@#%^&|`?";

  private final SourceText src;
  private final String s;
  private final int n;
  private int i;
  private final List<Token> out = new ArrayList<>();

  private Lexer(SourceText src) {
    this.src = src;
    this.s = src.sql;
    this.n = s.length();
  }

  static List<Token> tokenize(SourceText src) {
    Lexer lexer = new Lexer(src);
    lexer.run();
    return lexer.out;
  }

  private void run() {
    while (true) {
      skipSpaceAndComments();
      if (i >= n) {
        out.add(new Token(Kind.EOF, "", n, n));
        return;
      }
      int start = i;
      char c = s.charAt(i);
      switch (c) {
        case '(' -> punct(Kind.LPAREN);
        case ')' -> punct(Kind.RPAREN);
        case '[' -> punct(Kind.LBRACKET);
        case ']' -> punct(Kind.RBRACKET);
        case ',' -> punct(Kind.COMMA);
        case ';' -> punct(Kind.SEMICOLON);
        case ':' -> {
          if (peekChar(1) == ':') {
            i += 2;
            out.add(new Token(Kind.DOUBLE_COLON, "::", start, i));
          } else {
            punct(Kind.COLON);
          }
        }
        case '.' -> {
          if (isDigit(peekChar(1))) {
            number();
          } else {
            punct(Kind.DOT);
          }
        }
        case '\'' -> string(start, false);
        case '"' -> quotedIdent(start, false);
        case '$' -> dollar();
        default -> {
          if (isDigit(c)) {
            number();
          } else if (isIdentStart(c)) {
            word();
          } else if (OP_CHARS.indexOf(c) >= 0) {
            operator();
          } else {
            throw src.error("syntax error" + SourceText.near(s.substring(start, start + 1)), start);
          }
        }
      }
    }
  }

  private char peekChar(int ahead) {
    int j = i + ahead;
    return j < n ? s.charAt(j) : '\0';
  }

  private void punct(Kind kind) {
    out.add(new Token(kind, s.substring(i, i + 1), i, i + 1));
    i++;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c) || c == '$';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  private void skipSpaceAndComments() {
    while (i < n) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        i++;
      } else if (c == '-' && peekChar(1) == '-') {
        while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
          i++;
        }
      } else if (c == '/' && peekChar(1) == '*') {
        int start = i;
        int depth = 0;
        while (true) {
          if (i >= n) {
            throw src.error("unterminated /* comment" + SourceText.near(tail(start)), start);
          }
          if (s.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (s.startsWith("*/", i)) {
            depth--;
            i += 2;
            if (depth == 0) {
              break;
            }
          } else {
            i++;
          }
        }
      } else {
        return;
      }
    }
  }

  /** The rest of the input from start, shortened for messages. */
  private String tail(int start) {
    String t = s.substring(start);
    return t.length() > 60 ? t.substring(0, 60) : t;
  }

  private void word() {
    int start = i;
    char c = s.charAt(i);
    char next = peekChar(1);
    if ((c == 'e' || c == 'E') && next == '\'') {
      i++;
      string(start, true);
      return;
    }
    if ((c == 'n' || c == 'N') && next == '\'') {
      i++;
      string(start, false);
      return;
    }
    if ((c == 'u' || c == 'U') && next == '&' && (peekChar(2) == '\'' || peekChar(2) == '"')) {
      i += 2;
      if (s.charAt(i) == '\'') {
        unicodeString(start);
      } else {
        quotedIdent(start, true);
      }
      return;
    }
    while (i < n && isIdentPart(s.charAt(i))) {
      i++;
    }
    out.add(new Token(Kind.WORD, asciiLower(s.substring(start, i)), start, i));
  }

  static String asciiLower(String w) {
    for (int k = 0; k < w.length(); k++) {
      char c = w.charAt(k);
      if (c >= 'A' && c <= 'Z') {
        char[] chars = w.toCharArray();
        for (int m = k; m < chars.length; m++) {
          if (chars[m] >= 'A' && chars[m] <= 'Z') {
            chars[m] = (char) (chars[m] + 32);
          }
        }
        return new String(chars);
      }
    }
    return w;
  }

  /** A quoted string starting at the quote at {@code i}; {@code start} includes any prefix. */
  private void string(int start, boolean escapes) {
    ByteArrayOutputStream bytes = escapes ? new ByteArrayOutputStream() : null;
    StringBuilder sb = escapes ? null : new StringBuilder();
    while (true) {
      i++; // opening quote
      while (true) {
        if (i >= n) {
          throw src.error("unterminated quoted string" + SourceText.near(tail(start)), start);
        }
        char c = s.charAt(i);
        if (c == '\'') {
          if (peekChar(1) == '\'') {
            append(sb, bytes, '\'');
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (escapes && c == '\\') {
          escape(bytes, start);
          continue;
        }
        if (escapes && Character.isHighSurrogate(c) && i + 1 < n) {
          appendUtf8(bytes, s.codePointAt(i));
          i += 2;
          continue;
        }
        append(sb, bytes, c);
        i++;
      }
      // PostgreSQL joins literals separated by whitespace that contains a newline.
      int j = i;
      boolean newline = false;
      while (j < n && isSpace(s.charAt(j))) {
        newline |= s.charAt(j) == '\n' || s.charAt(j) == '\r';
        j++;
      }
      if (newline && j < n && s.charAt(j) == '\'') {
        i = j;
        continue;
      }
      break;
    }
    String value = escapes ? decodeUtf8(bytes, start) : sb.toString();
    out.add(new Token(Kind.STRING, value, start, i));
  }

  private static void append(StringBuilder sb, ByteArrayOutputStream bytes, char c) {
    if (sb != null) {
      sb.append(c);
    } else {
      appendUtf8(bytes, c);
    }
  }

  private static void appendUtf8(ByteArrayOutputStream bytes, int codePoint) {
    byte[] b = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
    bytes.write(b, 0, b.length);
  }

  private String decodeUtf8(ByteArrayOutputStream bytes, int start) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw src.error("invalid byte sequence for encoding \"UTF8\"", start);
    }
  }

  /** One backslash escape of an E'' string, at {@code i}. */
  private void escape(ByteArrayOutputStream bytes, int start) {
    int at = i;
    i++; // backslash
    if (i >= n) {
      throw src.error("unterminated quoted string" + SourceText.near(tail(start)), start);
    }
    char c = s.charAt(i);
    switch (c) {
      case 'b' -> oneByte(bytes, '\b');
      case 'f' -> oneByte(bytes, '\f');
      case 'n' -> oneByte(bytes, '\n');
      case 'r' -> oneByte(bytes, '\r');
      case 't' -> oneByte(bytes, '\t');
      case 'x' -> {
        int j = i + 1;
        int v = 0;
        while (j < n && j < i + 3 && Character.digit(s.charAt(j), 16) >= 0) {
          v = v * 16 + Character.digit(s.charAt(j), 16);
          j++;
        }
        if (j == i + 1) {
          oneByte(bytes, 'x');
        } else {
          if (v == 0) {
            throw src.error("invalid byte sequence for encoding \"UTF8\": 0x00", at);
          }
          bytes.write(v);
          i = j;
        }
      }
      case 'u', 'U' -> {
        int digits = c == 'u' ? 4 : 8;
        int cp = hex(i + 1, digits, at);
        i += 1 + digits;
        if (Character.isHighSurrogate((char) cp) && cp <= 0xFFFF) {
          if (i + 1 < n && s.charAt(i) == '\\' && (s.charAt(i + 1) == 'u')) {
            int low = hex(i + 2, 4, i);
            if (!Character.isLowSurrogate((char) low)) {
              throw src.error("invalid Unicode surrogate pair", at);
            }
            i += 6;
            cp = Character.toCodePoint((char) cp, (char) low);
          } else {
            throw src.error("invalid Unicode surrogate pair", at);
          }
        } else if (cp <= 0xFFFF && Character.isLowSurrogate((char) cp)) {
          throw src.error("invalid Unicode surrogate pair", at);
        }
        if (cp == 0 || cp > Character.MAX_CODE_POINT) {
          throw src.error("invalid Unicode escape value", at);
        }
        appendUtf8(bytes, cp);
      }
      default -> {
        if (c >= '0' && c <= '7') {
          int j = i;
          int v = 0;
          while (j < n && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
            v = v * 8 + (s.charAt(j) - '0');
            j++;
          }
          if ((v & 0xFF) == 0) {
            throw src.error("invalid byte sequence for encoding \"UTF8\": 0x00", at);
          }
          bytes.write(v & 0xFF);
          i = j;
        } else if (Character.isHighSurrogate(c) && i + 1 < n) {
          appendUtf8(bytes, s.codePointAt(i));
          i += 2;
        } else {
          appendUtf8(bytes, c);
          i++;
        }
      }
    }
  }

  private void oneByte(ByteArrayOutputStream bytes, char c) {
    bytes.write(c);
    i++;
  }

  private int hex(int from, int digits, int at) {
    if (from + digits > n) {
      throw src.error("invalid Unicode escape", at);
    }
    long v = 0;
    for (int k = from; k < from + digits; k++) {
      int d = Character.digit(s.charAt(k), 16);
      if (d < 0) {
        throw src.error("invalid Unicode escape", at);
      }
      v = v * 16 + d;
    }
    return v > Character.MAX_CODE_POINT ? Integer.MAX_VALUE : (int) v;
  }

  /** {@code U&'...'}: backslash followed by 4 hex digits or + and 6 hex digits. */
  private void unicodeString(int start) {
    int before = out.size();
    string(start, false);
    Token raw = out.remove(before);
    out.add(new Token(Kind.STRING, unicodeEscapes(raw.value(), start), start, raw.end()));
  }

  private String unicodeEscapes(String v, int start) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (k + 1 < v.length() && v.charAt(k + 1) == '\\') {
        sb.append('\\');
        k++;
        continue;
      }
      int digits = k + 1 < v.length() && v.charAt(k + 1) == '+' ? 6 : 4;
      int from = k + 1 + (digits == 6 ? 1 : 0);
      if (from + digits > v.length()) {
        throw src.error("invalid Unicode escape", start);
      }
      int cp = 0;
      for (int m = from; m < from + digits; m++) {
        int d = Character.digit(v.charAt(m), 16);
        if (d < 0) {
          throw src.error("invalid Unicode escape", start);
        }
        cp = cp * 16 + d;
      }
      if (cp == 0
          || cp > Character.MAX_CODE_POINT
          || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
        throw src.error("invalid Unicode escape value", start);
      }
      sb.appendCodePoint(cp);
      k = from + digits - 1;
    }
    return sb.toString();
  }

  private void quotedIdent(int start, boolean unicode) {
    StringBuilder sb = new StringBuilder();
    i++; // opening quote
    while (true) {
      if (i >= n) {
        throw src.error("unterminated quoted identifier" + SourceText.near(tail(start)), start);
      }
      char c = s.charAt(i);
      if (c == '"') {
        if (peekChar(1) == '"') {
          sb.append('"');
          i += 2;
          continue;
        }
        i++;
        break;
      }
      sb.append(c);
      i++;
    }
    if (sb.isEmpty()) {
      throw src.error(
          "zero-length delimited identifier" + SourceText.near(s.substring(start, i)), start);
    }
    String value = unicode ? unicodeEscapes(sb.toString(), start) : sb.toString();
    out.add(new Token(Kind.QUOTED_IDENT, value, start, i));
  }

  private void dollar() {
    int start = i;
    if (isDigit(peekChar(1))) {
      int j = i + 1;
      while (j < n && isDigit(s.charAt(j))) {
        j++;
      }
      if (j < n && isIdentPart(s.charAt(j))) {
        int k = j;
        while (k < n && isIdentPart(s.charAt(k))) {
          k++;
        }
        throw src.error(
            "trailing junk after parameter" + SourceText.near(s.substring(start, k)), start);
      }
      String digits = s.substring(i + 1, j);
      if (digits.length() > 9 || Integer.parseInt(digits) == 0) {
        throw src.error(
            "there is no parameter $" + digits + SourceText.near(s.substring(start, j)), start);
      }
      i = j;
      out.add(new Token(Kind.PARAM, digits, start, j));
      return;
    }
    int j = i + 1;
    if (j < n && isIdentStart(s.charAt(j))) {
      while (j < n && isIdentPart(s.charAt(j)) && s.charAt(j) != '$') {
        j++;
      }
    }
    if (j >= n || s.charAt(j) != '$') {
      throw src.error("syntax error" + SourceText.near("$"), start);
    }
    String delimiter = s.substring(start, j + 1);
    int end = s.indexOf(delimiter, j + 1);
    if (end < 0) {
      throw src.error("unterminated dollar-quoted string" + SourceText.near(tail(start)), start);
    }
    i = end + delimiter.length();
    out.add(new Token(Kind.STRING, s.substring(j + 1, end), start, i));
  }

  private void number() {
    int start = i;
    String value;
    char c1 = peekChar(1);
    if (s.charAt(i) == '0' && "xXoObB".indexOf(c1) >= 0 && c1 != '\0') {
      int radix =
          switch (c1) {
            case 'x', 'X' -> 16;
            case 'o', 'O' -> 8;
            default -> 2;
          };
      i += 2;
      int digitsStart = i;
      digits(radix);
      String digits = s.substring(digitsStart, i).replace("_", "");
      if (digits.isEmpty()) {
        throw junk(start);
      }
      value = new BigInteger(digits, radix).toString();
    } else {
      if (s.charAt(i) != '.') {
        digits(10);
      }
      if (i < n && s.charAt(i) == '.' && peekChar(1) != '.') {
        i++;
        if (i < n && isDigit(s.charAt(i))) {
          digits(10);
        }
      }
      if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
        int save = i;
        i++;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
          i++;
        }
        if (i < n && isDigit(s.charAt(i))) {
          digits(10);
        } else {
          i = save;
          throw junk(start);
        }
      }
      value = s.substring(start, i).replace("_", "");
    }
    if (i < n && isIdentPart(s.charAt(i))) {
      throw junk(start);
    }
    out.add(new Token(Kind.NUMBER, value, start, i));
  }

  private void digits(int radix) {
    while (i < n) {
      char c = s.charAt(i);
      if (Character.digit(c, radix) >= 0 && c < 0x80) {
        i++;
      } else if (c == '_'
          && i + 1 < n
          && Character.digit(s.charAt(i + 1), radix) >= 0
          && s.charAt(i + 1) < 0x80
          && i > 0
          && Character.digit(s.charAt(i - 1), radix) >= 0) {
        i++;
      } else {
        return;
      }
    }
  }

  private ParseException junk(int start) {
    int k = i;
    while (k < n && isIdentPart(s.charAt(k))) {
      k++;
    }
    k = Math.max(k, Math.min(i + 1, n));
    return src.error(
        "trailing junk after numeric literal" + SourceText.near(s.substring(start, k)), start);
  }

  private void operator() {
    int start = i;
    int j = i;
    while (j < n && OP_CHARS.indexOf(s.charAt(j)) >= 0) {
      if (j > start && (s.startsWith("--", j) || s.startsWith("/*", j))) {
        break;
      }
      j++;
    }
    // "--" or "/*" inside a run ends the operator just before it
    int len = j - start;
    if (len > 1) {
      String op = s.substring(start, j);
      boolean special = false;
      for (int k = 0; k < op.length(); k++) {
        special |= NON_MATH_OP_CHARS.indexOf(op.charAt(k)) >= 0;
      }
      if (!special) {
        while (len > 1 && (op.charAt(len - 1) == '+' || op.charAt(len - 1) == '-')) {
          len--;
        }
      }
    }
    i = start + len;
    out.add(new Token(Kind.OP, s.substring(start, i), start, i));
  }
}

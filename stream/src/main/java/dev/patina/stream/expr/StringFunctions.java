package dev.patina.stream.expr;

import dev.patina.stream.expr.Registry.Poly;
import dev.patina.stream.types.DataType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * String functions and operators over varchar (PostgreSQL's text). Positions and lengths count
 * characters (code points), as PostgreSQL does in a UTF-8 database.
 */
final class StringFunctions {
  private StringFunctions() {}

  private static final DataType T = DataType.VARCHAR;
  private static final DataType I4 = DataType.INT32;
  private static final DataType B = DataType.BOOLEAN;

  static void register(Registry r) {
    r.fn("||", List.of(T, T), T, a -> (String) a[0] + a[1]);
    // anynonarray || text and text || anynonarray: the other side in its text output form
    r.fnT("||", List.of(T, Poly.ANY), T, t -> a -> (String) a[0] + Casts.toText(t.get(1), a[1]));
    r.fnT("||", List.of(Poly.ANY, T), T, t -> a -> Casts.toText(t.get(0), a[0]) + a[1]);
    for (String len : List.of("length", "char_length", "character_length")) {
      r.fn(len, List.of(T), I4, a -> codePoints((String) a[0]));
    }
    r.fn(
        "octet_length",
        List.of(T),
        I4,
        a -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length);
    r.fn(
        "bit_length",
        List.of(T),
        I4,
        a -> 8 * ((String) a[0]).getBytes(StandardCharsets.UTF_8).length);
    r.fn("lower", List.of(T), T, a -> ((String) a[0]).toLowerCase(Locale.ROOT));
    r.fn("upper", List.of(T), T, a -> ((String) a[0]).toUpperCase(Locale.ROOT));
    r.fn("initcap", List.of(T), T, a -> initcap((String) a[0]));
    r.fnT("like", List.of(T, T), B, t -> new Like(false));
    r.fnT("like", List.of(T, T, T), B, t -> new Like(false));
    r.fnT("ilike", List.of(T, T), B, t -> new Like(true));
    r.fnT("ilike", List.of(T, T, T), B, t -> new Like(true));

    for (String sub : List.of("substr", "substring")) {
      r.fn(sub, List.of(T, I4), T, a -> substr((String) a[0], (Integer) a[1], null));
      r.fn(sub, List.of(T, I4, I4), T, a -> substr((String) a[0], (Integer) a[1], (Integer) a[2]));
    }
    r.fn("left", List.of(T, I4), T, a -> left((String) a[0], (Integer) a[1]));
    r.fn("right", List.of(T, I4), T, a -> right((String) a[0], (Integer) a[1]));
    r.fn("position", List.of(T, T), I4, a -> strpos((String) a[1], (String) a[0]));
    r.fn("strpos", List.of(T, T), I4, a -> strpos((String) a[0], (String) a[1]));
    r.fn("starts_with", List.of(T, T), B, a -> ((String) a[0]).startsWith((String) a[1]));
    r.fn("^@", List.of(T, T), B, a -> ((String) a[0]).startsWith((String) a[1]));
    r.fn(
        "overlay",
        List.of(T, T, I4),
        T,
        a -> overlay((String) a[0], (String) a[1], (Integer) a[2], null));
    r.fn(
        "overlay",
        List.of(T, T, I4, I4),
        T,
        a -> overlay((String) a[0], (String) a[1], (Integer) a[2], (Integer) a[3]));

    r.fn("btrim", List.of(T), T, a -> trim((String) a[0], " ", true, true));
    r.fn("btrim", List.of(T, T), T, a -> trim((String) a[0], (String) a[1], true, true));
    r.fn("trim", List.of(T), T, a -> trim((String) a[0], " ", true, true));
    r.fn("trim", List.of(T, T), T, a -> trim((String) a[0], (String) a[1], true, true));
    r.fn("ltrim", List.of(T), T, a -> trim((String) a[0], " ", true, false));
    r.fn("ltrim", List.of(T, T), T, a -> trim((String) a[0], (String) a[1], true, false));
    r.fn("rtrim", List.of(T), T, a -> trim((String) a[0], " ", false, true));
    r.fn("rtrim", List.of(T, T), T, a -> trim((String) a[0], (String) a[1], false, true));
    r.fn("lpad", List.of(T, I4), T, a -> pad((String) a[0], (Integer) a[1], " ", true));
    r.fn(
        "lpad", List.of(T, I4, T), T, a -> pad((String) a[0], (Integer) a[1], (String) a[2], true));
    r.fn("rpad", List.of(T, I4), T, a -> pad((String) a[0], (Integer) a[1], " ", false));
    r.fn(
        "rpad",
        List.of(T, I4, T),
        T,
        a -> pad((String) a[0], (Integer) a[1], (String) a[2], false));

    r.variadic("concat", List.of(Poly.ANY), T, false, t -> a -> concatWs("", t, a, 0));
    r.variadic(
        "concat_ws",
        List.of(T, Poly.ANY),
        T,
        false,
        t -> a -> a[0] == null ? null : concatWs((String) a[0], t, a, 1));
    r.fn("replace", List.of(T, T, T), T, a -> replace((String) a[0], (String) a[1], (String) a[2]));
    r.fn(
        "split_part",
        List.of(T, T, I4),
        T,
        a -> splitPart((String) a[0], (String) a[1], (Integer) a[2]));
    r.fn("repeat", List.of(T, I4), T, a -> ((String) a[0]).repeat(Math.max(0, (Integer) a[1])));
    r.fn("reverse", List.of(T), T, a -> new StringBuilder((String) a[0]).reverse().toString());
    r.fn(
        "translate",
        List.of(T, T, T),
        T,
        a -> translate((String) a[0], (String) a[1], (String) a[2]));
    r.fn(
        "ascii",
        List.of(T),
        I4,
        a -> ((String) a[0]).isEmpty() ? 0 : ((String) a[0]).codePointAt(0));
    r.fn("chr", List.of(I4), T, a -> chr((Integer) a[0]));
    r.fn("md5", List.of(T), T, a -> md5((String) a[0]));
    r.fn("to_hex", List.of(I4), T, a -> Integer.toHexString((Integer) a[0]));
    r.fn("to_hex", List.of(DataType.INT64), T, a -> Long.toHexString((Long) a[0]));
    r.fn("quote_literal", List.of(T), T, a -> quoteLiteral((String) a[0]));
    r.fn("quote_ident", List.of(T), T, a -> quoteIdent((String) a[0]));

    Regex.register(r);
  }

  static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  /** The index of the code point at position {@code cp} (clamped to the string). */
  private static int offset(String s, long cp) {
    if (cp <= 0) {
      return 0;
    }
    int n = codePoints(s);
    return cp >= n ? s.length() : s.offsetByCodePoints(0, (int) cp);
  }

  /** PostgreSQL's substr: start may be below 1 (the length then counts from it). */
  static String substr(String s, int start, Integer count) {
    if (count != null && count < 0) {
      throw Errors.of("22011", "negative substring length not allowed");
    }
    long from = start - 1L;
    long to = count == null ? Long.MAX_VALUE : from + count;
    if (to <= 0 || to <= from) {
      return "";
    }
    return s.substring(offset(s, from), offset(s, to));
  }

  static String left(String s, int n) {
    int len = codePoints(s);
    int k = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
    return s.substring(0, offset(s, k));
  }

  static String right(String s, int n) {
    int len = codePoints(s);
    int k = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
    return s.substring(offset(s, len - k));
  }

  static int strpos(String s, String sub) {
    int i = s.indexOf(sub);
    return i < 0 ? 0 : s.codePointCount(0, i) + 1;
  }

  static String overlay(String s, String repl, int start, Integer count) {
    int n = count == null ? codePoints(repl) : count;
    return substr(s, 1, Math.max(0, start - 1)) + repl + substr(s, start + n, null);
  }

  static String trim(String s, String chars, boolean leading, boolean trailing) {
    int begin = 0;
    int end = s.length();
    while (leading && begin < end) {
      int cp = s.codePointAt(begin);
      if (chars.indexOf(cp) < 0) {
        break;
      }
      begin += Character.charCount(cp);
    }
    while (trailing && end > begin) {
      int cp = s.codePointBefore(end);
      if (chars.indexOf(cp) < 0) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(begin, end);
  }

  static String pad(String s, int len, String fill, boolean left) {
    int n = codePoints(s);
    if (len <= n) {
      return s.substring(0, offset(s, Math.max(0, len)));
    }
    if (fill.isEmpty()) {
      return s;
    }
    StringBuilder p = new StringBuilder();
    int[] cps = fill.codePoints().toArray();
    for (int i = 0; i < len - n; i++) {
      p.appendCodePoint(cps[i % cps.length]);
    }
    return left ? p + s : s + p;
  }

  static String concatWs(String sep, List<DataType> types, Object[] a, int from) {
    StringBuilder sb = new StringBuilder();
    boolean first = true;
    for (int i = from; i < a.length; i++) {
      if (a[i] == null) {
        continue;
      }
      if (!first) {
        sb.append(sep);
      }
      first = false;
      sb.append(Casts.outputText(types.get(i), a[i]));
    }
    return sb.toString();
  }

  static String replace(String s, String from, String to) {
    return from.isEmpty() ? s : s.replace(from, to);
  }

  static String splitPart(String s, String delim, int n) {
    if (n == 0) {
      throw Errors.invalidParameter("field position must not be zero");
    }
    List<String> parts = new ArrayList<>();
    if (delim.isEmpty()) {
      parts.add(s);
    } else {
      int i = 0;
      while (true) {
        int j = s.indexOf(delim, i);
        if (j < 0) {
          parts.add(s.substring(i));
          break;
        }
        parts.add(s.substring(i, j));
        i = j + delim.length();
      }
    }
    if (s.isEmpty()) {
      return "";
    }
    int k = n > 0 ? n - 1 : parts.size() + n;
    return k >= 0 && k < parts.size() ? parts.get(k) : "";
  }

  static String translate(String s, String from, String to) {
    int[] f = from.codePoints().toArray();
    int[] t = to.codePoints().toArray();
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .forEach(
            cp -> {
              int i = -1;
              for (int k = 0; k < f.length; k++) {
                if (f[k] == cp) {
                  i = k;
                  break;
                }
              }
              if (i < 0) {
                sb.appendCodePoint(cp);
              } else if (i < t.length) {
                sb.appendCodePoint(t[i]);
              }
            });
    return sb.toString();
  }

  static String chr(int cp) {
    if (cp == 0) {
      throw Errors.of("54000", "null character not permitted");
    }
    if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
      throw Errors.of("54000", "requested character too large for encoding: " + cp);
    }
    return new String(Character.toChars(cp));
  }

  static String initcap(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean inWord = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      sb.appendCodePoint(inWord ? Character.toLowerCase(cp) : Character.toUpperCase(cp));
      inWord = Character.isLetterOrDigit(cp);
    }
    return sb.toString();
  }

  static String md5(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String quoteLiteral(String s) {
    String q = "'" + s.replace("'", "''") + "'";
    return s.contains("\\") ? "E" + q.replace("\\", "\\\\") : q;
  }

  static String quoteIdent(String s) {
    if (s.matches("[a-z_][a-z0-9_$]*")) {
      return s;
    }
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}

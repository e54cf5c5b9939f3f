package dev.patina.stream.expr;

import java.util.regex.Pattern;

/**
 * SQL LIKE/ILIKE patterns ({@code %} any string, {@code _} one character, an escape character
 * before either takes it literally) compiled to Java regexes. An implementation instance remembers
 * the last pattern it compiled, as patterns are usually constant.
 */
final class Like implements ScalarFn {
  private final boolean caseInsensitive;
  private volatile Compiled last;

  private record Compiled(String pattern, String escape, Pattern regex) {}

  Like(boolean caseInsensitive) {
    this.caseInsensitive = caseInsensitive;
  }

  @Override
  public Object apply(Object[] a) {
    String s = (String) a[0];
    String p = (String) a[1];
    String esc = a.length > 2 ? (String) a[2] : "\\";
    Compiled c = last;
    if (c == null || !c.pattern.equals(p) || !c.escape.equals(esc)) {
      c = new Compiled(p, esc, compile(p, esc, caseInsensitive));
      last = c;
    }
    return c.regex.matcher(s).matches();
  }

  static Pattern compile(String pattern, String escape, boolean caseInsensitive) {
    if (escape.codePointCount(0, escape.length()) > 1) {
      throw Errors.invalidEscape("invalid escape string");
    }
    int esc = escape.isEmpty() ? -1 : escape.codePointAt(0);
    StringBuilder re = new StringBuilder();
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i < pattern.length(); ) {
      int cp = pattern.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == esc) {
        if (i >= pattern.length()) {
          throw Errors.invalidEscape("LIKE pattern must not end with escape character");
        }
        int next = pattern.codePointAt(i);
        i += Character.charCount(next);
        lit.appendCodePoint(next);
      } else if (cp == '%' || cp == '_') {
        flush(re, lit);
        re.append(cp == '%' ? ".*" : ".");
      } else {
        lit.appendCodePoint(cp);
      }
    }
    flush(re, lit);
    int flags = Pattern.DOTALL;
    if (caseInsensitive) {
      flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    }
    return Pattern.compile(re.toString(), flags);
  }

  private static void flush(StringBuilder re, StringBuilder lit) {
    if (!lit.isEmpty()) {
      re.append(Pattern.quote(lit.toString()));
      lit.setLength(0);
    }
  }
}

package dev.patina.stream.expr;

import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * POSIX regular expression operators and functions ({@code ~}, {@code ~*}, regexp_match,
 * regexp_replace, regexp_count), run on {@link java.util.regex}, which agrees with PostgreSQL's
 * advanced regular expressions on the common syntax (classes, quantifiers, groups, anchors,
 * backreferences); replacement strings use PostgreSQL's {@code \1} and {@code \&}.
 */
final class Regex {
  private Regex() {}

  private static final DataType T = DataType.VARCHAR;
  private static final DataType B = DataType.BOOLEAN;
  private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

  static void register(Registry r) {
    r.fn("~", List.of(T, T), B, a -> find((String) a[0], (String) a[1], ""));
    r.fn("~*", List.of(T, T), B, a -> find((String) a[0], (String) a[1], "i"));
    r.fn("!~", List.of(T, T), B, a -> !find((String) a[0], (String) a[1], ""));
    r.fn("!~*", List.of(T, T), B, a -> !find((String) a[0], (String) a[1], "i"));
    r.fn(
        "similar_to",
        List.of(T, T),
        B,
        a -> similar((String) a[1], "\\").matcher((String) a[0]).matches());
    r.fnNullable(
        "similar_to",
        List.of(T, T, T),
        B,
        a ->
            a[0] == null || a[1] == null
                ? null
                : similar((String) a[1], (String) a[2]).matcher((String) a[0]).matches());
    r.fn("regexp_like", List.of(T, T), B, a -> find((String) a[0], (String) a[1], ""));
    r.fn(
        "regexp_like", List.of(T, T, T), B, a -> find((String) a[0], (String) a[1], (String) a[2]));
    r.fn(
        "regexp_match",
        List.of(T, T),
        DataType.list(T),
        a -> match((String) a[0], (String) a[1], ""));
    r.fn(
        "regexp_match",
        List.of(T, T, T),
        DataType.list(T),
        a -> match((String) a[0], (String) a[1], (String) a[2]));
    r.fn(
        "regexp_replace",
        List.of(T, T, T),
        T,
        a -> replace((String) a[0], (String) a[1], (String) a[2], ""));
    r.fn(
        "regexp_replace",
        List.of(T, T, T, T),
        T,
        a -> replace((String) a[0], (String) a[1], (String) a[2], (String) a[3]));
    r.fn(
        "regexp_count",
        List.of(T, T),
        DataType.INT32,
        a -> count((String) a[0], (String) a[1], ""));
    r.fn(
        "regexp_count",
        List.of(T, T, DataType.INT32, T),
        DataType.INT32,
        a ->
            count(
                ((String) a[0])
                    .substring(Math.min(((String) a[0]).length(), Math.max(0, (Integer) a[2] - 1))),
                (String) a[1],
                (String) a[3]));
  }

  static Pattern compile(String re, String flags) {
    if (CACHE.size() > 1000) {
      CACHE.clear(); // patterns are usually constants; a bound keeps generated ones from piling up
    }
    return CACHE.computeIfAbsent(
        flags + "/" + re,
        k -> {
          int f = 0;
          for (char c : flags.toCharArray()) {
            switch (c) {
              case 'i' -> f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
              case 'c', 'g' -> {}
              case 'n', 'm' -> f |= Pattern.MULTILINE;
              case 's' -> f |= Pattern.DOTALL;
              case 'x' -> f |= Pattern.COMMENTS;
              default ->
                  throw Errors.invalidParameter("invalid regular expression option: \"" + c + "\"");
            }
          }
          try {
            return Pattern.compile(toJava(re), f);
          } catch (PatternSyntaxException e) {
            throw Errors.invalidRegex("invalid regular expression: " + e.getDescription());
          }
        });
  }

  private static final java.util.Map<String, String> CLASSES =
      java.util.Map.ofEntries(
          java.util.Map.entry("alpha", "\\p{IsAlphabetic}"),
          java.util.Map.entry("digit", "0-9"),
          java.util.Map.entry("alnum", "\\p{IsAlphabetic}0-9"),
          java.util.Map.entry("upper", "\\p{IsUppercase}"),
          java.util.Map.entry("lower", "\\p{IsLowercase}"),
          java.util.Map.entry("space", "\\s"),
          java.util.Map.entry("blank", " \\t"),
          java.util.Map.entry("punct", "\\p{Punct}"),
          java.util.Map.entry("xdigit", "0-9A-Fa-f"),
          java.util.Map.entry("word", "\\w"),
          java.util.Map.entry("cntrl", "\\p{Cntrl}"),
          java.util.Map.entry("print", "\\p{Print}"),
          java.util.Map.entry("graph", "\\p{Graph}"));

  /**
   * PostgreSQL's regex syntax that Java spells differently: POSIX classes inside brackets ({@code
   * [[:alpha:]]}) and the word-boundary escapes {@code \m}, {@code \M}, {@code \y}.
   */
  static String toJava(String re) {
    StringBuilder sb = new StringBuilder(re.length());
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        char n = re.charAt(i + 1);
        if (n == 'm' || n == 'M' || n == 'y') {
          sb.append("\\b");
        } else {
          sb.append(c).append(n);
        }
        i++;
      } else if (c == '[' && re.startsWith("[:", i)) {
        int end = re.indexOf(":]", i + 2);
        String cls = end < 0 ? null : CLASSES.get(re.substring(i + 2, end));
        if (cls == null) {
          sb.append(c);
        } else {
          sb.append(cls);
          i = end + 1;
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A SIMILAR TO pattern as a Java regex matching the whole string: {@code %} and {@code _} are
   * wildcards, {@code |}, {@code *}, {@code +}, {@code ?}, {@code {m,n}}, groups and brackets are
   * regex operators, everything else (the dot included) is literal.
   */
  static Pattern similar(String pattern, String escape) {
    Pattern cached = CACHE.get("similar/" + escape + "/" + pattern);
    if (cached != null) {
      return cached;
    }
    Pattern p = compileSimilar(pattern, escape);
    if (CACHE.size() > 1000) {
      CACHE.clear();
    }
    CACHE.put("similar/" + escape + "/" + pattern, p);
    return p;
  }

  private static Pattern compileSimilar(String pattern, String escape) {
    if (escape != null && escape.codePointCount(0, escape.length()) > 1) {
      throw Errors.invalidEscape("invalid escape string");
    }
    int esc = escape == null || escape.isEmpty() ? -1 : escape.codePointAt(0);
    StringBuilder sb = new StringBuilder();
    boolean inBracket = false;
    for (int i = 0; i < pattern.length(); ) {
      int cp = pattern.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == esc) {
        if (i >= pattern.length()) {
          throw Errors.invalidEscape("invalid escape string");
        }
        int n = pattern.codePointAt(i);
        i += Character.charCount(n);
        sb.append(Pattern.quote(new String(Character.toChars(n))));
      } else if (inBracket) {
        if (cp == ']') {
          inBracket = false;
        }
        sb.appendCodePoint(cp);
      } else {
        switch (cp) {
          case '%' -> sb.append(".*");
          case '_' -> sb.append('.');
          case '[' -> {
            inBracket = true;
            sb.append('[');
          }
          case '|', '*', '+', '?', '{', '}', '(', ')' -> sb.appendCodePoint(cp);
          default -> sb.append(Pattern.quote(new String(Character.toChars(cp))));
        }
      }
    }
    try {
      return Pattern.compile(toJava(sb.toString()), Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw Errors.invalidRegex("invalid regular expression: " + e.getDescription());
    }
  }

  static boolean find(String s, String re, String flags) {
    return compile(re, flags).matcher(s).find();
  }

  /** The first match's groups (or the whole match when there are none), or NULL. */
  static List<Object> match(String s, String re, String flags) {
    if (flags.contains("g")) {
      throw Errors.invalidParameter("regexp_match() does not support the \"global\" option");
    }
    Matcher m = compile(re, flags).matcher(s);
    if (!m.find()) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    if (m.groupCount() == 0) {
      out.add(m.group());
    } else {
      for (int i = 1; i <= m.groupCount(); i++) {
        out.add(m.group(i));
      }
    }
    return Collections.unmodifiableList(out);
  }

  static String replace(String s, String re, String repl, String flags) {
    Matcher m = compile(re, flags).matcher(s);
    boolean global = flags.contains("g");
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      sb.append(s, last, m.start());
      appendReplacement(sb, m, repl);
      last = m.end();
      if (!global) {
        break;
      }
    }
    sb.append(s, last, s.length());
    return sb.toString();
  }

  private static void appendReplacement(StringBuilder sb, Matcher m, String repl) {
    for (int i = 0; i < repl.length(); i++) {
      char c = repl.charAt(i);
      if (c == '\\' && i + 1 < repl.length()) {
        char n = repl.charAt(i + 1);
        if (n >= '1' && n <= '9') {
          int g = n - '0';
          if (g <= m.groupCount() && m.group(g) != null) {
            sb.append(m.group(g));
          }
          i++;
          continue;
        }
        if (n == '&') {
          sb.append(m.group());
          i++;
          continue;
        }
        if (n == '\\') {
          sb.append('\\');
          i++;
          continue;
        }
      }
      sb.append(c);
    }
  }

  static int count(String s, String re, String flags) {
    Matcher m = compile(re, flags).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}

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
            if (CACHE.size() > 1000) {
              CACHE.clear();
            }
            return Pattern.compile(re, f);
          } catch (PatternSyntaxException e) {
            throw Errors.invalidRegex("invalid regular expression: " + e.getDescription());
          }
        });
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

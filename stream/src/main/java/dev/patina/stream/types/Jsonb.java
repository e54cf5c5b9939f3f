package dev.patina.stream.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A jsonb value: a JSON document in PostgreSQL's normalized form.
 *
 * <p>The tree is made of Java values: {@code null} (JSON null), {@link Boolean}, {@link BigDecimal}
 * (every number, as PostgreSQL keeps them as numeric), {@link String}, {@code List<Object>} and
 * {@code Map<String, Object>}. Objects are normalized as jsonb does: keys ordered by length, then
 * by their UTF-8 bytes, and the last of duplicate keys wins. {@link #toString()} prints jsonb's
 * text form ({@code {"a": 1, "b": [true, null]}}).
 */
public final class Jsonb {
  /** jsonb's key order: shorter keys first, then bytewise. */
  public static final Comparator<String> KEY_ORDER =
      Comparator.<String>comparingInt(k -> k.getBytes(StandardCharsets.UTF_8).length)
          .thenComparing(
              (a, b) ->
                  Arrays.compareUnsigned(
                      a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

  private final Object value;

  private Jsonb(Object value) {
    this.value = value;
  }

  /** Wraps a JSON tree (see the class doc), normalizing objects and numbers. */
  public static Jsonb of(Object tree) {
    return new Jsonb(normalize(tree));
  }

  /** The JSON tree: null, Boolean, BigDecimal, String, List or Map. */
  public Object value() {
    return value;
  }

  /** Parses JSON text as jsonb input does; throws {@link InvalidValueException} if malformed. */
  public static Jsonb parse(String text) {
    return new Jsonb(parseTree(text, false));
  }

  /**
   * The JSON tree of {@code text}; with {@code doubles}, numbers with a fraction or an exponent are
   * {@link Double}s (as serde_json reads them, for variant) and only integers are BigDecimal.
   */
  static Object parseTree(String text, boolean doubles) {
    Parser p = new Parser(text);
    p.doubles = doubles;
    p.skipWhitespace();
    Object v = p.value(0);
    p.skipWhitespace();
    if (p.pos != text.length()) {
      throw p.error();
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Jsonb j && java.util.Objects.equals(value, j.value);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(value);
  }

  /** jsonb's text output. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static Object normalize(Object v) {
    return switch (v) {
      case null -> null;
      case Boolean b -> b;
      case String s -> s;
      case BigDecimal d -> d.scale() < 0 ? d.setScale(0) : d;
      case Integer i -> BigDecimal.valueOf(i);
      case Long l -> BigDecimal.valueOf(l);
      case Short s -> BigDecimal.valueOf(s);
      case Double d -> normalize(new BigDecimal(Double.toString(d)));
      case Float f -> normalize(new BigDecimal(Float.toString(f)));
      case List<?> l -> {
        List<Object> out = new ArrayList<>(l.size());
        for (Object o : l) {
          out.add(normalize(o));
        }
        yield Collections.unmodifiableList(out);
      }
      case Map<?, ?> m -> {
        TreeMap<String, Object> sorted = new TreeMap<>(KEY_ORDER);
        for (Map.Entry<?, ?> e : m.entrySet()) {
          sorted.put((String) e.getKey(), normalize(e.getValue()));
        }
        yield Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    };
  }

  private static void write(StringBuilder sb, Object v) {
    switch (v) {
      case null -> sb.append("null");
      case Boolean b -> sb.append(b);
      case BigDecimal d -> sb.append(d.toPlainString());
      case String s -> quote(sb, s);
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          write(sb, l.get(i));
        }
        sb.append(']');
      }
      case Map<?, ?> m -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          quote(sb, (String) e.getKey());
          sb.append(": ");
          write(sb, e.getValue());
        }
        sb.append('}');
      }
      default -> throw new IllegalStateException(v.getClass().getName());
    }
  }

  /** PostgreSQL's {@code escape_json}. */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** A recursive-descent JSON parser with a nesting limit. */
  private static final class Parser {
    private static final int MAX_DEPTH = 1000;
    private final String s;
    private int pos;
    private boolean doubles;

    Parser(String s) {
      this.s = s;
    }

    InvalidValueException error() {
      return new InvalidValueException(
          InvalidValueException.INVALID_TEXT, "invalid input syntax for type json");
    }

    void skipWhitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          break;
        }
      }
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw new InvalidValueException("54001", "stack depth limit exceeded while parsing json");
      }
      if (pos >= s.length()) {
        throw error();
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{' -> {
          pos++;
          TreeMap<String, Object> map = new TreeMap<>(KEY_ORDER);
          skipWhitespace();
          if (peek() == '}') {
            pos++;
            return Map.of();
          }
          while (true) {
            skipWhitespace();
            if (peek() != '"') {
              throw error();
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, value(depth + 1));
            skipWhitespace();
            char d = next();
            if (d == '}') {
              return Collections.unmodifiableMap(new LinkedHashMap<>(map));
            }
            if (d != ',') {
              throw error();
            }
          }
        }
        case '[' -> {
          pos++;
          List<Object> list = new ArrayList<>();
          skipWhitespace();
          if (peek() == ']') {
            pos++;
            return List.of();
          }
          while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            char d = next();
            if (d == ']') {
              return Collections.unmodifiableList(list);
            }
            if (d != ',') {
              throw error();
            }
          }
        }
        case '"' -> {
          return string();
        }
        case 't' -> {
          literal("true");
          return Boolean.TRUE;
        }
        case 'f' -> {
          literal("false");
          return Boolean.FALSE;
        }
        case 'n' -> {
          literal("null");
          return null;
        }
        default -> {
          return number();
        }
      }
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    char next() {
      if (pos >= s.length()) {
        throw error();
      }
      return s.charAt(pos++);
    }

    void expect(char c) {
      if (next() != c) {
        throw error();
      }
    }

    void literal(String word) {
      if (!s.startsWith(word, pos)) {
        throw error();
      }
      pos += word.length();
    }

    Object number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (peek() >= '1' && peek() <= '9') {
        while (Character.isDigit(peek()) && peek() < 128) {
          pos++;
        }
      } else {
        throw error();
      }
      if (peek() == '.') {
        pos++;
        if (!(peek() >= '0' && peek() <= '9')) {
          throw error();
        }
        while (peek() >= '0' && peek() <= '9') {
          pos++;
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!(peek() >= '0' && peek() <= '9')) {
          throw error();
        }
        while (peek() >= '0' && peek() <= '9') {
          pos++;
        }
      }
      try {
        String text = s.substring(start, pos);
        if (doubles
            && (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0)) {
          return Double.parseDouble(text);
        }
        BigDecimal d = new BigDecimal(text);
        return d.scale() < 0 ? d.setScale(0) : d;
      } catch (NumberFormatException | ArithmeticException e) {
        throw error();
      }
    }

    String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0x20) {
          throw error();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error();
            }
            int cp;
            try {
              cp = Integer.parseInt(s.substring(pos, pos + 4), 16);
            } catch (NumberFormatException ex) {
              throw error();
            }
            pos += 4;
            if (cp == 0) {
              throw new InvalidValueException(
                  "22P05",
                  "unsupported Unicode escape sequence: \\u0000 cannot be converted to text");
            }
            sb.append((char) cp);
          }
          default -> throw error();
        }
      }
    }
  }
}

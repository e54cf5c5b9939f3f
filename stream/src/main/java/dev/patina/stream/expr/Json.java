package dev.patina.stream.expr;

import dev.patina.stream.types.Jsonb;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** jsonb operators and functions over {@link Jsonb} trees, with PostgreSQL's semantics. */
final class Json {
  private Json() {}

  /** {@code jsonb_typeof}: object, array, string, number, boolean or null. */
  static String typeof(Object v) {
    return switch (v) {
      case null -> "null";
      case String s -> "string";
      case BigDecimal d -> "number";
      case Boolean b -> "boolean";
      case List<?> l -> "array";
      case Map<?, ?> m -> "object";
      default -> throw new IllegalStateException("not a JSON value: " + v.getClass());
    };
  }

  /** Sentinel for "no such element" (distinct from JSON null). */
  static final Object MISSING = new Object();

  /** {@code j -> key}: the member, or MISSING. */
  static Object field(Object tree, String key) {
    if (tree instanceof Map<?, ?> m && m.containsKey(key)) {
      return m.get(key);
    }
    return MISSING;
  }

  /** {@code j -> index}: the element (negative counts from the end), or MISSING. */
  static Object element(Object tree, long index) {
    if (tree instanceof List<?> l) {
      long i = index < 0 ? l.size() + index : index;
      if (i >= 0 && i < l.size()) {
        return l.get((int) i);
      }
    }
    return MISSING;
  }

  /** {@code j #> path}: follows keys and array indexes given as text. */
  static Object path(Object tree, List<?> path) {
    Object cur = tree;
    for (Object step : path) {
      if (step == null) {
        return MISSING;
      }
      String s = (String) step;
      if (cur instanceof Map<?, ?>) {
        cur = field(cur, s);
      } else if (cur instanceof List<?>) {
        try {
          cur = element(cur, Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
          return MISSING;
        }
      } else {
        return MISSING;
      }
      if (cur == MISSING) {
        return MISSING;
      }
    }
    return cur;
  }

  /** A subtree as a jsonb value, or SQL NULL when missing. */
  static Object asJsonb(Object v) {
    return v == MISSING ? null : Jsonb.of(v);
  }

  /** A subtree as {@code ->>} gives it: strings unquoted, JSON null as SQL NULL. */
  static Object asText(Object v) {
    if (v == MISSING || v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    return Jsonb.of(v).toString();
  }

  /** {@code a @> b}: PostgreSQL's jsonb containment. */
  static boolean contains(Object a, Object b) {
    if (a instanceof Map<?, ?> m) {
      if (!(b instanceof Map<?, ?> n)) {
        return false;
      }
      for (Map.Entry<?, ?> e : n.entrySet()) {
        if (!m.containsKey(e.getKey()) || !contains(m.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> l) {
      if (b instanceof List<?> r) {
        for (Object x : r) {
          boolean found = false;
          for (Object y : l) {
            if (!(x instanceof List<?> || x instanceof Map<?, ?>) && y instanceof List<?>) {
              continue;
            }
            if (contains(y, x)) {
              found = true;
              break;
            }
          }
          if (!found) {
            return false;
          }
        }
        return true;
      }
      // a top-level array contains a primitive that is one of its elements
      if (!(b instanceof Map<?, ?>)) {
        for (Object y : l) {
          if (!(y instanceof List<?>) && !(y instanceof Map<?, ?>) && scalarEqual(y, b)) {
            return true;
          }
        }
      }
      return false;
    }
    return !(b instanceof List<?>) && !(b instanceof Map<?, ?>) && scalarEqual(a, b);
  }

  private static boolean scalarEqual(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return a.equals(b);
  }

  /** {@code j ? key}: a top-level key, or a string element of a top-level array. */
  static boolean hasKey(Object tree, String key) {
    if (tree instanceof Map<?, ?> m) {
      return m.containsKey(key);
    }
    if (tree instanceof List<?> l) {
      return l.contains(key);
    }
    return tree instanceof String s && s.equals(key);
  }
}

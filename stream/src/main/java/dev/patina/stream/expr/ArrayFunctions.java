package dev.patina.stream.expr;

import dev.patina.stream.expr.Registry.Poly;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ListType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Array (RisingWave list) operators and functions; arrays are one-dimensional and 1-based. */
final class ArrayFunctions {
  private ArrayFunctions() {}

  private static final DataType I4 = DataType.INT32;
  private static final DataType T = DataType.VARCHAR;
  private static final DataType B = DataType.BOOLEAN;
  private static final Poly A = Poly.ANYARRAY;
  private static final Poly E = Poly.ANYELEMENT;

  static void register(Registry r) {
    r.fnNullable("||", List.of(A, A), A, a -> cat(a[0], a[1]));
    r.fnNullable("||", List.of(A, E), A, a -> append(a[0], a[1]));
    r.fnNullable("||", List.of(E, A), A, a -> prepend(a[0], a[1]));
    r.fnNullable("array_cat", List.of(A, A), A, a -> cat(a[0], a[1]));
    r.fnNullable("array_append", List.of(A, E), A, a -> append(a[0], a[1]));
    r.fnNullable("array_prepend", List.of(E, A), A, a -> prepend(a[0], a[1]));
    r.fn("array_length", List.of(A), I4, a -> ((List<?>) a[0]).size());
    r.fn(
        "array_length",
        List.of(A, I4),
        I4,
        a -> (Integer) a[1] == 1 && !((List<?>) a[0]).isEmpty() ? ((List<?>) a[0]).size() : null);
    r.fn("cardinality", List.of(A), I4, a -> ((List<?>) a[0]).size());
    r.fn(
        "array_lower",
        List.of(A, I4),
        I4,
        a -> (Integer) a[1] == 1 && !((List<?>) a[0]).isEmpty() ? 1 : null);
    r.fn(
        "array_upper",
        List.of(A, I4),
        I4,
        a -> (Integer) a[1] == 1 && !((List<?>) a[0]).isEmpty() ? ((List<?>) a[0]).size() : null);
    r.fn("array_ndims", List.of(A), I4, a -> ((List<?>) a[0]).isEmpty() ? null : 1);
    r.fnNullable("array_position", List.of(A, E), I4, a -> position(a[0], a[1]));
    r.fnNullable("array_remove", List.of(A, E), A, a -> remove(a[0], a[1]));
    r.fnNullable("array_replace", List.of(A, E, E), A, a -> replace(a[0], a[1], a[2]));
    r.fnT(
        "array_to_string",
        List.of(A, T),
        T,
        t -> a -> join(elem(t.get(0)), a[0], (String) a[1], null));
    r.fnT(
        "array_join", List.of(A, T), T, t -> a -> join(elem(t.get(0)), a[0], (String) a[1], null));
    r.add(
        new Registry.Sig(
            "array_to_string",
            List.of(A, T, T),
            false,
            T,
            t ->
                a ->
                    a[0] == null || a[1] == null
                        ? null
                        : join(elem(t.get(0)), a[0], (String) a[1], (String) a[2]),
            false,
            Volatility.IMMUTABLE));
    r.fnNullable("string_to_array", List.of(T, T), DataType.list(T), a -> split(a[0], a[1], null));
    r.fnNullable(
        "string_to_array", List.of(T, T, T), DataType.list(T), a -> split(a[0], a[1], a[2]));
    r.fn("@>", List.of(A, A), B, a -> containsAll((List<?>) a[0], (List<?>) a[1]));
    r.fn("<@", List.of(A, A), B, a -> containsAll((List<?>) a[1], (List<?>) a[0]));
    r.fn("&&", List.of(A, A), B, a -> overlaps((List<?>) a[0], (List<?>) a[1]));
    r.fn("array_contains", List.of(A, A), B, a -> containsAll((List<?>) a[0], (List<?>) a[1]));
    r.fn("array_distinct", List.of(A), A, a -> distinct((List<?>) a[0]));
    r.fn("array_sort", List.of(A), A, a -> sorted((List<?>) a[0]));
    r.fn("array_reverse", List.of(A), A, a -> reversed((List<?>) a[0]));
    r.fn("array_min", List.of(A), E, a -> extreme((List<?>) a[0], false));
    r.fn("array_max", List.of(A), E, a -> extreme((List<?>) a[0], true));
  }

  private static DataType elem(DataType t) {
    return ((ListType) t).element();
  }

  static Object cat(Object a, Object b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    List<Object> out = new ArrayList<>((List<?>) a);
    out.addAll((List<?>) b);
    return Collections.unmodifiableList(out);
  }

  static Object append(Object a, Object e) {
    List<Object> out = a == null ? new ArrayList<>() : new ArrayList<>((List<?>) a);
    out.add(e);
    return Collections.unmodifiableList(out);
  }

  static Object prepend(Object e, Object a) {
    List<Object> out = new ArrayList<>();
    out.add(e);
    if (a != null) {
      out.addAll((List<?>) a);
    }
    return Collections.unmodifiableList(out);
  }

  /** IS NOT DISTINCT FROM on elements. */
  private static boolean same(Object x, Object y) {
    return x == null || y == null ? x == y : Ordering.equal(x, y);
  }

  static Object position(Object a, Object e) {
    if (a == null) {
      return null;
    }
    List<?> l = (List<?>) a;
    for (int i = 0; i < l.size(); i++) {
      if (same(l.get(i), e)) {
        return i + 1;
      }
    }
    return null;
  }

  static Object remove(Object a, Object e) {
    if (a == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (Object x : (List<?>) a) {
      if (!same(x, e)) {
        out.add(x);
      }
    }
    return Collections.unmodifiableList(out);
  }

  static Object replace(Object a, Object from, Object to) {
    if (a == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (Object x : (List<?>) a) {
      out.add(same(x, from) ? to : x);
    }
    return Collections.unmodifiableList(out);
  }

  static String join(DataType el, Object a, String sep, String nullStr) {
    StringBuilder sb = new StringBuilder();
    boolean first = true;
    for (Object x : (List<?>) a) {
      if (x == null && nullStr == null) {
        continue;
      }
      if (!first) {
        sb.append(sep);
      }
      first = false;
      sb.append(x == null ? nullStr : Casts.outputText(el, x));
    }
    return sb.toString();
  }

  static Object split(Object s, Object sep, Object nullStr) {
    if (s == null) {
      return null;
    }
    String str = (String) s;
    List<Object> out = new ArrayList<>();
    if (str.isEmpty()) {
      return List.of();
    }
    if (sep == null) {
      str.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
    } else if (((String) sep).isEmpty()) {
      out.add(str);
    } else {
      String d = (String) sep;
      int i = 0;
      while (true) {
        int j = str.indexOf(d, i);
        if (j < 0) {
          out.add(str.substring(i));
          break;
        }
        out.add(str.substring(i, j));
        i = j + d.length();
      }
    }
    if (nullStr != null) {
      out.replaceAll(x -> nullStr.equals(x) ? null : x);
    }
    return Collections.unmodifiableList(out);
  }

  static boolean containsAll(List<?> a, List<?> b) {
    for (Object x : b) {
      if (x == null) {
        return false;
      }
      boolean found = false;
      for (Object y : a) {
        if (y != null && Ordering.equal(x, y)) {
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

  static boolean overlaps(List<?> a, List<?> b) {
    for (Object x : b) {
      for (Object y : a) {
        if (x != null && y != null && Ordering.equal(x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  static List<Object> distinct(List<?> a) {
    List<Object> out = new ArrayList<>();
    for (Object x : a) {
      if (out.stream().noneMatch(y -> same(x, y))) {
        out.add(x);
      }
    }
    return Collections.unmodifiableList(out);
  }

  static List<Object> sorted(List<?> a) {
    List<Object> out = new ArrayList<>(a);
    out.sort(Ordering.NULLS_LAST);
    return Collections.unmodifiableList(out);
  }

  static List<Object> reversed(List<?> a) {
    List<Object> out = new ArrayList<>(a);
    Collections.reverse(out);
    return Collections.unmodifiableList(out);
  }

  static Object extreme(List<?> a, boolean max) {
    Object best = null;
    for (Object x : a) {
      if (x != null
          && (best == null || (Ordering.compare(x, best) > 0) == max && !Ordering.equal(x, best))) {
        best = x;
      }
    }
    return best;
  }
}

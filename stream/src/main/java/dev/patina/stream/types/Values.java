package dev.patina.stream.types;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** Equality and type checks for runtime values, including {@code byte[]} inside lists. */
public final class Values {
  private Values() {}

  /** Whether two values are equal; byte arrays and lists of them compare by content. */
  public static boolean equal(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return listEquals(x, y);
    }
    return a.equals(b);
  }

  /** A hash code consistent with {@link #equal}. */
  public static int hash(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof byte[] b) {
      return Arrays.hashCode(b);
    }
    if (v instanceof List<?> l) {
      return listHash(l);
    }
    return v.hashCode();
  }

  static boolean listEquals(List<?> a, List<?> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  static int listHash(List<?> l) {
    int h = 1;
    for (Object o : l) {
      h = 31 * h + hash(o);
    }
    return h;
  }

  /** Whether {@code value} (non-null) is a valid runtime value of {@code type}. */
  public static boolean conforms(DataType type, Object value) {
    if (value == null) {
      return true;
    }
    return switch (type) {
      case ScalarType.DECIMAL -> value instanceof BigDecimal || value instanceof NonFiniteDecimal;
      case ScalarType s -> s.javaClass().isInstance(value);
      case ListType l -> {
        if (!(value instanceof List<?> list)) {
          yield false;
        }
        for (Object e : list) {
          if (!conforms(l.element(), e)) {
            yield false;
          }
        }
        yield true;
      }
      case StructType s -> {
        if (!(value instanceof StructValue v) || v.fields().size() != s.fields().size()) {
          yield false;
        }
        for (int i = 0; i < s.fields().size(); i++) {
          if (!conforms(s.fields().get(i).type(), v.fields().get(i))) {
            yield false;
          }
        }
        yield true;
      }
    };
  }
}

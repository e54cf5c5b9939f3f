package dev.patina.stream.expr;

import dev.patina.stream.types.Interval;
import dev.patina.stream.types.Jsonb;
import dev.patina.stream.types.NonFiniteDecimal;
import dev.patina.stream.types.StructValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * SQL's ordering and equality of runtime values, as PostgreSQL's btree operators define them, for
 * two non-null values of the same type:
 *
 * <ul>
 *   <li>floats: NaN equals NaN and sorts above every other value, {@code -0 = 0};
 *   <li>decimals: {@code 1.0 = 1.00}; NaN above +Infinity;
 *   <li>strings: by code point (RisingWave's and PostgreSQL's C collation);
 *   <li>intervals: by their span with a month of 30 days and a day of 24 hours, so {@code '1 mon' =
 *       '30 days'};
 *   <li>lists and structs: element by element, NULL above any value, then by length;
 *   <li>jsonb: PostgreSQL's jsonb btree order (object > array > boolean > number > string > null).
 * </ul>
 *
 * {@link #hash} agrees with {@link #equal}, so hash tables keyed by SQL values group {@code 1.0}
 * with {@code 1.00} and {@code '1 mon'} with {@code '30 days'}.
 */
public final class Ordering {
  private Ordering() {}

  /** Ascending order with NULLs last (PostgreSQL's default for ASC). */
  public static final Comparator<Object> NULLS_LAST =
      (a, b) -> a == null ? (b == null ? 0 : 1) : b == null ? -1 : compare(a, b);

  /** A comparator for ORDER BY: direction and NULL placement. */
  public static Comparator<Object> comparator(boolean descending, boolean nullsFirst) {
    return (a, b) -> {
      if (a == null || b == null) {
        if (a == b) {
          return 0;
        }
        return (a == null) == nullsFirst ? -1 : 1;
      }
      int c = compare(a, b);
      return descending ? -c : c;
    };
  }

  /** Compares two non-null values of the same SQL type. */
  @SuppressWarnings("unchecked")
  public static int compare(Object a, Object b) {
    return switch (a) {
      case Integer x -> Integer.compare(x, ((Number) b).intValue());
      case Long x -> Long.compare(x, ((Number) b).longValue());
      case Short x -> Short.compare(x, ((Number) b).shortValue());
      case Double x -> compareDouble(x, (Double) b);
      case Float x -> compareDouble(x, (Float) b);
      case BigDecimal x -> compareDecimal(x, b);
      case NonFiniteDecimal x -> compareDecimal(x, b);
      case String x -> compareStrings(x, (String) b);
      case Boolean x -> Boolean.compare(x, (Boolean) b);
      case LocalDate x -> x.compareTo((LocalDate) b);
      case LocalDateTime x -> x.compareTo((LocalDateTime) b);
      case Instant x -> x.compareTo((Instant) b);
      case LocalTime x -> x.compareTo((LocalTime) b);
      case Interval x -> compareInterval(x, (Interval) b);
      case byte[] x -> Arrays.compareUnsigned(x, (byte[]) b);
      case BigInteger x -> x.compareTo((BigInteger) b);
      case List<?> x -> compareLists(x, (List<?>) b);
      case StructValue x -> compareLists(x.fields(), ((StructValue) b).fields());
      case Jsonb x -> compareJson(x.value(), ((Jsonb) b).value());
      case dev.patina.stream.types.Variant x ->
          dev.patina.stream.types.Variant.compare(x, (dev.patina.stream.types.Variant) b);
      default -> ((Comparable<Object>) a).compareTo(b);
    };
  }

  /** SQL equality of two non-null values of the same type ({@code compare == 0}). */
  public static boolean equal(Object a, Object b) {
    if (a instanceof String x) {
      return x.equals(b);
    }
    if (a instanceof Integer x && b instanceof Integer y) {
      return x.intValue() == y.intValue();
    }
    if (a instanceof Long x && b instanceof Long y) {
      return x.longValue() == y.longValue();
    }
    return compare(a, b) == 0;
  }

  /** A hash consistent with {@link #equal}; NULL hashes to 0. */
  public static int hash(Object v) {
    return switch (v) {
      case null -> 0;
      case Double d -> d == 0 ? 0 : Double.isNaN(d) ? 1 : Double.hashCode(d);
      case Float f -> f == 0 ? 0 : Float.isNaN(f) ? 1 : Float.hashCode(f);
      case BigDecimal d -> d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
      case Interval i -> {
        long[] n = normalize(i);
        yield Long.hashCode(n[0]) * 31 + Long.hashCode(n[1]);
      }
      case byte[] b -> Arrays.hashCode(b);
      case List<?> l -> {
        int h = 1;
        for (Object o : l) {
          h = 31 * h + hash(o);
        }
        yield h;
      }
      case StructValue s -> hash(s.fields()) ^ 0x5bd1e995;
      case Jsonb j -> j.hashCode();
      default -> v.hashCode();
    };
  }

  static int compareDouble(double a, double b) {
    if (a == b) {
      return 0; // also -0 = 0
    }
    boolean an = Double.isNaN(a);
    boolean bn = Double.isNaN(b);
    if (an || bn) {
      return an && bn ? 0 : an ? 1 : -1;
    }
    return a < b ? -1 : 1;
  }

  /** Decimal order: -Infinity < finite < Infinity < NaN. */
  static int compareDecimal(Object a, Object b) {
    int ra = decimalRank(a);
    int rb = decimalRank(b);
    if (ra != rb || ra != 1) {
      return Integer.compare(ra, rb);
    }
    return ((BigDecimal) a).compareTo((BigDecimal) b);
  }

  private static int decimalRank(Object d) {
    if (d instanceof NonFiniteDecimal n) {
      return switch (n) {
        case NEGATIVE_INFINITY -> 0;
        case POSITIVE_INFINITY -> 2;
        case NAN -> 3;
      };
    }
    return 1;
  }

  /** Code point order, which is UTF-8 byte order. */
  public static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  private static final long DAY = 86_400_000_000L;

  /** An interval's span as {days, micros within the day} with 30-day months. */
  static long[] normalize(Interval i) {
    long days = i.months() * 30L + i.days() + Math.floorDiv(i.micros(), DAY);
    return new long[] {days, Math.floorMod(i.micros(), DAY)};
  }

  static int compareInterval(Interval a, Interval b) {
    long[] x = normalize(a);
    long[] y = normalize(b);
    int c = Long.compare(x[0], y[0]);
    return c != 0 ? c : Long.compare(x[1], y[1]);
  }

  /** Rows (value tuples) element by element, NULLs last, then by length: a total order. */
  public static int compareRows(Object[] a, Object[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = NULLS_LAST.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  static int compareLists(List<?> a, List<?> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = NULLS_LAST.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int jsonRank(Object v) {
    return switch (v) {
      case null -> 0;
      case String s -> 1;
      case BigDecimal d -> 2;
      case Boolean b -> 3;
      case List<?> l -> 4;
      case Map<?, ?> m -> 5;
      default -> 6;
    };
  }

  static int compareJson(Object a, Object b) {
    int ra = jsonRank(a);
    int rb = jsonRank(b);
    if (ra != rb) {
      // PostgreSQL: an empty top-level array sorts below null; ignore that corner.
      return Integer.compare(ra, rb);
    }
    return switch (a) {
      case null -> 0;
      case String s -> {
        String t = (String) b;
        int c = Integer.compare(s.length(), t.length());
        yield c != 0 ? c : compareStrings(s, t);
      }
      case BigDecimal d -> d.compareTo((BigDecimal) b);
      case Boolean x -> Boolean.compare(x, (Boolean) b);
      case List<?> l -> {
        List<?> m = (List<?>) b;
        if (l.size() != m.size()) {
          yield Integer.compare(l.size(), m.size());
        }
        for (int i = 0; i < l.size(); i++) {
          int c = compareJson(l.get(i), m.get(i));
          if (c != 0) {
            yield c;
          }
        }
        yield 0;
      }
      case Map<?, ?> m -> {
        Map<?, ?> n = (Map<?, ?>) b;
        if (m.size() != n.size()) {
          yield Integer.compare(m.size(), n.size());
        }
        Iterator<? extends Map.Entry<?, ?>> i = m.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> j = n.entrySet().iterator();
        while (i.hasNext()) {
          Map.Entry<?, ?> x = i.next();
          Map.Entry<?, ?> y = j.next();
          int c = Jsonb.KEY_ORDER.compare((String) x.getKey(), (String) y.getKey());
          if (c != 0) {
            yield c;
          }
          c = compareJson(x.getValue(), y.getValue());
          if (c != 0) {
            yield c;
          }
        }
        yield 0;
      }
      default -> 0;
    };
  }
}

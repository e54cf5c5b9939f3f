package dev.patina.stream.expr.agg;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.Ordering;
import java.util.Comparator;
import java.util.List;

/**
 * One ORDER BY key inside an aggregate call or window: an expression over the input row, its
 * direction and where NULLs go ({@code nullsFirst} defaults to {@code descending} in SQL).
 */
public record SortKey(BoundExpr expr, boolean descending, boolean nullsFirst) {
  /** {@code expr ASC NULLS LAST}. */
  public static SortKey asc(BoundExpr expr) {
    return new SortKey(expr, false, false);
  }

  /** The order of key tuples (arrays of key values) under {@code keys}. */
  public static Comparator<Object[]> comparator(List<SortKey> keys) {
    @SuppressWarnings("unchecked")
    Comparator<Object>[] cs = new Comparator[keys.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = Ordering.comparator(keys.get(i).descending(), keys.get(i).nullsFirst());
    }
    return (a, b) -> {
      for (int i = 0; i < cs.length; i++) {
        int c = cs[i].compare(a[i], b[i]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }
}

package dev.patina.stream.batch;

import dev.patina.stream.expr.Ordering;

/**
 * A tuple of values compared with SQL equality (NULLs equal, as GROUP BY and DISTINCT treat them).
 */
final class RowKey {
  final Object[] values;
  private final int hash;

  RowKey(Object[] values) {
    this.values = values;
    int h = 1;
    for (Object v : values) {
      h = 31 * h + (v == null ? 0 : Ordering.hash(v));
    }
    this.hash = h;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RowKey k) || k.values.length != values.length) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      Object a = values[i];
      Object b = k.values[i];
      if (a == null || b == null ? a != b : !Ordering.equal(a, b)) {
        return false;
      }
    }
    return true;
  }
}

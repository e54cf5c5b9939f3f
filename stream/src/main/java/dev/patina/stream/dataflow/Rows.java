package dev.patina.stream.dataflow;

import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;

/** Small helpers over rows ({@code Object[]}) and column index lists. */
final class Rows {
  private Rows() {}

  static Object[] concat(Object[] a, Object[] b) {
    Object[] r = new Object[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static Object[] nulls(int n) {
    return new Object[n];
  }

  static Object[] pick(Object[] row, int[] cols) {
    Object[] r = new Object[cols.length];
    for (int i = 0; i < cols.length; i++) {
      r[i] = row[cols[i]];
    }
    return r;
  }

  /** {@code row} with {@code extra} appended. */
  static Object[] append(Object[] row, Object extra) {
    Object[] r = java.util.Arrays.copyOf(row, row.length + 1);
    r[row.length] = extra;
    return r;
  }

  /** The first {@code n} columns of {@code row}. */
  static Object[] prefix(Object[] row, int n) {
    return row.length == n ? row : java.util.Arrays.copyOf(row, n);
  }

  static List<DataType> pickTypes(List<DataType> types, int[] cols) {
    List<DataType> r = new ArrayList<>(cols.length);
    for (int c : cols) {
      r.add(types.get(c));
    }
    return r;
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  static List<Integer> list(int[] cols) {
    List<Integer> r = new ArrayList<>(cols.length);
    for (int c : cols) {
      r.add(c);
    }
    return r;
  }

  static <T> List<T> plus(List<T> a, List<T> b) {
    List<T> r = new ArrayList<>(a);
    r.addAll(b);
    return r;
  }
}

package dev.patina.stream.dataflow;

import dev.patina.stream.state.Memcomparable;
import dev.patina.stream.state.OrderType;
import dev.patina.stream.types.DataType;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A hash and equality key of some columns of a row: their memcomparable bytes, which are equal
 * exactly when SQL calls the values equal ({@code 1.0 = 1.00}, NaN = NaN), and ordered as SQL
 * orders them.
 */
record RowKey(byte[] bytes) implements Comparable<RowKey> {
  static final RowKey EMPTY = new RowKey(new byte[0]);

  /** The key of columns {@code cols} (of types {@code types}, in that order) of {@code row}. */
  static RowKey of(Object[] row, int[] cols, List<DataType> types) {
    if (cols.length == 0) {
      return EMPTY;
    }
    return new RowKey(Memcomparable.encode(row, cols, types, ascending(cols.length)));
  }

  static RowKey of(Object[] row, int[] cols, List<DataType> types, List<OrderType> orders) {
    return new RowKey(Memcomparable.encode(row, cols, types, orders));
  }

  static List<OrderType> ascending(int n) {
    return Collections.nCopies(n, OrderType.ASC);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(RowKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}

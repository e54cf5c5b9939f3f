package dev.patina.stream.state;

import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/**
 * A table kept as a multiset (a materialized view without a primary key): its state table holds
 * each distinct row once, keyed by all its columns, with a trailing {@code bigint} count of copies;
 * readers see every row as often as it occurs.
 */
public final class MultisetRows {
  private MultisetRows() {}

  /** The state table layout of a multiset with these column types. */
  public static TableLayout layout(int tableId, List<DataType> types) {
    List<DataType> stored = new ArrayList<>(types);
    stored.add(DataType.INT64);
    return TableLayout.of(tableId, stored, IntStream.range(0, types.size()).boxed().toList());
  }

  /** The stored rows (each with its trailing count) as that many rows of {@code width} columns. */
  public static CloseableIterator<Object[]> expand(CloseableIterator<Object[]> stored, int width) {
    return new CloseableIterator<>() {
      Object[] row;
      long left;

      @Override
      public boolean hasNext() {
        while (left == 0 && stored.hasNext()) {
          Object[] r = stored.next();
          left = (Long) r[width];
          row = Arrays.copyOf(r, width);
        }
        return left > 0;
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        left--;
        return left == 0 ? row : row.clone();
      }

      @Override
      public void close() {
        stored.close();
      }
    };
  }
}

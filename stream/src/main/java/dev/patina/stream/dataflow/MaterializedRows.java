package dev.patina.stream.dataflow;

import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a materialized view kept as a multiset ({@link StreamGraphBuilder#materialize} with no
 * primary key): its state table holds each distinct row once, keyed by all its columns, with a
 * trailing count; readers see every row as often as it occurs.
 */
public final class MaterializedRows {
  private MaterializedRows() {}

  /** The state table layout of a multiset view with these column types. */
  public static TableLayout layout(int tableId, List<DataType> types) {
    return TableLayout.of(
        tableId, Rows.plus(types, List.of(DataType.INT64)), Rows.list(Rows.range(0, types.size())));
  }

  /** The rows of multiset view {@code tableId} as {@code view} sees them, in key order. */
  public static CloseableIterator<Object[]> scan(int tableId, List<DataType> types, ReadView view) {
    CloseableIterator<Object[]> stored = new StateTable(layout(tableId, types), view).scan();
    int width = types.size();
    return new CloseableIterator<>() {
      private Object[] row;
      private long left;

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
        return row;
      }

      @Override
      public void close() {
        stored.close();
      }
    };
  }
}

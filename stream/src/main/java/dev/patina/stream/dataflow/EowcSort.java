package dev.patina.stream.dataflow;

import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds rows back until the watermark passes them (RisingWave's {@code SortExecutor}, which EMIT ON
 * WINDOW CLOSE puts under an over window, and its emit-on-window-close output of aggregations and
 * group TopN): changes whose {@code column} is not below the current watermark are netted per row
 * and kept; when the watermark on {@code column} passes them they go downstream, in the order of
 * {@code column}, and then the watermark. A window's rows are thus emitted once, when it closes.
 * Changes below the watermark, or with a NULL {@code column}, pass at once.
 *
 * <p>State: the held rows with their net count, keyed by the whole row. The watermark is not kept:
 * after a restart the upstream watermark filter sends it again at the first barrier.
 */
final class EowcSort extends Executor {
  private final int column;
  private final List<DataType> types;
  private final int[] keyCols;
  private final int[] allCols;
  private final StateTable table;
  private final TreeMap<RowKey, Object[]> held = new TreeMap<>();
  private Watermark current;

  EowcSort(ExecContext ctx, PlanNode.EowcSort spec) {
    super(ctx, 1);
    this.column = spec.column();
    this.types = spec.types();
    this.allCols = Rows.range(0, types.size());
    this.keyCols = new int[types.size() + 1];
    keyCols[0] = column;
    System.arraycopy(allCols, 0, keyCols, 1, allCols.length);
    this.table =
        table(
            TableLayout.of(
                spec.table(), Rows.plus(types, List.of(DataType.INT64)), Rows.list(allCols)));
    try (CloseableIterator<Object[]> it = table.scan()) {
      while (it.hasNext()) {
        Object[] stored = it.next();
        held.put(key(stored), stored);
      }
    }
  }

  private RowKey key(Object[] row) {
    return RowKey.of(row, keyCols, Rows.plus(List.of(types.get(column)), types));
  }

  /** How many distinct rows are held back. */
  int heldRows() {
    return held.size();
  }

  @Override
  protected void onChunk(int input, Chunk chunk) {
    Chunk.Builder now = new Chunk.Builder();
    for (int i = 0; i < chunk.size(); i++) {
      Object[] row = chunk.row(i);
      Object v = row[column];
      if (v == null || (current != null && current.above(v))) {
        now.add(chunk.op(i).normalized(), row);
        continue;
      }
      RowKey k = key(row);
      Object[] stored = held.get(k);
      long count = (stored == null ? 0 : (Long) stored[types.size()]) + chunk.op(i).sign();
      if (stored != null) {
        table.delete(stored);
      }
      if (count == 0) {
        held.remove(k);
      } else {
        Object[] s = Rows.append(Rows.prefix(row, types.size()), count);
        held.put(k, s);
        table.insert(s);
      }
    }
    emit(now.build());
  }

  @Override
  protected void onWatermark(int input, Watermark watermark) {
    if (watermark.column() != column || !watermark.after(current)) {
      return;
    }
    current = watermark;
    Chunk.Builder out = new Chunk.Builder();
    Iterator<Map.Entry<RowKey, Object[]>> it = held.entrySet().iterator();
    while (it.hasNext()) {
      Object[] stored = it.next().getValue();
      if (!watermark.above(stored[column])) {
        break;
      }
      long count = (Long) stored[types.size()];
      out.addCopies((int) count, Rows.prefix(stored, types.size()));
      table.delete(stored);
      it.remove();
      if (out.size() >= 1024) {
        emit(out.build());
      }
    }
    emit(out.build());
    emitWatermark(watermark);
  }
}

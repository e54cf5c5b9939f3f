package dev.patina.stream.dataflow;

import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.OrderType;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ORDER BY ... LIMIT/OFFSET per group (RisingWave's {@code TopNExecutor} and {@code
 * GroupTopNExecutor}; no group keys: one group). Input rows are kept ordered per group; at a
 * barrier each changed group's window {@code [offset, offset + limit)} is computed again and the
 * difference to what it emitted before goes downstream. With ties, rows equal in the order columns
 * to the last row in the window also belong to it ({@code FETCH FIRST n ROWS WITH TIES}, {@code
 * rank() <= n}).
 *
 * <p>State: the input rows with a count, keyed by the whole row, held in memory too.
 */
final class TopN extends Executor {
  private final PlanNode.TopN spec;
  private final List<DataType> types;
  private final List<DataType> groupTypes;
  private final List<DataType> orderTypes;
  private final List<DataType> sortTypes;
  private final List<OrderType> sortOrders;
  private final int[] sortCols;
  private final int[] allCols;
  private final StateTable table;
  private final Map<RowKey, Group> groups = new HashMap<>();
  private final Map<RowKey, Group> dirty = new LinkedHashMap<>();

  private static final class Group {
    /** sort key (order columns, then the whole row) to {row ++ count}. */
    final TreeMap<RowKey, Object[]> rows = new TreeMap<>();

    List<Object[]> emitted = List.of();
  }

  TopN(ExecContext ctx, PlanNode.TopN spec) {
    super(ctx, 1);
    this.spec = spec;
    this.types = spec.types();
    this.groupTypes = Rows.pickTypes(types, spec.groupKeys());
    this.orderTypes = Rows.pickTypes(types, spec.orderCols());
    this.allCols = Rows.range(0, types.size());
    this.sortCols = new int[spec.orderCols().length + allCols.length];
    System.arraycopy(spec.orderCols(), 0, sortCols, 0, spec.orderCols().length);
    System.arraycopy(allCols, 0, sortCols, spec.orderCols().length, allCols.length);
    this.sortTypes = Rows.pickTypes(types, sortCols);
    this.sortOrders = Rows.plus(spec.orders(), RowKey.ascending(allCols.length));
    this.table =
        table(
            TableLayout.of(
                spec.table(), Rows.plus(types, List.of(DataType.INT64)), Rows.list(allCols)));
    try (CloseableIterator<Object[]> it = table.scan()) {
      while (it.hasNext()) {
        Object[] stored = it.next();
        group(stored).rows.put(sortKey(stored), stored);
      }
    }
    for (Group g : groups.values()) {
      g.emitted = window(g);
    }
  }

  private Group group(Object[] row) {
    return groups.computeIfAbsent(groupKey(row), k -> new Group());
  }

  private RowKey groupKey(Object[] row) {
    return RowKey.of(row, spec.groupKeys(), groupTypes);
  }

  private RowKey sortKey(Object[] row) {
    return RowKey.of(row, sortCols, sortTypes, sortOrders);
  }

  private RowKey orderKey(Object[] row) {
    return RowKey.of(row, spec.orderCols(), orderTypes, spec.orders());
  }

  @Override
  protected void onChunk(int input, Chunk chunk) {
    for (int i = 0; i < chunk.size(); i++) {
      Object[] row = chunk.row(i);
      int sign = chunk.op(i).sign();
      RowKey gk = groupKey(row);
      Group g = groups.computeIfAbsent(gk, k -> new Group());
      RowKey k = sortKey(row);
      Object[] stored = g.rows.get(k);
      long count = (stored == null ? 0 : (Long) stored[types.size()]) + sign;
      if (count > 0) {
        Object[] s = Rows.append(Rows.prefix(row, types.size()), count);
        g.rows.put(k, s);
        table.insert(s);
      } else if (stored != null) {
        g.rows.remove(k);
        table.delete(stored);
      } else {
        ctx.warn("top-n: delete of a row that is not there");
      }
      dirty.put(gk, g);
    }
  }

  /** The rows of the group's window, duplicates repeated, in order. */
  private List<Object[]> window(Group g) {
    List<Object[]> out = new ArrayList<>();
    long skip = spec.offset();
    long limit = spec.limit() < 0 ? Long.MAX_VALUE : spec.limit();
    RowKey lastOrder = null;
    for (Object[] stored : g.rows.values()) {
      long count = (Long) stored[types.size()];
      Object[] row = Arrays.copyOf(stored, types.size());
      for (long c = 0; c < count; c++) {
        if (skip > 0) {
          skip--;
          continue;
        }
        if (out.size() >= limit) {
          if (!spec.withTies() || !orderKey(row).equals(lastOrder)) {
            return out;
          }
        }
        out.add(row);
        lastOrder = spec.withTies() ? orderKey(row) : null;
      }
    }
    return out;
  }

  @Override
  protected void onBarrier(Barrier barrier) {
    if (dirty.isEmpty()) {
      return;
    }
    Chunk.Builder out = new Chunk.Builder();
    for (Map.Entry<RowKey, Group> e : dirty.entrySet()) {
      Group g = e.getValue();
      List<Object[]> now = window(g);
      diff(g.emitted, now, out);
      g.emitted = now;
      if (g.rows.isEmpty()) {
        groups.remove(e.getKey());
      }
    }
    dirty.clear();
    emit(out.build());
  }

  /** Deletes of rows no longer in the window, then inserts of the new ones (as multisets). */
  private void diff(List<Object[]> before, List<Object[]> after, Chunk.Builder out) {
    Map<RowKey, long[]> delta = new LinkedHashMap<>();
    Map<RowKey, Object[]> rows = new HashMap<>();
    for (Object[] r : before) {
      RowKey k = RowKey.of(r, allCols, types);
      delta.computeIfAbsent(k, x -> new long[1])[0]--;
      rows.put(k, r);
    }
    for (Object[] r : after) {
      RowKey k = RowKey.of(r, allCols, types);
      delta.computeIfAbsent(k, x -> new long[1])[0]++;
      rows.put(k, r);
    }
    for (Map.Entry<RowKey, long[]> d : delta.entrySet()) {
      if (d.getValue()[0] < 0) {
        out.addCopies((int) d.getValue()[0], rows.get(d.getKey()));
      }
    }
    for (Map.Entry<RowKey, long[]> d : delta.entrySet()) {
      if (d.getValue()[0] > 0) {
        out.addCopies((int) d.getValue()[0], rows.get(d.getKey()));
      }
    }
  }
}

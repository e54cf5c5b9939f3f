package dev.patina.stream.dataflow;

import dev.patina.stream.expr.Ordering;
import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableKeys;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code x > (SELECT max(...))} (RisingWave's {@code DynamicFilterExecutor}): left rows pass when
 * their column compares to the right side's single value. Left changes are tested against the value
 * of the last barrier; at a barrier a new right value re-tests only the left rows between the old
 * and the new value (rows are kept ordered by the column) and emits those that enter or leave. No
 * right row, or a NULL, lets nothing pass.
 *
 * <p>State: left rows with a count keyed by (column, row); the right side's rows with a count.
 */
final class DynamicFilter extends Executor {
  private final PlanNode.DynamicFilter spec;
  private final List<DataType> leftTypes;
  private final DataType valueType;
  private final int[] keyCols;
  private final List<DataType> keyTypes;
  private final StateTable leftTable;
  private final StateTable rightTable;
  private final TreeMap<RowKey, Object[]> left = new TreeMap<>();
  private final Map<RowKey, Object[]> right = new HashMap<>();
  private Object value;

  DynamicFilter(ExecContext ctx, PlanNode.DynamicFilter spec) {
    super(ctx, 2);
    this.spec = spec;
    this.leftTypes = spec.types();
    this.valueType = leftTypes.get(spec.column());
    int n = leftTypes.size();
    this.keyCols = new int[n + 1];
    keyCols[0] = spec.column();
    System.arraycopy(Rows.range(0, n), 0, keyCols, 1, n);
    this.keyTypes = Rows.pickTypes(leftTypes, keyCols);
    this.leftTable =
        table(
            TableLayout.of(
                spec.leftTable(),
                Rows.plus(leftTypes, List.of(DataType.INT64)),
                Rows.list(keyCols)));
    this.rightTable =
        table(TableLayout.of(spec.rightTable(), List.of(valueType, DataType.INT64), List.of(0)));
    try (CloseableIterator<Object[]> it = leftTable.scan()) {
      while (it.hasNext()) {
        Object[] stored = it.next();
        left.put(RowKey.of(stored, keyCols, keyTypes), stored);
      }
    }
    try (CloseableIterator<Object[]> it = rightTable.scan()) {
      while (it.hasNext()) {
        Object[] stored = it.next();
        right.put(RowKey.of(stored, new int[] {0}, List.of(valueType)), stored);
      }
    }
    value = currentValue();
  }

  private boolean passes(Object x, Object v) {
    if (x == null || v == null) {
      return false;
    }
    int c = Ordering.compare(x, v);
    return switch (spec.comparison()) {
      case GREATER -> c > 0;
      case GREATER_EQUAL -> c >= 0;
      case LESS -> c < 0;
      case LESS_EQUAL -> c <= 0;
    };
  }

  @Override
  protected void onChunk(int input, Chunk chunk) {
    if (input == 1) {
      for (int i = 0; i < chunk.size(); i++) {
        Object v = chunk.row(i)[0];
        RowKey k = RowKey.of(new Object[] {v}, new int[] {0}, List.of(valueType));
        Object[] stored = right.get(k);
        long count = (stored == null ? 0 : (Long) stored[1]) + chunk.op(i).sign();
        if (count > 0) {
          Object[] s = {v, count};
          right.put(k, s);
          rightTable.insert(s);
        } else if (stored != null) {
          right.remove(k);
          rightTable.delete(stored);
        }
      }
      return;
    }
    Chunk.Builder out = new Chunk.Builder();
    for (int i = 0; i < chunk.size(); i++) {
      Object[] row = Rows.prefix(chunk.row(i), leftTypes.size());
      RowKey k = RowKey.of(row, keyCols, keyTypes);
      Object[] stored = left.get(k);
      long count = (stored == null ? 0 : (Long) stored[leftTypes.size()]) + chunk.op(i).sign();
      if (count > 0) {
        Object[] s = Rows.append(row, count);
        left.put(k, s);
        leftTable.insert(s);
      } else if (stored != null) {
        left.remove(k);
        leftTable.delete(stored);
      } else {
        ctx.warn("dynamic filter: delete of a row that is not there");
        continue;
      }
      if (passes(row[spec.column()], value)) {
        out.add(chunk.op(i).normalized(), row);
      }
    }
    emit(out.build());
  }

  /** The right side's value: its one row, or NULL when it has none (or, wrongly, several). */
  private Object currentValue() {
    if (right.size() != 1) {
      if (right.size() > 1) {
        ctx.warn("dynamic filter: the right side has more than one row");
      }
      return null;
    }
    Object[] only = right.values().iterator().next();
    return (Long) only[1] == 1 ? only[0] : null;
  }

  @Override
  protected void onBarrier(Barrier barrier) {
    Object next = currentValue();
    if (dev.patina.stream.types.Values.equal(next, value)) {
      return;
    }
    Chunk.Builder out = new Chunk.Builder();
    for (Object[] stored : candidates(value, next).values()) {
      Object x = stored[spec.column()];
      boolean before = passes(x, value);
      boolean after = passes(x, next);
      if (before != after) {
        long count = (Long) stored[leftTypes.size()];
        out.addCopies((int) (after ? count : -count), Arrays.copyOf(stored, leftTypes.size()));
      }
    }
    value = next;
    emit(out.build());
  }

  /** The left rows whose column lies between the two values (all of them if one is NULL). */
  private NavigableMap<RowKey, Object[]> candidates(Object a, Object b) {
    if (a == null || b == null) {
      return left;
    }
    Object lo = Ordering.compare(a, b) <= 0 ? a : b;
    Object hi = lo == a ? b : a;
    RowKey from = RowKey.of(new Object[] {lo}, new int[] {0}, List.of(valueType));
    byte[] end =
        TableKeys.prefixEnd(
            RowKey.of(new Object[] {hi}, new int[] {0}, List.of(valueType)).bytes());
    return end == null ? left.tailMap(from, true) : left.subMap(from, true, new RowKey(end), false);
  }
}

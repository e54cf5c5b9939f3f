package dev.patina.stream.dataflow;

import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process-time temporal join (RisingWave's {@code TemporalJoinExecutor}): a row of the left input
 * is looked up, when it arrives, in the right table as it is at that moment, and the results are
 * final: changes of the table (input 1, the table's changes only) update the lookup index and emit
 * nothing. Non-key conditions are part of the match, so a left outer join pads a row none of whose
 * candidates passes them.
 *
 * <p>State: the index of the right table is held in memory only, loaded from the table's committed
 * rows when the job starts (the table itself is the state, as in RisingWave). A left input that is
 * not append-only also keeps, per left row, the rows it produced (table of {@code (seq, i, left
 * row, right part)}), so that deleting the row retracts exactly what it produced then, whatever the
 * table holds now.
 */
final class TemporalJoin extends Executor {
  private static final int LEFT = 0;

  /** The rows one arrival of a left row produced (the right parts), and its memo sequence. */
  private record Arrival(long seq, List<Object[]> rights) {}

  private final PlanNode.TemporalJoin spec;
  private final List<DataType> keyTypes;
  private final int[] rightAll;
  private final int[] leftAll;
  private final List<DataType> rightTypes;
  private final Map<RowKey, LinkedHashMap<RowKey, Object[]>> index = new HashMap<>();
  private final Map<RowKey, Integer> counts = new HashMap<>();
  private final StateTable memo;
  private final Map<RowKey, ArrayDeque<Arrival>> arrivals = new HashMap<>();
  private long nextSeq;

  TemporalJoin(ExecContext ctx, PlanNode.TemporalJoin spec) {
    super(ctx, 2);
    this.spec = spec;
    this.rightTypes = spec.rightTable().columnTypes();
    this.keyTypes = Rows.pickTypes(spec.leftTypes(), spec.leftKeys());
    this.rightAll = Rows.range(0, rightTypes.size());
    this.leftAll = Rows.range(0, spec.leftTypes().size());
    try (CloseableIterator<Object[]> it = ctx.open(spec.rightTable()).scan()) {
      while (it.hasNext()) {
        changeRight(it.next(), 1);
      }
    }
    if (spec.memoTable() < 0) {
      memo = null;
    } else {
      List<DataType> cols =
          Rows.plus(
              List.of(DataType.INT64, DataType.INT32), Rows.plus(spec.leftTypes(), rightTypes));
      memo = table(TableLayout.of(spec.memoTable(), cols, List.of(0, 1)));
      loadMemo();
    }
  }

  private void loadMemo() {
    int nl = spec.leftTypes().size();
    Map<Long, Arrival> bySeq = new LinkedHashMap<>();
    try (CloseableIterator<Object[]> it = memo.scan()) {
      while (it.hasNext()) {
        Object[] stored = it.next();
        long seq = (Long) stored[0];
        Arrival a = bySeq.get(seq);
        if (a == null) {
          a = new Arrival(seq, new ArrayList<>());
          bySeq.put(seq, a);
          Object[] left = java.util.Arrays.copyOfRange(stored, 2, 2 + nl);
          arrivals.computeIfAbsent(leftKey(left), k -> new ArrayDeque<>()).add(a);
        }
        if ((Integer) stored[1] >= 0) {
          a.rights().add(java.util.Arrays.copyOfRange(stored, 2 + nl, stored.length));
        }
        nextSeq = Math.max(nextSeq, seq + 1);
      }
    }
  }

  private RowKey leftKey(Object[] left) {
    return RowKey.of(left, leftAll, spec.leftTypes());
  }

  private void changeRight(Object[] row, int sign) {
    for (int k : spec.rightKeys()) {
      if (row[k] == null) {
        return; // never matches
      }
    }
    RowKey key = RowKey.of(row, spec.rightKeys(), keyTypes);
    RowKey whole = RowKey.of(row, rightAll, rightTypes);
    int n = counts.getOrDefault(whole, 0) + sign;
    if (n < 0) {
      ctx.warn("temporal join: delete of a table row that is not there");
      return;
    }
    if (n == 0) {
      counts.remove(whole);
    } else {
      counts.put(whole, n);
    }
    LinkedHashMap<RowKey, Object[]> bucket = index.computeIfAbsent(key, x -> new LinkedHashMap<>());
    if (n == 0) {
      bucket.remove(whole);
      if (bucket.isEmpty()) {
        index.remove(key);
      }
    } else {
      bucket.putIfAbsent(whole, row);
    }
  }

  /** The right parts {@code left} produces now: its matches, or one NULL row (left outer). */
  private List<Object[]> lookup(Object[] left) {
    List<Object[]> out = new ArrayList<>();
    boolean nullKey = false;
    for (int k : spec.leftKeys()) {
      nullKey |= left[k] == null;
    }
    LinkedHashMap<RowKey, Object[]> bucket =
        nullKey ? null : index.get(RowKey.of(left, spec.leftKeys(), keyTypes));
    if (bucket != null) {
      for (Object[] right : bucket.values()) {
        if (matches(left, right)) {
          int copies = counts.get(RowKey.of(right, rightAll, rightTypes));
          for (int c = 0; c < copies; c++) {
            out.add(right);
          }
        }
      }
    }
    if (out.isEmpty() && spec.joinType() == JoinType.LEFT_OUTER) {
      out.add(Rows.nulls(rightTypes.size()));
    }
    return out;
  }

  private boolean matches(Object[] left, Object[] right) {
    if (spec.condition() == null) {
      return true;
    }
    try {
      return Boolean.TRUE.equals(spec.condition().eval(Rows.concat(left, right)));
    } catch (RuntimeException e) {
      ctx.warn("temporal join condition: " + e.getMessage());
      return false;
    }
  }

  @Override
  protected void onChunk(int input, Chunk chunk) {
    if (input != LEFT) {
      for (int i = 0; i < chunk.size(); i++) {
        changeRight(chunk.row(i), chunk.op(i).sign());
      }
      return;
    }
    Chunk.Builder out = new Chunk.Builder();
    for (int i = 0; i < chunk.size(); i++) {
      Object[] left = chunk.row(i);
      if (chunk.op(i).sign() > 0) {
        insert(left, out);
      } else {
        delete(left, out);
      }
    }
    emit(out.build());
  }

  private void insert(Object[] left, Chunk.Builder out) {
    List<Object[]> rights = lookup(left);
    for (Object[] right : rights) {
      out.add(Op.INSERT, Rows.concat(left, right));
    }
    if (memo != null) {
      // an arrival that produced nothing is recorded too (as row -1), so that deleting it later
      // does not retract what another copy of the same row produced
      Arrival a = new Arrival(nextSeq++, rights);
      arrivals.computeIfAbsent(leftKey(left), k -> new ArrayDeque<>()).add(a);
      if (rights.isEmpty()) {
        memo.insert(memoRow(a.seq(), -1, left, Rows.nulls(rightTypes.size())));
      }
      for (int i = 0; i < rights.size(); i++) {
        memo.insert(memoRow(a.seq(), i, left, rights.get(i)));
      }
    }
  }

  private void delete(Object[] left, Chunk.Builder out) {
    if (memo == null) {
      ctx.warn("temporal join: a delete on an append-only input");
      return;
    }
    RowKey key = leftKey(left);
    ArrayDeque<Arrival> q = arrivals.get(key);
    if (q == null) {
      ctx.warn("temporal join: delete of a row that is not there");
      return;
    }
    Arrival a = q.poll();
    if (q.isEmpty()) {
      arrivals.remove(key);
    }
    if (a.rights().isEmpty()) {
      memo.delete(memoRow(a.seq(), -1, left, Rows.nulls(rightTypes.size())));
    }
    for (int i = 0; i < a.rights().size(); i++) {
      out.add(Op.DELETE, Rows.concat(left, a.rights().get(i)));
      memo.delete(memoRow(a.seq(), i, left, a.rights().get(i)));
    }
  }

  private static Object[] memoRow(long seq, int i, Object[] left, Object[] right) {
    return Rows.concat(new Object[] {seq, i}, Rows.concat(left, right));
  }
}

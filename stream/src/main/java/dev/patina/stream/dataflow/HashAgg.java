package dev.patina.stream.dataflow;

import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.OrderType;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import dev.patina.stream.types.Values;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Grouped aggregation with retraction (RisingWave's {@code HashAggExecutor}, and with no group keys
 * its {@code SimpleAggExecutor}). Changes update each group's state as they arrive; at a barrier
 * every changed group emits its new row: an insert for a new group, an update pair for a changed
 * one, a delete for a group whose rows are all gone. Without group keys there is always exactly one
 * row, emitted at the first barrier even over no input.
 *
 * <p>State: a result table (group key, row count, the running state of counts and sums), one table
 * per call that keeps its inputs (min, max, string_agg ... keyed by group, order, value) and one
 * per DISTINCT call (group, value, count). All are held in memory too and reloaded on start.
 */
final class HashAgg extends Executor {
  private final int[] groupKeys;
  private final List<DataType> groupTypes;
  private final AggCall[] calls;
  private final CallLayout[] layouts;
  private final StateTable result;
  private final StateTable[] inputTables;
  private final StateTable[] distinctTables;
  private final Map<RowKey, Group> groups = new HashMap<>();
  private final Map<RowKey, Group> dirty = new LinkedHashMap<>();
  private final Watermark[] cleanBelow;
  private boolean toClean;

  /** Where one call's inputs live: the types and orders of its input-table key. */
  private record CallLayout(int[] keyCols, List<DataType> keyTypes, List<OrderType> keyOrders) {}

  private final class Group {
    final Object[] key;
    long rows;
    final ValueAcc[] accs = new ValueAcc[calls.length];

    @SuppressWarnings("unchecked")
    final TreeMap<RowKey, Object[]>[] inputs = new TreeMap[calls.length];

    @SuppressWarnings("unchecked")
    final HashMap<RowKey, long[]>[] distinct = new HashMap[calls.length];

    Object[] emitted;

    Group(Object[] key) {
      this.key = key;
      for (int i = 0; i < calls.length; i++) {
        if (calls[i].kind().keepsInputs()) {
          inputs[i] = new TreeMap<>();
        } else {
          accs[i] = ValueAcc.create(calls[i]);
        }
        if (calls[i].distinct()) {
          distinct[i] = new HashMap<>();
        }
      }
    }
  }

  HashAgg(ExecContext ctx, PlanNode.HashAgg spec) {
    super(ctx, 1);
    this.groupKeys = spec.groupKeys();
    this.cleanBelow = new Watermark[groupKeys.length];
    List<DataType> in = spec.inputTypes();
    this.groupTypes = Rows.pickTypes(in, groupKeys);
    this.calls = spec.calls().toArray(new AggCall[0]);
    this.layouts = new CallLayout[calls.length];
    this.inputTables = new StateTable[calls.length];
    this.distinctTables = new StateTable[calls.length];
    List<DataType> resultTypes = new ArrayList<>(groupTypes);
    resultTypes.add(DataType.INT64);
    for (AggCall c : calls) {
      resultTypes.addAll(ValueAcc.stateTypes(c));
    }
    int g = groupKeys.length;
    this.result =
        table(TableLayout.of(spec.resultTable(), resultTypes, Rows.list(Rows.range(0, g))));
    for (int i = 0; i < calls.length; i++) {
      AggCall c = calls[i];
      if (c.kind().keepsInputs()) {
        layouts[i] = callLayout(c, in);
        List<DataType> types = Rows.plus(groupTypes, layouts[i].keyTypes);
        types.add(DataType.INT64);
        List<OrderType> orders = Rows.plus(RowKey.ascending(g), layouts[i].keyOrders);
        inputTables[i] =
            table(
                new TableLayout(
                    spec.callTables().get(2 * i),
                    types,
                    Rows.list(Rows.range(0, types.size() - 1)),
                    orders));
      }
      if (c.distinct()) {
        List<DataType> types = Rows.plus(groupTypes, Rows.pickTypes(in, c.args()));
        types.add(DataType.INT64);
        distinctTables[i] =
            table(
                TableLayout.of(
                    spec.callTables().get(2 * i + 1),
                    types,
                    Rows.list(Rows.range(0, types.size() - 1))));
      }
    }
    load();
  }

  /** How many state tables {@code call} needs: [inputs, distinct], -1 for none. */
  static boolean[] tablesOf(AggCall call) {
    return new boolean[] {call.kind().keepsInputs(), call.distinct()};
  }

  /** The key of a kept input: the order columns, then the arguments. */
  private static CallLayout callLayout(AggCall c, List<DataType> in) {
    int[] order =
        switch (c.kind()) {
          case MIN, MAX -> new int[] {c.args()[0]};
          default -> c.orderCols();
        };
    List<OrderType> orders =
        switch (c.kind()) {
          case MIN -> List.of(OrderType.ASC);
          case MAX -> List.of(OrderType.DESC);
          default -> c.orders();
        };
    int[] cols = new int[order.length + c.args().length];
    System.arraycopy(order, 0, cols, 0, order.length);
    System.arraycopy(c.args(), 0, cols, order.length, c.args().length);
    return new CallLayout(
        cols, Rows.pickTypes(in, cols), Rows.plus(orders, RowKey.ascending(c.args().length)));
  }

  private void load() {
    int g = groupKeys.length;
    try (CloseableIterator<Object[]> it = result.scan()) {
      while (it.hasNext()) {
        Object[] r = it.next();
        Group grp = new Group(Arrays.copyOf(r, g));
        grp.rows = (Long) r[g];
        int at = g + 1;
        for (int i = 0; i < calls.length; i++) {
          int n = ValueAcc.stateTypes(calls[i]).size();
          if (grp.accs[i] != null) {
            grp.accs[i].restore(Arrays.copyOfRange(r, at, at + n));
          }
          at += n;
        }
        groups.put(groupKey(grp.key), grp);
      }
    }
    for (int i = 0; i < calls.length; i++) {
      if (inputTables[i] != null) {
        CallLayout l = layouts[i];
        int[] keyCols = Rows.range(g, g + l.keyTypes.size());
        try (CloseableIterator<Object[]> it = inputTables[i].scan()) {
          while (it.hasNext()) {
            Object[] r = it.next();
            Group grp = groups.get(groupKey(Arrays.copyOf(r, g)));
            if (grp != null) {
              grp.inputs[i].put(RowKey.of(r, keyCols, l.keyTypes, l.keyOrders), r);
            }
          }
        }
      }
      if (distinctTables[i] != null) {
        int n = calls[i].args().length;
        try (CloseableIterator<Object[]> it = distinctTables[i].scan()) {
          while (it.hasNext()) {
            Object[] r = it.next();
            Group grp = groups.get(groupKey(Arrays.copyOf(r, g)));
            if (grp != null) {
              grp.distinct[i].put(
                  RowKey.of(r, Rows.range(g, g + n), distinctTypes(i)),
                  new long[] {(Long) r[g + n]});
            }
          }
        }
      }
    }
    for (Group grp : groups.values()) {
      grp.emitted = output(grp);
    }
  }

  private List<DataType> distinctTypes(int call) {
    List<DataType> t = distinctTables[call].layout().columnTypes();
    return t.subList(groupKeys.length, t.size() - 1);
  }

  /**
   * The group key as RisingWave outputs it: equal intervals ('24 hours' = '1 day') group together
   * and come out in the justified form of their total (months of 30 days, days of 24 hours, each
   * part with the total's sign), since RisingWave's group keys go through the interval's comparison
   * value.
   */
  private Object[] justified(Object[] key) {
    for (int i = 0; i < key.length; i++) {
      if (key[i] instanceof Interval iv) {
        BigInteger day = BigInteger.valueOf(86_400_000_000L);
        BigInteger total =
            BigInteger.valueOf(iv.months() * 30L + iv.days())
                .multiply(day)
                .add(BigInteger.valueOf(iv.micros()));
        BigInteger[] daysAndMicros = total.divideAndRemainder(day);
        BigInteger[] monthsAndDays = daysAndMicros[0].divideAndRemainder(BigInteger.valueOf(30));
        if (monthsAndDays[0].bitLength() < 32) {
          key[i] =
              new Interval(
                  monthsAndDays[0].intValue(),
                  monthsAndDays[1].intValue(),
                  daysAndMicros[1].longValue());
        }
      }
    }
    return key;
  }

  private RowKey groupKey(Object[] key) {
    return RowKey.of(key, Rows.range(0, key.length), groupTypes);
  }

  @Override
  protected void onChunk(int input, Chunk chunk) {
    for (int r = 0; r < chunk.size(); r++) {
      Object[] row = chunk.row(r);
      int sign = chunk.op(r).sign();
      Object[] key = Rows.pick(row, groupKeys);
      RowKey gk = groupKey(key);
      Group grp = groups.computeIfAbsent(gk, k -> new Group(justified(key)));
      grp.rows += sign;
      for (int i = 0; i < calls.length; i++) {
        apply(grp, i, row, sign);
      }
      dirty.put(gk, grp);
    }
  }

  private void apply(Group grp, int i, Object[] row, int sign) {
    AggCall c = calls[i];
    if (c.filter() >= 0 && !Boolean.TRUE.equals(row[c.filter()])) {
      return;
    }
    if (c.distinct() && !distinctChange(grp, i, row, sign)) {
      return;
    }
    if (grp.accs[i] != null) {
      grp.accs[i].apply(c.kind() == AggKind.COUNT_STAR ? null : row[c.args()[0]], sign);
      return;
    }
    Object value = row[c.args()[0]];
    if (value == null
        && (c.kind() == AggKind.MIN || c.kind() == AggKind.MAX || c.kind() == AggKind.STRING_AGG)) {
      return;
    }
    CallLayout l = layouts[i];
    RowKey k = RowKey.of(row, l.keyCols, l.keyTypes, l.keyOrders);
    Object[] entry = grp.inputs[i].get(k);
    long count = (entry == null ? 0 : (Long) entry[entry.length - 1]) + sign;
    if (count > 0) {
      Object[] e = Rows.concat(grp.key, Rows.append(Rows.pick(row, l.keyCols), count));
      grp.inputs[i].put(k, e);
      inputTables[i].insert(e);
    } else if (entry != null) {
      grp.inputs[i].remove(k);
      inputTables[i].delete(entry);
    }
  }

  /** Counts a DISTINCT call's argument; true when the value appears or disappears. */
  private boolean distinctChange(Group grp, int i, Object[] row, int sign) {
    int[] args = calls[i].args();
    RowKey k = RowKey.of(row, args, distinctTypes(i));
    long[] count = grp.distinct[i].computeIfAbsent(k, x -> new long[1]);
    long before = count[0];
    count[0] += sign;
    Object[] stored = Rows.concat(grp.key, Rows.append(Rows.pick(row, args), count[0]));
    if (count[0] > 0) {
      distinctTables[i].insert(stored);
    } else {
      grp.distinct[i].remove(k);
      distinctTables[i].delete(stored);
    }
    return (before == 0 && count[0] > 0) || (before > 0 && count[0] <= 0);
  }

  /**
   * A watermark on a group key column holds for that output column after this barrier; groups below
   * it are closed (no row of them can come any more) and their state is dropped after the barrier's
   * output (RisingWave's state cleaning by watermark). Calls with DISTINCT keep theirs.
   */
  @Override
  protected void onWatermark(int input, Watermark watermark) {
    for (int j = 0; j < groupKeys.length; j++) {
      if (groupKeys[j] == watermark.column()) {
        Watermark w = new Watermark(j, watermark.value());
        holdWatermark(w);
        if (w.after(cleanBelow[j])) {
          cleanBelow[j] = w;
          toClean = true;
        }
      }
    }
  }

  @Override
  protected void onBarrier(Barrier barrier) {
    emitChanges();
    if (toClean) {
      toClean = false;
      cleanClosedGroups();
    }
  }

  private void cleanClosedGroups() {
    for (AggCall c : calls) {
      if (c.distinct()) {
        return;
      }
    }
    var it = groups.entrySet().iterator();
    while (it.hasNext()) {
      Group grp = it.next().getValue();
      boolean closed = false;
      for (int j = 0; j < groupKeys.length && !closed; j++) {
        Object k = grp.key[j];
        closed = cleanBelow[j] != null && k != null && cleanBelow[j].above(k);
      }
      if (closed) {
        it.remove();
        result.delete(grp.key);
        clearInputs(grp);
      }
    }
  }

  /** Closed groups whose state is gone (for tests). */
  int groupCount() {
    return groups.size();
  }

  private void emitChanges() {
    if (groupKeys.length == 0 && groups.isEmpty()) {
      Group g = new Group(new Object[0]);
      groups.put(RowKey.EMPTY, g);
      dirty.put(RowKey.EMPTY, g);
    }
    if (dirty.isEmpty()) {
      return;
    }
    Chunk.Builder out = new Chunk.Builder();
    for (Map.Entry<RowKey, Group> e : dirty.entrySet()) {
      Group grp = e.getValue();
      Object[] keyRow = grp.key;
      if (grp.rows <= 0 && groupKeys.length > 0) {
        if (grp.rows < 0) {
          ctx.warn("aggregation: more rows deleted than inserted in a group");
        }
        if (grp.emitted != null) {
          out.add(Op.DELETE, grp.emitted);
        }
        groups.remove(e.getKey());
        result.delete(keyRow);
        clearInputs(grp);
        continue;
      }
      Object[] now = output(grp);
      if (grp.emitted == null) {
        out.add(Op.INSERT, now);
      } else if (!same(grp.emitted, now)) {
        out.update(grp.emitted, now);
      }
      grp.emitted = now;
      result.insert(stateRow(grp));
    }
    dirty.clear();
    emit(out.build());
  }

  private void clearInputs(Group grp) {
    for (int i = 0; i < calls.length; i++) {
      if (grp.inputs[i] != null) {
        grp.inputs[i].values().forEach(inputTables[i]::delete);
      }
      if (grp.distinct[i] != null && !grp.distinct[i].isEmpty()) {
        ctx.warn("aggregation: distinct values left in an empty group");
      }
    }
  }

  private Object[] stateRow(Group grp) {
    List<Object> r = new ArrayList<>(Arrays.asList(grp.key));
    r.add(grp.rows);
    for (int i = 0; i < calls.length; i++) {
      if (grp.accs[i] != null) {
        r.addAll(Arrays.asList(grp.accs[i].state()));
      }
    }
    return r.toArray();
  }

  private Object[] output(Group grp) {
    Object[] out = Arrays.copyOf(grp.key, grp.key.length + calls.length);
    for (int i = 0; i < calls.length; i++) {
      try {
        out[grp.key.length + i] =
            grp.accs[i] != null ? grp.accs[i].result() : InputAgg.result(calls[i], grp.inputs[i]);
      } catch (RuntimeException ex) {
        ctx.warn("aggregation: " + ex.getMessage());
      }
    }
    return out;
  }

  private static boolean same(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      if (!Values.equal(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
}

package dev.patina.stream.dataflow;

import dev.patina.stream.state.CloseableIterator;
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
 * Window functions over partitions (RisingWave's {@code OverWindowExecutor}): input rows are kept
 * per partition; at a barrier each changed partition's output rows (each input row followed by its
 * window function values) are computed again by {@code compute} and the difference to what the
 * partition emitted before goes downstream. Rows reach {@code compute} in a fixed order (by their
 * whole value), so peers of the ORDER BY are numbered the same way every time.
 *
 * <p>Emitted on window close ({@code spec.eowc()}, RisingWave's {@code EowcOverWindowExecutor}):
 * the input only appends, in the order of the ORDER BY column (an {@link EowcSort} releases rows as
 * the watermark passes them), a partition's rows are kept in that order and each row is emitted
 * once, as an insert, when its frame is complete ({@link StreamGraphBuilder.FrameClosed}): a lead
 * or a frame reaching following rows waits for them. How many rows of a partition went out is not
 * stored: it is the number of complete frames among the rows, computed again on load.
 *
 * <p>State: the input rows with a count, keyed by the whole row, held in memory too.
 */
final class OverWindow extends Executor {
  private final PlanNode.OverWindow spec;
  private final List<DataType> inTypes;
  private final List<DataType> partitionTypes;
  private final int[] allCols;
  private final int[] outCols;
  private final StateTable table;
  private final Map<RowKey, Partition> partitions = new HashMap<>();
  private final Map<RowKey, Partition> dirty = new LinkedHashMap<>();

  private final StreamGraphBuilder.Eowc eowc;
  private final Watermark[] cleanBelow;
  private boolean toClean;
  private final int[] sortCols;
  private final List<DataType> sortTypes;

  private static final class Partition {
    final Object[] key;
    final TreeMap<RowKey, Object[]> rows = new TreeMap<>();

    Partition(Object[] key) {
      this.key = key;
    }

    List<Object[]> emitted = List.of();
    int closed;
  }

  OverWindow(ExecContext ctx, PlanNode.OverWindow spec) {
    super(ctx, 1);
    this.spec = spec;
    this.inTypes = spec.inputTypes();
    this.partitionTypes = spec.partitionBy().stream().map(ScalarExpr::type).toList();
    this.allCols = Rows.range(0, inTypes.size());
    this.outCols = Rows.range(0, spec.types().size());
    this.eowc = spec.eowc();
    this.cleanBelow = new Watermark[spec.partitionBy().size()];
    if (eowc == null) {
      this.sortCols = allCols;
      this.sortTypes = inTypes;
    } else {
      this.sortCols = new int[allCols.length + 1];
      sortCols[0] = eowc.orderColumn();
      System.arraycopy(allCols, 0, sortCols, 1, allCols.length);
      this.sortTypes = Rows.plus(List.of(inTypes.get(eowc.orderColumn())), inTypes);
    }
    this.table =
        table(
            TableLayout.of(
                spec.table(), Rows.plus(inTypes, List.of(DataType.INT64)), Rows.list(allCols)));
    try (CloseableIterator<Object[]> it = table.scan()) {
      while (it.hasNext()) {
        Object[] stored = it.next();
        partition(stored).rows.put(RowKey.of(stored, sortCols, sortTypes), stored);
      }
    }
    for (Partition p : partitions.values()) {
      if (eowc == null) {
        p.emitted = compute(p);
      } else {
        p.closed = closedRows(inputRows(p));
      }
    }
  }

  /** How many leading rows of a partition (in ORDER BY order) have complete frames. */
  private int closedRows(List<Object[]> rows) {
    int n = 0;
    while (n < rows.size() && eowc.closed().test(rows, n)) {
      n++;
    }
    return n;
  }

  private Object[] partitionValues(Object[] row) {
    Object[] key = new Object[spec.partitionBy().size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = spec.partitionBy().get(i).eval(row);
    }
    return key;
  }

  private RowKey partitionKey(Object[] row) {
    Object[] key = new Object[spec.partitionBy().size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = spec.partitionBy().get(i).eval(row);
    }
    return RowKey.of(key, Rows.range(0, key.length), partitionTypes);
  }

  private Partition partition(Object[] row) {
    return partitions.computeIfAbsent(partitionKey(row), k -> new Partition(partitionValues(row)));
  }

  @Override
  protected void onChunk(int input, Chunk chunk) {
    for (int i = 0; i < chunk.size(); i++) {
      Object[] row = Rows.prefix(chunk.row(i), inTypes.size());
      RowKey pk = partitionKey(row);
      Partition p = partitions.computeIfAbsent(pk, k -> new Partition(partitionValues(row)));
      RowKey k = RowKey.of(row, sortCols, sortTypes);
      if (eowc != null && chunk.op(i).sign() < 0) {
        ctx.warn("over window: a delete in an append-only (emit on window close) stream");
        continue;
      }
      Object[] stored = p.rows.get(k);
      long count = (stored == null ? 0 : (Long) stored[inTypes.size()]) + chunk.op(i).sign();
      if (count > 0) {
        Object[] s = Rows.append(row, count);
        p.rows.put(k, s);
        table.insert(s);
      } else if (stored != null) {
        p.rows.remove(k);
        table.delete(stored);
      } else {
        ctx.warn("over window: delete of a row that is not there");
      }
      dirty.put(pk, p);
    }
  }

  private List<Object[]> inputRows(Partition p) {
    List<Object[]> in = new ArrayList<>();
    for (Object[] stored : p.rows.values()) {
      Object[] row = Arrays.copyOf(stored, inTypes.size());
      for (long n = (Long) stored[inTypes.size()]; n > 0; n--) {
        in.add(row);
      }
    }
    return in;
  }

  private List<Object[]> compute(Partition p) {
    return compute(inputRows(p));
  }

  private List<Object[]> compute(List<Object[]> in) {
    if (in.isEmpty()) {
      return List.of();
    }
    try {
      return spec.compute().apply(in);
    } catch (RuntimeException e) {
      ctx.warn("over window: " + e.getMessage());
      return List.of();
    }
  }

  @Override
  protected void onBarrier(Barrier barrier) {
    emitChanges();
    if (toClean) {
      toClean = false;
      cleanClosedPartitions();
    }
  }

  private void emitChanges() {
    if (dirty.isEmpty()) {
      return;
    }
    Chunk.Builder out = new Chunk.Builder();
    if (eowc != null) {
      for (Partition p : dirty.values()) {
        List<Object[]> in = inputRows(p);
        int closed = closedRows(in);
        if (closed > p.closed) {
          List<Object[]> now = compute(in);
          if (now.size() == in.size()) {
            for (int i = p.closed; i < closed; i++) {
              out.add(Op.INSERT, now.get(i));
            }
          }
          p.closed = closed;
        }
      }
      dirty.clear();
      emit(out.build());
      return;
    }
    for (Map.Entry<RowKey, Partition> e : dirty.entrySet()) {
      Partition p = e.getValue();
      List<Object[]> now = compute(p);
      diff(p.emitted, now, out);
      p.emitted = now;
      if (p.rows.isEmpty()) {
        partitions.remove(e.getKey());
      }
    }
    dirty.clear();
    emit(out.build());
  }

  /**
   * A watermark on a column that is a whole PARTITION BY key holds for the output after this
   * barrier: partitions below it get no more rows. Emitted on window close, nothing is promised.
   */
  @Override
  protected void onWatermark(int input, Watermark watermark) {
    if (eowc != null) {
      return;
    }
    boolean held = false;
    for (int j = 0; j < spec.partitionBy().size(); j++) {
      ScalarExpr e = spec.partitionBy().get(j);
      if (e.passThrough() && e.watermarkInput() == watermark.column()) {
        if (!held) {
          holdWatermark(watermark);
          held = true;
        }
        if (watermark.after(cleanBelow[j])) {
          cleanBelow[j] = watermark;
          toClean = true;
        }
      }
    }
  }

  /**
   * Partitions below the watermark of a PARTITION BY column are closed: their rows leave the state
   * (their output stays downstream), after the barrier's output.
   */
  private void cleanClosedPartitions() {
    var it = partitions.entrySet().iterator();
    while (it.hasNext()) {
      Partition p = it.next().getValue();
      boolean closed = false;
      for (int j = 0; j < cleanBelow.length && !closed; j++) {
        Object k = p.key[j];
        closed = cleanBelow[j] != null && k != null && cleanBelow[j].above(k);
      }
      if (closed) {
        p.rows.values().forEach(table::delete);
        it.remove();
      }
    }
  }

  private void diff(List<Object[]> before, List<Object[]> after, Chunk.Builder out) {
    Map<RowKey, long[]> delta = new LinkedHashMap<>();
    Map<RowKey, Object[]> rows = new HashMap<>();
    for (Object[] r : before) {
      RowKey k = RowKey.of(r, outCols, spec.types());
      delta.computeIfAbsent(k, x -> new long[1])[0]--;
      rows.put(k, r);
    }
    for (Object[] r : after) {
      RowKey k = RowKey.of(r, outCols, spec.types());
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

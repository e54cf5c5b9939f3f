package dev.patina.stream.dataflow;

import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.MultisetRows;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import java.util.function.Consumer;

/**
 * Writes a job's output into its materialized table and passes the changes on to jobs that read the
 * table (RisingWave's {@code MaterializeExecutor}).
 *
 * <p>With a primary key, rows are stored by it. {@link Conflict#NONE} trusts the input (no reads:
 * the append-only and stream-key fast path); {@link Conflict#OVERWRITE} looks the key up, turns an
 * insert over a present row into an update and a delete into the removal of the stored row (so a
 * DELETE need only carry the key); {@link Conflict#IGNORE} keeps the first row. Without a key the
 * table is a multiset: whole rows with a trailing count column.
 */
final class Materialize extends Executor {
  private final PlanNode.Materialize spec;
  private final StateTable table;
  private final boolean multiset;
  private final int width;

  Materialize(ExecContext ctx, PlanNode.Materialize spec) {
    super(ctx, 1);
    this.spec = spec;
    this.multiset = spec.pk().length == 0;
    this.width = spec.types().size();
    this.table = table(layout(spec));
  }

  /** The layout of a materialized table: its rows by key, or multiset rows with a count. */
  static TableLayout layout(PlanNode.Materialize spec) {
    if (spec.pk().length > 0) {
      return new TableLayout(spec.tableId(), spec.types(), Rows.list(spec.pk()), spec.pkOrders());
    }
    return MultisetRows.layout(spec.tableId(), spec.types());
  }

  PlanNode.Materialize spec() {
    return spec;
  }

  /** Every row of the table including staged writes, duplicates repeated (for backfill). */
  void forEachRow(Consumer<Object[]> action) {
    try (CloseableIterator<Object[]> it = table.scan()) {
      expand(it, action);
    }
  }

  /** The committed rows of a materialized table as {@code view} sees them. */
  static void scan(PlanNode.Materialize spec, ReadView view, Consumer<Object[]> action) {
    StateTable t = new StateTable(layout(spec), view);
    try (CloseableIterator<Object[]> it = t.scan()) {
      if (spec.pk().length > 0) {
        it.forEachRemaining(action);
      } else {
        MultisetRows.expand(it, spec.types().size()).forEachRemaining(action);
      }
    }
  }

  private void expand(CloseableIterator<Object[]> it, Consumer<Object[]> action) {
    if (!multiset) {
      it.forEachRemaining(action);
    } else {
      MultisetRows.expand(it, width).forEachRemaining(action);
    }
  }

  @Override
  protected void onChunk(int input, Chunk chunk) {
    if (multiset) {
      multiset(chunk);
      emit(chunk);
      return;
    }
    switch (spec.conflict()) {
      case NONE -> {
        for (int i = 0; i < chunk.size(); i++) {
          if (chunk.op(i).isInsert()) {
            table.insert(chunk.row(i));
          } else {
            table.delete(chunk.row(i));
          }
        }
        emit(chunk);
      }
      case OVERWRITE, IGNORE -> emit(resolve(chunk, spec.conflict() == Conflict.OVERWRITE));
    }
  }

  private void multiset(Chunk chunk) {
    for (int i = 0; i < chunk.size(); i++) {
      Object[] row = chunk.row(i);
      Object[] key = Rows.prefix(row, width);
      Object[] old = table.get(key);
      long count = (old == null ? 0 : (Long) old[width]) + chunk.op(i).sign();
      if (count > 0) {
        table.insert(Rows.append(key, count));
      } else if (old != null) {
        table.delete(old);
        if (count < 0) {
          ctx.warn("materialize " + spec.tableId() + ": delete of a row that is not there");
        }
      } else {
        ctx.warn("materialize " + spec.tableId() + ": delete of a row that is not there");
      }
    }
  }

  private Chunk resolve(Chunk chunk, boolean overwrite) {
    Chunk.Builder out = new Chunk.Builder();
    int[] pk = spec.pk();
    for (int i = 0; i < chunk.size(); i++) {
      Object[] row = chunk.row(i);
      Object[] old = table.get(Rows.pick(row, pk));
      if (chunk.op(i).isInsert()) {
        if (old == null) {
          table.insert(row);
          out.add(Op.INSERT, row);
        } else if (overwrite && !sameRow(old, row)) {
          table.insert(row);
          out.update(old, row);
        }
      } else if (old != null) {
        table.delete(old);
        out.add(Op.DELETE, old);
      }
    }
    return out.build();
  }

  private static boolean sameRow(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      if (!dev.patina.stream.types.Values.equal(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
}

package dev.patina.stream.dataflow;

import dev.patina.stream.expr.Ordering;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.List;

/**
 * Generates the watermark of {@code WATERMARK FOR col AS expr} (RisingWave's {@code
 * WatermarkFilterExecutor}): rows whose {@code col} is below the current watermark (or NULL, once
 * there is one) are late and dropped; after each chunk the watermark becomes the largest {@code
 * expr} of its rows if that is larger, and is sent downstream after the chunk. At every barrier the
 * current watermark is sent again, so that operators rebuilt after a restart learn it.
 *
 * <p>The rows a new job reads before its first barrier are the table's snapshot (backfill): they
 * were accepted when written (RisingWave filters before the table stores them) and arrive in key
 * order, not in the order they came, so they only raise the watermark and none is dropped.
 *
 * <p>State: the current watermark, one row.
 */
final class WatermarkFilter extends Executor {
  private final int column;
  private final ScalarExpr expr;
  private final StateTable table;
  private Watermark current;
  private boolean backfilled;

  WatermarkFilter(ExecContext ctx, PlanNode.WatermarkFilter spec) {
    super(ctx, 1);
    this.column = spec.column();
    this.expr = spec.expr();
    DataType t = spec.types().get(column);
    this.table = table(TableLayout.of(spec.table(), List.of(DataType.INT32, t), List.of(0)));
    Object[] stored = table.get(new Object[] {0});
    if (stored != null) {
      // a recovered job: it read its snapshot long ago
      current = new Watermark(column, stored[1]);
      backfilled = true;
    }
  }

  /** The current watermark, or null before the first non-NULL value. */
  Watermark current() {
    return current;
  }

  private boolean late(Object[] row) {
    if (current == null || !backfilled) {
      return false;
    }
    Object v = row[column];
    return v == null || current.above(v);
  }

  @Override
  protected void onChunk(int input, Chunk chunk) {
    Chunk.Builder out = new Chunk.Builder();
    Object max = null;
    int n = chunk.size();
    for (int i = 0; i < n; i++) {
      Op op = chunk.op(i);
      Object[] row = chunk.row(i);
      if (op == Op.UPDATE_DELETE && i + 1 < n && chunk.op(i + 1) == Op.UPDATE_INSERT) {
        Object[] next = chunk.row(++i);
        boolean a = !late(row);
        boolean b = !late(next);
        if (a && b) {
          out.update(row, next);
        } else if (a) {
          out.add(Op.DELETE, row);
        } else if (b) {
          out.add(Op.INSERT, next);
        }
        if (b) {
          max = larger(max, next);
        }
      } else if (!late(row)) {
        out.add(op.normalized(), row);
        if (op.sign() > 0) {
          max = larger(max, row);
        }
      }
    }
    emit(out.build());
    if (max != null) {
      Watermark w = new Watermark(column, max);
      if (w.after(current)) {
        if (current == null) {
          table.insert(new Object[] {0, max});
        } else {
          table.update(new Object[] {0, current.value()}, new Object[] {0, max});
        }
        current = w;
        emitWatermark(w);
      }
    }
  }

  private Object larger(Object max, Object[] row) {
    Object v;
    try {
      v = expr.eval(row);
    } catch (RuntimeException e) {
      ctx.warn("watermark: " + e.getMessage());
      return max;
    }
    return v == null || (max != null && Ordering.compare(v, max) <= 0) ? max : v;
  }

  @Override
  protected void onBarrier(Barrier barrier) {
    backfilled = true;
    if (current != null) {
      emitWatermark(current);
    }
  }
}

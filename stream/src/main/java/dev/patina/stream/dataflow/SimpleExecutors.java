package dev.patina.stream.dataflow;

import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.List;

/** The stateless operators and the sources, small enough to sit together. */
final class SimpleExecutors {
  private SimpleExecutors() {}

  /** A table's DML: the engine's writes enter the graph here. */
  static final class Dml extends Executor {
    Dml(ExecContext ctx) {
      super(ctx, 0);
    }

    @Override
    protected void onChunk(int input, Chunk chunk) {
      emit(chunk);
    }
  }

  /**
   * A source that emits something once, when its job is first created, and remembers in a one-row
   * state table that it did, so that a recovered job does not emit it again.
   */
  abstract static class OnceSource extends Executor {
    private static final List<DataType> MARKER = List.of(DataType.INT32);
    private final StateTable progress;

    OnceSource(ExecContext ctx, int inputs, int progressTable) {
      super(ctx, inputs);
      progress = table(TableLayout.of(progressTable, MARKER, List.of(0)));
    }

    /** Emits the initial rows unless a committed (or staged) marker says they were emitted. */
    final void start() {
      if (progress.get(new Object[] {0}) != null) {
        return;
      }
      emitInitial();
      progress.insert(new Object[] {0});
    }

    abstract void emitInitial();
  }

  /** Constant rows. */
  static final class Values extends OnceSource {
    private final List<Object[]> rows;

    Values(ExecContext ctx, PlanNode.Values spec) {
      super(ctx, 0, spec.progressTable());
      this.rows = spec.rows();
    }

    @Override
    void emitInitial() {
      emit(Chunk.inserts(rows));
    }

    @Override
    protected void onChunk(int input, Chunk chunk) {
      throw new IllegalStateException("values have no input");
    }
  }

  /** An engine-owned table: a snapshot of its committed rows, then the changes pushed to it. */
  static final class Source extends OnceSource {
    private final TableLayout layout;

    Source(ExecContext ctx, PlanNode.Source spec) {
      super(ctx, 0, spec.progressTable());
      this.layout = spec.layout();
    }

    void push(Chunk chunk) {
      emit(chunk);
    }

    @Override
    void emitInitial() {
      Chunk.Builder b = new Chunk.Builder();
      try (dev.patina.stream.state.CloseableIterator<Object[]> it = ctx.open(layout).scan()) {
        while (it.hasNext()) {
          b.add(Op.INSERT, it.next());
          if (b.size() >= 1024) {
            emit(b.build());
          }
        }
      }
      emit(b.build());
    }

    @Override
    protected void onChunk(int input, Chunk chunk) {
      emit(chunk);
    }
  }

  /** Another job's materialized table: a snapshot of its rows, then its changes. */
  static final class Upstream extends OnceSource {
    private final Materialize upstream;

    Upstream(ExecContext ctx, PlanNode.Upstream spec, Materialize upstream) {
      super(ctx, 1, spec.progressTable());
      this.upstream = upstream;
    }

    @Override
    void emitInitial() {
      Chunk.Builder b = new Chunk.Builder();
      upstream.forEachRow(
          row -> {
            b.add(Op.INSERT, row);
            if (b.size() >= 1024) {
              emit(b.build());
            }
          });
      emit(b.build());
    }

    @Override
    protected void onChunk(int input, Chunk chunk) {
      emit(chunk);
    }
  }

  static final class Filter extends Executor {
    private final ScalarExpr predicate;

    Filter(ExecContext ctx, PlanNode.Filter spec) {
      super(ctx, 1);
      this.predicate = spec.predicate();
    }

    private boolean test(Object[] row) {
      try {
        return Boolean.TRUE.equals(predicate.eval(row));
      } catch (RuntimeException e) {
        ctx.warn("filter: " + e.getMessage());
        return false;
      }
    }

    @Override
    protected void onChunk(int input, Chunk chunk) {
      Chunk.Builder out = new Chunk.Builder();
      int n = chunk.size();
      for (int i = 0; i < n; i++) {
        Op op = chunk.op(i);
        Object[] row = chunk.row(i);
        if (op == Op.UPDATE_DELETE && i + 1 < n && chunk.op(i + 1) == Op.UPDATE_INSERT) {
          Object[] next = chunk.row(++i);
          boolean a = test(row);
          boolean b = test(next);
          if (a && b) {
            out.update(row, next);
          } else if (a) {
            out.add(Op.DELETE, row);
          } else if (b) {
            out.add(Op.INSERT, next);
          }
        } else if (test(row)) {
          out.add(op.normalized(), row);
        }
      }
      emit(out.build());
    }

    @Override
    protected void onWatermark(int input, Watermark watermark) {
      emitWatermark(watermark);
    }
  }

  /** Expands each change's row; see {@link StreamGraphBuilder#flatMap}. */
  static final class FlatMap extends Executor {
    private final java.util.function.Function<Object[], java.util.List<Object[]>> expand;

    FlatMap(ExecContext ctx, PlanNode.FlatMap spec) {
      super(ctx, 1);
      this.expand = spec.expand();
    }

    @Override
    protected void onChunk(int input, Chunk chunk) {
      Chunk.Builder out = new Chunk.Builder();
      for (int i = 0; i < chunk.size(); i++) {
        Op op = chunk.op(i).normalized();
        java.util.List<Object[]> rows;
        try {
          rows = expand.apply(chunk.row(i));
        } catch (RuntimeException e) {
          // as in a projection: the row gives nothing, and its delete later gives nothing either
          ctx.warn("project set: " + e.getMessage());
          continue;
        }
        for (Object[] r : rows) {
          out.add(op, r);
        }
      }
      emit(out.build());
    }

    @Override
    protected void onWatermark(int input, Watermark watermark) {
      emitWatermark(watermark); // input columns keep their positions
    }
  }

  /**
   * Changes as appended rows with their op code and a changelog row id. Ids are RisingWave's row id
   * layout (milliseconds since 2021-04-01 above bit 22, a sequence below), so {@code
   * _changelog_row_id::timestamptz} is the time of the change; time-based, so a recovered job never
   * reuses one.
   */
  static final class Changelog extends Executor {
    private long nextId;

    Changelog(ExecContext ctx) {
      super(ctx, 1);
    }

    static short code(Op op) {
      return switch (op) {
        case INSERT -> 1;
        case DELETE -> 2;
        case UPDATE_INSERT -> 3;
        case UPDATE_DELETE -> 4;
      };
    }

    private long nextId() {
      long now =
          (System.currentTimeMillis() - dev.patina.stream.expr.Casts.ROW_ID_EPOCH_MILLIS)
              << dev.patina.stream.expr.Casts.ROW_ID_TIMESTAMP_SHIFT;
      nextId = Math.max(nextId, now);
      return nextId++;
    }

    @Override
    protected void onChunk(int input, Chunk chunk) {
      Chunk.Builder out = new Chunk.Builder();
      for (int i = 0; i < chunk.size(); i++) {
        Object[] row = chunk.row(i);
        Object[] r = java.util.Arrays.copyOf(row, row.length + 2);
        r[row.length] = code(chunk.op(i));
        r[row.length + 1] = nextId();
        out.add(Op.INSERT, r);
      }
      emit(out.build());
    }
  }

  static final class Project extends Executor {
    private final ScalarExpr[] exprs;

    Project(ExecContext ctx, PlanNode.Project spec) {
      super(ctx, 1);
      this.exprs = spec.exprs().toArray(new ScalarExpr[0]);
    }

    private Object[] apply(Object[] row) {
      Object[] r = new Object[exprs.length];
      for (int i = 0; i < exprs.length; i++) {
        try {
          r[i] = exprs[i].eval(row);
        } catch (RuntimeException e) {
          ctx.warn("project: " + e.getMessage());
        }
      }
      return r;
    }

    /**
     * Noop update elimination (RisingWave does it in its dispatchers): an update whose old and new
     * rows are equal after projection, because only columns projected out changed, is dropped
     * rather than passed on as a delete and an insert of the same row.
     */
    @Override
    protected void onChunk(int input, Chunk chunk) {
      Chunk.Builder out = new Chunk.Builder();
      int n = chunk.size();
      for (int i = 0; i < n; i++) {
        Op op = chunk.op(i);
        if (op == Op.UPDATE_DELETE && i + 1 < n && chunk.op(i + 1) == Op.UPDATE_INSERT) {
          Object[] old = apply(chunk.row(i));
          Object[] next = apply(chunk.row(++i));
          if (!sameRow(old, next)) {
            out.update(old, next);
          }
        } else {
          out.add(op, apply(chunk.row(i)));
        }
      }
      emit(out.build());
    }

    private static boolean sameRow(Object[] a, Object[] b) {
      for (int i = 0; i < a.length; i++) {
        if (!dev.patina.stream.types.Values.equal(a[i], b[i])) {
          return false;
        }
      }
      return true;
    }

    /** Every output column that keeps the watermarked column, or grows with it, gets one. */
    @Override
    protected void onWatermark(int input, Watermark watermark) {
      for (int i = 0; i < exprs.length; i++) {
        Watermark w = exprs[i].derive(watermark, i);
        if (w != null) {
          emitWatermark(w);
        }
      }
    }
  }

  /**
   * UNION ALL: the inputs' changes, barriers aligned. A column's watermark is the least of the
   * inputs' watermarks on it, once every input has one.
   */
  static final class Union extends Executor {
    private final int inputs;
    private final java.util.Map<Integer, Watermark[]> watermarks = new java.util.HashMap<>();
    private final java.util.Map<Integer, Watermark> emitted = new java.util.HashMap<>();

    Union(ExecContext ctx, int inputs) {
      super(ctx, inputs);
      this.inputs = inputs;
    }

    @Override
    protected void onChunk(int input, Chunk chunk) {
      emit(chunk);
    }

    @Override
    protected void onWatermark(int input, Watermark watermark) {
      Watermark[] per = watermarks.computeIfAbsent(watermark.column(), c -> new Watermark[inputs]);
      if (!watermark.after(per[input])) {
        return;
      }
      per[input] = watermark;
      Watermark min = null;
      for (Watermark w : per) {
        if (w == null) {
          return;
        }
        if (min == null || min.after(w)) {
          min = w;
        }
      }
      if (min.after(emitted.get(watermark.column()))) {
        emitted.put(watermark.column(), min);
        emitWatermark(min);
      }
    }
  }
}

package dev.patina.stream.engine;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.expr.Ordering;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.sql.Statement;
import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.StateStore;
import dev.patina.stream.state.StateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watermarks of an append-only table ({@code WATERMARK FOR col AS expr}): as in RisingWave,
 * whose table job runs a watermark filter before it stores rows, an INSERT's rows whose {@code col}
 * is below the table's watermark (or NULL, once there is one) are late and not stored. The
 * watermark is the largest {@code expr} over the rows stored so far (an append-only table keeps
 * every row it accepted), computed once per table and then followed under the write lock.
 * Materialized views generate the same watermark in their own watermark filter.
 */
final class TableWatermarks {
  private record Mark(int column, BoundExpr expr) {}

  private static final Map<StateStore, Map<Integer, Object[]>> CURRENT =
      java.util.Collections.synchronizedMap(new WeakHashMap<>());

  private final Relation table;
  private final List<Mark> marks;

  private TableWatermarks(Relation table, List<Mark> marks) {
    this.table = table;
    this.marks = marks;
  }

  /**
   * The watermarks of {@code t}, bound over its columns (none for a table that is not append-only).
   */
  static TableWatermarks of(Relation t, Binder binder) {
    List<Mark> marks = new ArrayList<>();
    if (t.appendOnly()
        && t.definition() != null
        && SqlParser.parseOne(t.definition()) instanceof Statement.CreateTable c) {
      for (Statement.Watermark w : c.watermarks()) {
        marks.add(bind(t, w, binder));
      }
    }
    return new TableWatermarks(t, marks);
  }

  /** Checks a CREATE TABLE's watermarks: a column of the table and an expression of its type. */
  static void check(Relation t, Binder binder) {
    if (SqlParser.parseOne(t.definition()) instanceof Statement.CreateTable c) {
      if (c.watermarks().size() > 1) {
        throw new SqlException(
            SqlState.FEATURE_NOT_SUPPORTED, "only one watermark can be defined on a table");
      }
      for (Statement.Watermark w : c.watermarks()) {
        bind(t, w, binder);
      }
    }
  }

  private static Mark bind(Relation t, Statement.Watermark w, Binder binder) {
    int col = t.columnIndex(w.column());
    if (col < 0) {
      throw new SqlException(
          SqlState.UNDEFINED_COLUMN, "column \"" + w.column() + "\" does not exist");
    }
    BoundExpr e = binder.bindOver(t, null, w.expr(), "WATERMARK");
    e = Casts.cast(e, t.columns().get(col).type(), CastContext.ASSIGNMENT);
    return new Mark(col, e);
  }

  boolean isEmpty() {
    return marks.isEmpty();
  }

  private Object[] current(StateStore store, StateTable rows) {
    Map<Integer, Object[]> byTable = CURRENT.computeIfAbsent(store, s -> new ConcurrentHashMap<>());
    return byTable.computeIfAbsent(
        table.id(),
        id -> {
          Object[] wm = new Object[marks.size()];
          try (CloseableIterator<Object[]> it = rows.scan()) {
            while (it.hasNext()) {
              advance(wm, it.next());
            }
          }
          return wm;
        });
  }

  private void advance(Object[] wm, Object[] row) {
    for (int i = 0; i < marks.size(); i++) {
      Object v;
      try {
        v = marks.get(i).expr().eval(row);
      } catch (RuntimeException e) {
        continue;
      }
      if (v != null && (wm[i] == null || Ordering.compare(v, wm[i]) > 0)) {
        wm[i] = v;
      }
    }
  }

  /** The watermarks before a statement (null entries: none yet), one per mark. */
  Object[] before(StateStore store, StateTable rows) {
    return current(store, rows).clone();
  }

  /**
   * Whether an INSERT's row is late: below the watermark before the statement (RisingWave filters a
   * chunk against the watermark of the chunks before it), or NULL once there is one.
   */
  boolean late(Object[] watermarks, Object[] row) {
    for (int i = 0; i < marks.size(); i++) {
      Object v = row[marks.get(i).column()];
      if (watermarks[i] != null && (v == null || Ordering.compare(v, watermarks[i]) < 0)) {
        return true;
      }
    }
    return false;
  }

  /** After the INSERT of {@code accepted} committed: the watermark moves on. */
  void committed(StateStore store, List<Object[]> accepted) {
    Map<Integer, Object[]> byTable = CURRENT.get(store);
    Object[] wm = byTable == null ? null : byTable.get(table.id());
    if (wm == null) {
      return;
    }
    Object[] next = wm.clone();
    for (Object[] r : accepted) {
      advance(next, r);
    }
    byTable.put(table.id(), next);
  }
}

package dev.patina.stream.engine;

import dev.patina.stream.catalog.ColumnDesc;
import dev.patina.stream.catalog.Relation;
import dev.patina.stream.catalog.RelationKind;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.pgwire.CommandTag;
import dev.patina.stream.pgwire.RowStream;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.pgwire.StatementResult;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.plan.Field;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.sql.Expr;
import dev.patina.stream.sql.Query;
import dev.patina.stream.sql.Select;
import dev.patina.stream.sql.SetExpr;
import dev.patina.stream.sql.Statement;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.WriteBatch;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * INSERT, UPDATE and DELETE. Each statement computes its new rows from a snapshot, stages them in
 * the table's state table, and commits them as one epoch under the write lock; the committed
 * changes then go to the streaming backend. A table with a primary key keeps one row per key: an
 * INSERT of an existing key overwrites it (RisingWave's default ON CONFLICT behaviour).
 */
final class Dml {
  private Dml() {}

  static Relation target(StreamSession s, dev.patina.stream.sql.ObjectName name, String verb) {
    Relation r = s.binder(List.of()).relation(name);
    if (r.kind() != RelationKind.TABLE) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "cannot " + verb + " " + r.kind().sqlName() + " \"" + r.name() + "\"");
    }
    return r;
  }

  static StatementResult insert(StreamSession s, Statement.Insert ins, List<DataType> paramTypes) {
    Relation t = target(s, ins.table(), "insert into");
    // target columns
    List<Integer> targets = new ArrayList<>();
    if (ins.columns().isEmpty()) {
      for (int i = 0; i < t.columns().size(); i++) {
        if (!t.columns().get(i).hidden()) {
          targets.add(i);
        }
      }
    } else {
      Set<String> seen = new HashSet<>();
      for (String c : ins.columns()) {
        int i = t.columnIndex(c);
        if (i < 0 || t.columns().get(i).hidden()) {
          throw new SqlException(
              SqlState.UNDEFINED_COLUMN,
              "column \"" + c + "\" of relation \"" + t.name() + "\" does not exist");
        }
        if (!seen.add(c)) {
          throw new SqlException("42701", "column \"" + c + "\" specified more than once");
        }
        targets.add(i);
      }
    }
    List<DataType> targetTypes = targets.stream().map(i -> t.columns().get(i).type()).toList();
    Binder binder = s.binder(paramTypes);
    LogicalPlan source = sourcePlan(binder, ins.source(), targetTypes);
    List<Field> fields = source.schema();
    if (fields.size() > targets.size()) {
      throw new SqlException(
          SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
    }
    // cast each source column to its target column's type
    List<BoundExpr> casts = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      casts.add(
          Casts.cast(
              new BoundExpr.InputRef(i, fields.get(i).type()),
              targetTypes.get(i),
              CastContext.ASSIGNMENT));
    }
    ConflictPolicy conflict = ConflictPolicy.of(t);
    ColumnRules rules = ColumnRules.of(t, binder);
    TableWatermarks marks = TableWatermarks.of(t, binder);
    s.db.writeLock().lock();
    try {
      List<Object[]> input = s.runPlan(source);
      StateTable table = new StateTable(t.layout(), s.db.store().latest());
      List<RowChange> changes = new ArrayList<>();
      List<Object[]> inserted = new ArrayList<>();
      Object[] watermarks = marks.isEmpty() ? null : marks.before(s.db.store(), table);
      List<Object[]> accepted = new ArrayList<>();
      for (Object[] in : input) {
        Object[] row = new Object[t.columns().size()];
        for (int i = 0; i < casts.size(); i++) {
          row[targets.get(i)] = casts.get(i).eval(in);
        }
        rules.fillDefaults(row, targets);
        fillRowId(s, t, row);
        if (watermarks != null && marks.late(watermarks, row)) {
          // late: counted, as RisingWave's DML counts it, but not stored
          inserted.add(row);
          continue;
        }
        Object[] old = t.primaryKeyDeclared() ? table.get(keyOf(t, row)) : null;
        if (old != null) {
          if (t.appendOnly()) {
            continue;
          }
          row = conflict.resolve(old, row);
          if (row == null) {
            continue;
          }
          rules.check(t, row);
          changes.add(new RowChange(RowChange.Op.UPDATE_DELETE, old));
          changes.add(new RowChange(RowChange.Op.UPDATE_INSERT, row));
        } else {
          rules.check(t, row);
          changes.add(new RowChange(RowChange.Op.INSERT, row));
        }
        table.insert(row);
        inserted.add(row);
        accepted.add(row);
      }
      commit(s, t, table, changes);
      if (watermarks != null) {
        marks.committed(s.db.store(), accepted);
      }
      s.afterDml();
      return result(s, t, ins.returning(), "INSERT", inserted);
    } finally {
      s.db.writeLock().unlock();
    }
  }

  private static LogicalPlan sourcePlan(Binder binder, Query source, List<DataType> targetTypes) {
    if (StreamSession.isValues(source)) {
      SetExpr.Values v = (SetExpr.Values) source.body();
      List<List<Expr>> rows = new ArrayList<>();
      for (List<Expr> r : v.rows()) {
        // DEFAULT: the column's default, which is NULL (column defaults are not kept yet)
        rows.add(
            r.stream()
                .map(e -> e instanceof Expr.Default d ? (Expr) new Expr.NullLit(d.pos()) : e)
                .toList());
      }
      return binder.bindValues(new SetExpr.Values(v.pos(), rows), targetTypes).plan();
    }
    return binder.bindQuery(source).plan();
  }

  private static void fillRowId(StreamSession s, Relation t, Object[] row) {
    if (!t.primaryKeyDeclared()) {
      row[t.pk().get(0)] = s.db.nextRowId();
    }
  }

  static Object[] keyOf(Relation t, Object[] row) {
    Object[] k = new Object[t.pk().size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = row[t.pk().get(i)];
    }
    return k;
  }

  private static void commit(
      StreamSession s, Relation t, StateTable table, List<RowChange> changes) {
    WriteBatch batch = new WriteBatch();
    table.writeTo(batch);
    if (batch.isEmpty()) {
      return;
    }
    s.db.commit(
        batch, List.of(), List.of(), changes.isEmpty() ? Map.of() : Map.of(t.id(), changes));
  }

  private static StatementResult result(
      StreamSession s,
      Relation t,
      List<Select.SelectItem> returning,
      String verb,
      List<Object[]> rows) {
    if (returning.isEmpty()) {
      return new StatementResult.Command(CommandTag.of(verb, rows.size()));
    }
    List<List<BoundExpr>> values = new ArrayList<>();
    for (Object[] r : rows) {
      List<BoundExpr> lits = new ArrayList<>();
      for (int i = 0; i < r.length; i++) {
        lits.add(new BoundExpr.Literal(r[i], t.columns().get(i).type()));
      }
      values.add(lits);
    }
    List<Field> fields =
        t.columns().stream().map(c -> new Field(c.name(), c.type(), c.hidden())).toList();
    LogicalPlan rowsPlan = new LogicalPlan.Values(values, fields);
    Binder.BoundQuery b = s.binder(List.of()).bindReturning(t, rowsPlan, returning);
    List<Object[]> out = s.runPlan(b.plan());
    return new StatementResult.Rows(Queries.description(b), RowStream.of(out), verb);
  }

  static StatementResult update(StreamSession s, Statement.Update u, List<DataType> paramTypes) {
    Relation t = target(s, u.table(), "update");
    if (t.appendOnly()) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "append-only table \"" + t.name() + "\" does not support UPDATE");
    }
    Binder binder = s.binder(paramTypes);
    int[] cols = new int[0];
    List<BoundExpr> values = new ArrayList<>();
    List<Integer> colList = new ArrayList<>();
    for (Statement.Assignment a : u.assignments()) {
      if (a.columns().size() != 1) {
        throw new SqlException(
            SqlState.FEATURE_NOT_SUPPORTED, "multi-column assignment is not supported yet");
      }
      String c = a.columns().get(0);
      int i = t.columnIndex(c);
      if (i < 0) {
        throw new SqlException(
            SqlState.UNDEFINED_COLUMN,
            "column \"" + c + "\" of relation \"" + t.name() + "\" does not exist");
      }
      if (t.pk().contains(i) && t.primaryKeyDeclared()) {
        throw new SqlException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "update of primary key column \"" + c + "\" is not supported");
      }
      BoundExpr v =
          a.value() instanceof Expr.Default
              ? BoundExpr.Literal.nullOf(t.columns().get(i).type())
              : binder.bindOver(t, u.alias(), a.value(), "UPDATE");
      values.add(Casts.cast(v, t.columns().get(i).type(), CastContext.ASSIGNMENT));
      colList.add(i);
    }
    cols = colList.stream().mapToInt(Integer::intValue).toArray();
    ColumnRules rules = ColumnRules.of(t, binder);
    s.db.writeLock().lock();
    try {
      List<Object[]> rows = matching(s, binder, t, u.alias(), u.where());
      StateTable table = new StateTable(t.layout(), s.db.store().latest());
      List<RowChange> changes = new ArrayList<>();
      List<Object[]> updated = new ArrayList<>();
      for (Object[] old : rows) {
        Object[] row = old.clone();
        for (int k = 0; k < cols.length; k++) {
          row[cols[k]] = values.get(k).eval(old);
        }
        rules.check(t, row);
        table.update(old, row);
        changes.add(new RowChange(RowChange.Op.UPDATE_DELETE, old));
        changes.add(new RowChange(RowChange.Op.UPDATE_INSERT, row));
        updated.add(row);
      }
      commit(s, t, table, changes);
      s.afterDml();
      return result(s, t, u.returning(), "UPDATE", updated);
    } finally {
      s.db.writeLock().unlock();
    }
  }

  static StatementResult delete(StreamSession s, Statement.Delete d, List<DataType> paramTypes) {
    Relation t = target(s, d.table(), "delete from");
    if (t.appendOnly()) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "append-only table \"" + t.name() + "\" does not support DELETE");
    }
    Binder binder = s.binder(paramTypes);
    s.db.writeLock().lock();
    try {
      List<Object[]> rows = matching(s, binder, t, d.alias(), d.where());
      StateTable table = new StateTable(t.layout(), s.db.store().latest());
      List<RowChange> changes = new ArrayList<>();
      for (Object[] old : rows) {
        table.delete(old);
        changes.add(new RowChange(RowChange.Op.DELETE, old));
      }
      commit(s, t, table, changes);
      s.afterDml();
      return result(s, t, d.returning(), "DELETE", rows);
    } finally {
      s.db.writeLock().unlock();
    }
  }

  /** The rows of {@code t} satisfying {@code where}. */
  private static List<Object[]> matching(
      StreamSession s, Binder binder, Relation t, String alias, Expr where) {
    List<Field> fields = new ArrayList<>();
    for (ColumnDesc c : t.columns()) {
      fields.add(new Field(c.name(), c.type(), c.hidden()));
    }
    LogicalPlan plan = new LogicalPlan.Scan(t, fields);
    if (where != null) {
      plan =
          new LogicalPlan.Filter(
              plan, Operators.condition(binder.bindOver(t, alias, where, "WHERE"), "WHERE"));
    }
    return s.runPlan(plan);
  }
}

package dev.patina.stream.engine;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's column constraints from its CREATE TABLE: NOT NULL columns, which a write must not
 * leave NULL (23502), and DEFAULT expressions, which fill the columns an INSERT leaves out.
 */
record ColumnRules(boolean[] notNull, BoundExpr[] defaults) {
  static ColumnRules of(Relation t, Binder binder) {
    int n = t.columns().size();
    boolean[] notNull = new boolean[n];
    BoundExpr[] defaults = new BoundExpr[n];
    if (SqlParser.parseOne(t.definition()) instanceof Statement.CreateTable c) {
      for (Statement.ColumnDef d : c.columns()) {
        int i = t.columnIndex(d.name());
        if (i < 0) {
          continue;
        }
        for (Statement.ColumnConstraint cc : d.constraints()) {
          switch (cc.kind()) {
            case NOT_NULL -> notNull[i] = true;
            case DEFAULT ->
                defaults[i] =
                    Casts.cast(
                        binder.bindConstant(cc.expr(), "DEFAULT"),
                        t.columns().get(i).type(),
                        CastContext.ASSIGNMENT);
            default -> {}
          }
        }
      }
    }
    return new ColumnRules(notNull, defaults);
  }

  /** Fills the columns not in {@code targets} with their defaults. */
  void fillDefaults(Object[] row, List<Integer> targets) {
    for (int i = 0; i < defaults.length; i++) {
      if (defaults[i] != null && !targets.contains(i)) {
        row[i] = defaults[i].eval(new Object[0]);
      }
    }
  }

  void check(Relation t, Object[] row) {
    for (int i = 0; i < notNull.length; i++) {
      if (notNull[i] && row[i] == null) {
        throw new SqlException(
            "23502",
            "null value in column \""
                + t.columns().get(i).name()
                + "\" of relation \""
                + t.name()
                + "\" violates not-null constraint");
      }
    }
  }

  static List<Integer> none() {
    return new ArrayList<>();
  }
}

package dev.patina.stream.sql;

import java.util.List;

/** An item of FROM: a table, a subquery, a table function or a join. */
public sealed interface TableRef {
  Pos pos();

  /**
   * A table, view or source, with RisingWave's {@code FOR SYSTEM_TIME AS OF expr} (temporal join);
   * {@code alias} and {@code asOf} are nullable.
   */
  record Table(Pos pos, ObjectName name, Expr asOf, Alias alias) implements TableRef {}

  /** {@code [LATERAL] (query) [AS] alias}; alias nullable. */
  record Derived(Pos pos, boolean lateral, Query query, Alias alias) implements TableRef {}

  /**
   * A table function: {@code generate_series(1, 10)}, {@code unnest(a) WITH ORDINALITY}, {@code
   * tumble(t, ts, INTERVAL '1' MINUTE)}, {@code hop(t, ts, slide, size)}; alias nullable. The
   * window functions' first argument (a relation) is a {@link Expr.ColumnRef}.
   */
  record Function(
      Pos pos, boolean lateral, Expr.FunctionCall call, boolean withOrdinality, Alias alias)
      implements TableRef {}

  /** {@code left [NATURAL] kind JOIN right [ON ... | USING (...)]}. */
  record Join(Pos pos, TableRef left, JoinKind kind, TableRef right, JoinCondition condition)
      implements TableRef {}

  enum JoinKind {
    INNER,
    LEFT,
    RIGHT,
    FULL,
    CROSS,
    /** RisingWave's {@code ASOF [INNER] JOIN}. */
    ASOF_INNER,
    /** RisingWave's {@code ASOF LEFT [OUTER] JOIN}. */
    ASOF_LEFT
  }

  /** The condition of a join. */
  sealed interface JoinCondition {
    record On(Expr expr) implements JoinCondition {}

    record Using(List<String> columns) implements JoinCondition {
      public Using {
        columns = List.copyOf(columns);
      }
    }

    record Natural() implements JoinCondition {}

    /** CROSS JOIN and comma-less joins without a condition. */
    record None() implements JoinCondition {}
  }

  /** {@code [AS] name [(columns)]}. */
  record Alias(Pos pos, String name, List<String> columns) {
    public Alias {
      columns = List.copyOf(columns);
    }
  }
}

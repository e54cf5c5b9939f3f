package dev.patina.stream.sql;

import java.util.List;

/** The body of a query: a SELECT, VALUES, a set operation or a parenthesized query. */
public sealed interface SetExpr
    permits Select, SetExpr.SetOperation, SetExpr.Values, SetExpr.Parenthesized {
  Pos pos();

  /**
   * {@code left UNION | INTERSECT | EXCEPT [ALL | DISTINCT] [CORRESPONDING [BY (cols)]] right}.
   * {@code corresponding} is null when not written; an empty list is CORRESPONDING without BY.
   */
  record SetOperation(
      Pos pos, SetOperator op, boolean all, List<String> corresponding, SetExpr left, SetExpr right)
      implements SetExpr {
    public SetOperation {
      corresponding = corresponding == null ? null : List.copyOf(corresponding);
    }
  }

  enum SetOperator {
    UNION,
    INTERSECT,
    EXCEPT
  }

  /** {@code VALUES (a, b), (c, d)}. */
  record Values(Pos pos, List<List<Expr>> rows) implements SetExpr {
    public Values {
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /**
   * A parenthesized query that has its own WITH, ORDER BY, LIMIT, OFFSET or FETCH. Parentheses
   * around a bare body leave no node.
   */
  record Parenthesized(Pos pos, Query query) implements SetExpr {}
}

package dev.patina.stream.sql;

/** One key of an ORDER BY (of a query, an aggregate, a window or an index). */
public record OrderByItem(Pos pos, Expr expr, boolean descending, NullsOrder nulls) {

  /** NULLS FIRST / NULLS LAST, or DEFAULT when not written (PostgreSQL: last for ASC). */
  public enum NullsOrder {
    DEFAULT,
    FIRST,
    LAST
  }

  public static OrderByItem asc(Expr expr) {
    return new OrderByItem(expr.pos(), expr, false, NullsOrder.DEFAULT);
  }
}

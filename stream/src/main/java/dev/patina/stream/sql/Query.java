package dev.patina.stream.sql;

import java.util.List;

/**
 * A query: {@code [WITH ...] body [ORDER BY ...] [LIMIT ...] [OFFSET ...] [FETCH ...]}. {@code
 * with}, {@code limit}, {@code offset} and {@code fetch} are nullable ({@code LIMIT ALL} is no
 * limit).
 */
public record Query(
    Pos pos,
    With with,
    SetExpr body,
    List<OrderByItem> orderBy,
    Expr limit,
    Expr offset,
    Fetch fetch)
    implements Statement {
  public Query {
    orderBy = List.copyOf(orderBy);
  }

  /** A query that is just its body. */
  public static Query of(SetExpr body) {
    return new Query(body.pos(), null, body, List.of(), null, null, null);
  }

  /** True when the query adds nothing to its body. */
  public boolean isBare() {
    return with == null && orderBy.isEmpty() && limit == null && offset == null && fetch == null;
  }

  /** {@code WITH [RECURSIVE] cte, ...}. */
  public record With(Pos pos, boolean recursive, List<Cte> ctes) {
    public With {
      ctes = List.copyOf(ctes);
    }
  }

  /**
   * {@code name [(columns)] AS [[NOT] MATERIALIZED] (query)}, or RisingWave's {@code name AS
   * CHANGELOG FROM relation}: exactly one of {@code query} and {@code changelogOf} is set. {@code
   * materialized} is null when not written.
   */
  public record Cte(
      Pos pos,
      String name,
      List<String> columns,
      Boolean materialized,
      Query query,
      ObjectName changelogOf) {
    public Cte {
      columns = List.copyOf(columns);
    }
  }

  /** {@code FETCH FIRST count ROWS ONLY | WITH TIES}; {@code count} null means 1. */
  public record Fetch(Pos pos, Expr count, boolean withTies) {}
}

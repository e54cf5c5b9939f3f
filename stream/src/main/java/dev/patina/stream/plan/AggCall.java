package dev.patina.stream.plan;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.types.DataType;
import java.util.List;

/**
 * One aggregate call of an {@link LogicalPlan.Aggregate}: {@code name(DISTINCT args ORDER BY
 * orderBy) FILTER (WHERE filter)}; arguments and filter are expressions over the aggregate's input.
 *
 * @param orderBy sort keys over {@code args} positions (for string_agg, array_agg)
 * @param type the result type
 */
public record AggCall(
    String name,
    List<BoundExpr> args,
    boolean distinct,
    BoundExpr filter,
    List<BoundExpr> orderArgs,
    List<SortKey> orderBy,
    DataType type) {
  public AggCall {
    args = List.copyOf(args);
    orderArgs = List.copyOf(orderArgs);
    orderBy = List.copyOf(orderBy);
  }
}

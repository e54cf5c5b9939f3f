package dev.patina.stream.engine;

import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.plan.LogicalPlan;

/**
 * What a streaming plan cannot do, checked when a materialized view is created (RisingWave refuses
 * the same queries): a join without an equality between its sides would need a nested-loop join
 * over unbounded inputs.
 */
final class StreamingChecks {
  private StreamingChecks() {}

  static void check(LogicalPlan p) {
    if (p instanceof LogicalPlan.Join j
        && j.leftKeys().isEmpty()
        && !isConstant(j.left())
        && !isConstant(j.right())) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "The query cannot be planned: streaming nested-loop join is not supported; "
              + "join on an equality between the two sides");
    }
    for (LogicalPlan in : p.inputs()) {
      check(in);
    }
  }

  private static boolean isConstant(LogicalPlan p) {
    return switch (p) {
      case LogicalPlan.Values v -> true;
      case LogicalPlan.TableFunction t -> true;
      case LogicalPlan.Scan s -> false;
      default -> p.inputs().stream().allMatch(StreamingChecks::isConstant);
    };
  }
}

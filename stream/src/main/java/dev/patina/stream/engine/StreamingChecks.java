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
        && !isSingleRow(j.left())
        && !isSingleRow(j.right())) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "The query cannot be planned: streaming nested-loop join is not supported; "
              + "join on an equality between the two sides");
    }
    for (LogicalPlan in : p.inputs()) {
      check(in);
    }
  }

  /** Whether {@code p} reads a changelog CTE, which only a streaming job can produce. */
  static boolean readsChangelog(LogicalPlan p) {
    return p instanceof LogicalPlan.Changelog
        || p.inputs().stream().anyMatch(StreamingChecks::readsChangelog);
  }

  /** Whether {@code p} yields at most one row (a dynamic filter can join it). */
  private static boolean isSingleRow(LogicalPlan p) {
    return switch (p) {
      case LogicalPlan.Aggregate a -> a.groupKeys().isEmpty();
      case LogicalPlan.Limit l -> l.limit() >= 0 && l.limit() <= 1 || isSingleRow(l.input());
      case LogicalPlan.Project pr -> isSingleRow(pr.input());
      case LogicalPlan.Filter f -> isSingleRow(f.input());
      case LogicalPlan.Sort s -> isSingleRow(s.input());
      default -> isConstant(p);
    };
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

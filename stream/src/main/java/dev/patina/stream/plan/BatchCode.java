package dev.patina.stream.plan;

import java.util.List;

/**
 * The batch executor's code that streaming operators reuse where they recompute from kept rows: the
 * streaming planner cannot depend on the batch package (which depends on this one), so the engine
 * hands it over. Reusing one implementation keeps both engines' answers alike.
 */
public interface BatchCode {
  /** An {@link LogicalPlan.OverWindow}'s output rows for one partition's input rows. */
  List<Object[]> overWindow(LogicalPlan.OverWindow w, List<Object[]> partition);

  /**
   * An aggregate's result from a group's evaluated inputs past FILTER (argument values, then ORDER
   * BY values).
   */
  Object aggregate(AggCall call, List<Object[]> tuples);

  /** A {@link LogicalPlan.ProjectSet}'s output rows for one input row. */
  List<Object[]> projectSet(LogicalPlan.ProjectSet ps, Object[] row);
}

package dev.patina.stream.engine;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.plan.Field;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.plan.SortKey;
import java.util.List;

/**
 * What a streaming plan cannot do, checked when a materialized view is created (RisingWave refuses
 * the same queries): a join without an equality between its sides would need a nested-loop join
 * over unbounded inputs.
 */
final class StreamingChecks {
  private StreamingChecks() {}

  static void check(LogicalPlan p) {
    checkVariantKeys(p, true);
    checkJoins(p);
  }

  private static void checkJoins(LogicalPlan p) {
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
      checkJoins(in);
    }
  }

  /**
   * VARIANT values have byte-wise equality and order only, so RisingWave refuses them (also nested
   * in a struct or list) wherever a streaming operator keys its state by a value: grouping and
   * DISTINCT keys, DISTINCT aggregate arguments, ORDER BY inside an aggregate, TopN order keys,
   * window partitions and orders, join keys and the view's ORDER BY (its storage key). Unlike
   * jsonb's, this check has no opt-in.
   */
  static void checkVariantKeys(LogicalPlan p, boolean top) {
    List<Field> in = p.inputs().isEmpty() ? List.of() : p.inputs().get(0).schema();
    switch (p) {
      case LogicalPlan.Aggregate a -> {
        variantKeys(a.groupKeys(), in, "aggregation group key");
        for (dev.patina.stream.plan.AggCall c : a.aggs()) {
          if (c.distinct()) {
            variantKeys(c.args(), in, "distinct aggregation argument");
          }
          variantKeys(c.orderArgs(), in, "aggregation order key");
        }
      }
      case LogicalPlan.Distinct d -> variantColumns(in, null, "aggregation group key");
      case LogicalPlan.DistinctOn d -> variantColumns(in, d.keys(), "aggregation group key");
      case LogicalPlan.SetOp s when !s.all() -> variantColumns(in, null, "aggregation group key");
      case LogicalPlan.Limit l when l.input() instanceof LogicalPlan.Sort s ->
          variantColumns(
              s.input().schema(),
              s.keys().stream().map(SortKey::column).toList(),
              "TopN order key");
      case LogicalPlan.Sort s when top -> {
        for (SortKey k : s.keys()) {
          Field f = in.get(k.column());
          if (f.type().containsVariant()) {
            throw variantKey(
                "VARIANT column \"" + f.name() + "\" is part of the storage primary key");
          }
        }
      }
      case LogicalPlan.OverWindow w -> {
        for (dev.patina.stream.plan.WindowCall c : w.calls()) {
          variantKeys(c.partitionBy(), in, "over window partition key");
          variantKeys(c.orderBy(), in, "over window order key");
        }
      }
      case LogicalPlan.Join j -> {
        variantColumns(j.left().schema(), j.leftKeys(), "join key");
        variantColumns(j.right().schema(), j.rightKeys(), "join key");
      }
      default -> {}
    }
    boolean passesTop = p instanceof LogicalPlan.Project;
    for (LogicalPlan child : p.inputs()) {
      checkVariantKeys(child, top && passesTop);
    }
  }

  private static void variantKeys(List<BoundExpr> keys, List<Field> in, String where) {
    for (BoundExpr e : keys) {
      if (e.type().containsVariant()) {
        String name =
            e instanceof BoundExpr.InputRef r && r.index() < in.size()
                ? in.get(r.index()).name()
                : e.explain();
        throw variantKey("VARIANT column \"" + name + "\" should not be in the " + where + ".");
      }
    }
  }

  private static void variantColumns(List<Field> schema, List<Integer> cols, String where) {
    for (int i = 0; i < schema.size(); i++) {
      if ((cols == null || cols.contains(i)) && schema.get(i).type().containsVariant()) {
        throw variantKey(
            "VARIANT column \"" + schema.get(i).name() + "\" should not be in the " + where + ".");
      }
    }
  }

  private static SqlException variantKey(String message) {
    return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "Not supported: " + message)
        .withHint(
            "VARIANT values only have byte-wise equality and ordering, so they cannot be used as a"
                + " key: in a primary key, index, grouping or join key, ORDER BY, or set"
                + " operation.");
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

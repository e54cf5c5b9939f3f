package dev.patina.stream.plan;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.expr.BoundExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * A bound query as a tree of relational operators. Every node's output is a row of {@link
 * #schema()} fields; expressions in a node read its input row ({@link BoundExpr.InputRef} indexes
 * into the input's schema). The batch executor runs these trees; the streaming planner turns them
 * into dataflow operators.
 */
public sealed interface LogicalPlan {
  List<Field> schema();

  List<LogicalPlan> inputs();

  /** Every row of a stored relation (all its columns, hidden ones included). */
  record Scan(Relation table, List<Field> schema) implements LogicalPlan {
    public List<LogicalPlan> inputs() {
      return List.of();
    }
  }

  /** Constant rows: each expression reads nothing (evaluated over an empty row). */
  record Values(List<List<BoundExpr>> rows, List<Field> schema) implements LogicalPlan {
    public List<LogicalPlan> inputs() {
      return List.of();
    }
  }

  /**
   * The rows of a set-returning function of constant arguments ({@code generate_series}, {@code
   * unnest}).
   */
  record TableFunction(String name, List<BoundExpr> args, List<Field> schema)
      implements LogicalPlan {
    public List<LogicalPlan> inputs() {
      return List.of();
    }
  }

  /**
   * Set-returning functions in a select list: each input row repeated once per row of the longest
   * function result, followed by one column per function (NULL where a shorter one ran out).
   */
  record ProjectSet(LogicalPlan input, List<TableFunction> calls, List<Field> schema)
      implements LogicalPlan {
    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /**
   * The input's rows, each followed by the value of every window function call ({@code f(...) OVER
   * (PARTITION BY ... ORDER BY ...)}).
   */
  record OverWindow(LogicalPlan input, List<WindowCall> calls, List<Field> schema)
      implements LogicalPlan {
    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /**
   * TUMBLE and HOP: each input row followed by {@code window_start} and {@code window_end} of every
   * window of length {@code size} (microseconds), starting every {@code slide}, shifted by {@code
   * offset}, that holds its {@code timeColumn} value (one window for TUMBLE, where slide equals
   * size).
   */
  record TimeWindow(
      LogicalPlan input, int timeColumn, long slide, long size, long offset, List<Field> schema)
      implements LogicalPlan {
    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /**
   * {@code WITH c AS CHANGELOG FROM rel}: every change of {@code input} (a table or materialized
   * view) as an appended row, the changed row followed by {@code changelog_op} (smallint: 1 insert,
   * 2 delete, 3 update-insert, 4 update-delete, RisingWave's {@code Op::to_i16}) and the hidden
   * {@code _changelog_row_id} (serial, time-based). Only a streaming job can produce it: a batch
   * query has no changes to list.
   */
  record Changelog(LogicalPlan input, List<Field> schema) implements LogicalPlan {
    public static final String OP = "changelog_op";
    public static final String ROW_ID = "_changelog_row_id";

    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /** How GAP_FILL fills a column of the rows it generates. */
  enum FillStrategy {
    NULL,
    LOCF,
    INTERPOLATE
  }

  /**
   * GAP_FILL: the input rows plus, within each partition, a row for every missing multiple of
   * {@code step} (microseconds) between two consecutive times; generated rows copy the partition
   * columns and fill the others by {@code fills} (one per column).
   */
  record GapFill(
      LogicalPlan input,
      int timeColumn,
      long step,
      List<FillStrategy> fills,
      List<Integer> partition,
      List<Field> schema)
      implements LogicalPlan {
    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /**
   * A table, or an index of one, read as of the processing time: the right side of a temporal join
   * ({@code JOIN t FOR SYSTEM_TIME AS OF PROCTIME()}), where each left row meets the table's rows
   * as they are when the left row arrives. {@code input} is the relation's scan (with the index's
   * or alias's projection); {@code lookupKeys} are the column sets of the output a lookup may use
   * (the declared primary key, each index's key columns), one of which the join's equalities must
   * cover.
   */
  record TemporalScan(LogicalPlan input, List<List<Integer>> lookupKeys) implements LogicalPlan {
    public TemporalScan {
      lookupKeys = List.copyOf(lookupKeys);
    }

    public List<Field> schema() {
      return input.schema();
    }

    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /** The rows of {@code input} for which {@code predicate} is true. */
  record Filter(LogicalPlan input, BoundExpr predicate) implements LogicalPlan {
    public List<Field> schema() {
      return input.schema();
    }

    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /** One output column per expression over the input row. */
  record Project(LogicalPlan input, List<BoundExpr> exprs, List<Field> schema)
      implements LogicalPlan {
    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /**
   * Groups by {@code groupKeys} (expressions over the input) and computes {@code aggs} per group;
   * the output row is the group keys then the aggregate values. No group keys: exactly one row.
   */
  record Aggregate(
      LogicalPlan input, List<BoundExpr> groupKeys, List<AggCall> aggs, List<Field> schema)
      implements LogicalPlan {
    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /** How a {@link Join} matches rows. SEMI and ANTI output only left columns. */
  enum JoinType {
    INNER,
    LEFT,
    RIGHT,
    FULL,
    SEMI,
    ANTI
  }

  /**
   * Pairs of rows satisfying {@code condition} (over the left row followed by the right row; null:
   * every pair). {@code leftKeys}/{@code rightKeys} are the equi-join columns found in it.
   */
  record Join(
      LogicalPlan left,
      LogicalPlan right,
      JoinType type,
      BoundExpr condition,
      List<Integer> leftKeys,
      List<Integer> rightKeys,
      List<Field> schema)
      implements LogicalPlan {
    public List<LogicalPlan> inputs() {
      return List.of(left, right);
    }

    /** The output fields of a join of these sides. */
    public static List<Field> schemaOf(LogicalPlan left, LogicalPlan right, JoinType type) {
      List<Field> out = new ArrayList<>(left.schema());
      if (type != JoinType.SEMI && type != JoinType.ANTI) {
        out.addAll(right.schema());
      }
      return out;
    }
  }

  /** The input sorted by {@code keys}. */
  record Sort(LogicalPlan input, List<SortKey> keys) implements LogicalPlan {
    public List<Field> schema() {
      return input.schema();
    }

    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /**
   * At most {@code limit} rows (-1: no limit) after skipping {@code offset}; {@code withTies} also
   * keeps the rows that tie with the last one on the input's sort keys (FETCH ... WITH TIES).
   */
  record Limit(LogicalPlan input, long limit, long offset, boolean withTies)
      implements LogicalPlan {
    public Limit(LogicalPlan input, long limit, long offset) {
      this(input, limit, offset, false);
    }

    public List<Field> schema() {
      return input.schema();
    }

    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /** The distinct rows of the input. */
  record Distinct(LogicalPlan input) implements LogicalPlan {
    public List<Field> schema() {
      return input.schema();
    }

    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /** The first row of each group of equal {@code keys} (DISTINCT ON), in input order. */
  record DistinctOn(LogicalPlan input, List<Integer> keys) implements LogicalPlan {
    public List<Field> schema() {
      return input.schema();
    }

    public List<LogicalPlan> inputs() {
      return List.of(input);
    }
  }

  /** UNION / INTERSECT / EXCEPT of inputs with equal column types. */
  enum SetOperator {
    UNION,
    INTERSECT,
    EXCEPT
  }

  record SetOp(SetOperator op, boolean all, LogicalPlan left, LogicalPlan right)
      implements LogicalPlan {
    public List<Field> schema() {
      return left.schema();
    }

    public List<LogicalPlan> inputs() {
      return List.of(left, right);
    }
  }

  /** Renders the tree for EXPLAIN. */
  static String explain(LogicalPlan p) {
    StringBuilder b = new StringBuilder();
    explain(p, 0, b);
    return b.toString();
  }

  private static void explain(LogicalPlan p, int depth, StringBuilder b) {
    b.append("  ".repeat(depth));
    switch (p) {
      case Scan s -> b.append("Scan ").append(s.table().name());
      case Values v -> b.append("Values rows=").append(v.rows().size());
      case TableFunction t -> b.append("TableFunction ").append(t.name());
      case ProjectSet ps ->
          b.append("ProjectSet ").append(ps.calls().stream().map(TableFunction::name).toList());
      case OverWindow w ->
          b.append("OverWindow ").append(w.calls().stream().map(WindowCall::name).toList());
      case TimeWindow w ->
          b.append(w.slide() == w.size() ? "Tumble" : "Hop").append(" $").append(w.timeColumn());
      case GapFill g -> b.append("GapFill $").append(g.timeColumn());
      case Changelog c -> b.append("Changelog");
      case TemporalScan t -> b.append("TemporalScan ").append(t.lookupKeys());
      case Filter f -> b.append("Filter ").append(f.predicate().explain());
      case Project pr ->
          b.append("Project ").append(pr.exprs().stream().map(BoundExpr::explain).toList());
      case Aggregate a ->
          b.append("Aggregate keys=")
              .append(a.groupKeys().stream().map(BoundExpr::explain).toList())
              .append(" aggs=")
              .append(a.aggs().stream().map(AggCall::name).toList());
      case Join j ->
          b.append("Join ")
              .append(j.type())
              .append(j.condition() == null ? "" : " " + j.condition().explain());
      case Sort s -> b.append("Sort ").append(s.keys());
      case Limit l -> b.append("Limit ").append(l.limit()).append(" offset ").append(l.offset());
      case Distinct d -> b.append("Distinct");
      case DistinctOn d -> b.append("DistinctOn ").append(d.keys());
      case SetOp s -> b.append(s.op()).append(s.all() ? " ALL" : "");
    }
    b.append('\n');
    for (LogicalPlan in : p.inputs()) {
      explain(in, depth + 1, b);
    }
  }
}

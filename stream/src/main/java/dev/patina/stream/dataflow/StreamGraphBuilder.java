package dev.patina.stream.dataflow;

import dev.patina.stream.state.OrderType;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Builds one streaming job: the planner's entry point to the dataflow. Each method adds an operator
 * over earlier {@link Node}s and returns its output; column indexes refer to the input's output
 * columns; the job ends with one {@link #materialize}. State table ids come from {@code
 * stateTableIds} in the order the operators are added, so the same calls with the same ids rebuild
 * the same job after a restart.
 */
public final class StreamGraphBuilder {
  private final String name;
  private final IntSupplier stateTableIds;
  private final List<PlanNode> nodes = new ArrayList<>();
  private final List<Integer> allocated = new ArrayList<>();
  private int materialized = -1;

  /**
   * @param name the job's name, for errors and EXPLAIN
   * @param stateTableIds supplies a fresh table id (non-zero, unique in the store) per state table
   */
  public StreamGraphBuilder(String name, IntSupplier stateTableIds) {
    this.name = name;
    this.stateTableIds = stateTableIds;
  }

  private int allocate() {
    int id = stateTableIds.getAsInt();
    allocated.add(id);
    return id;
  }

  private Node add(PlanNode n) {
    if (materialized >= 0) {
      throw new IllegalStateException("the job is already materialized");
    }
    nodes.add(n);
    return new Node(nodes.size() - 1, n.types());
  }

  private void check(Node n) {
    if (n.id() < 0 || n.id() >= nodes.size() || !nodes.get(n.id()).types().equals(n.types())) {
      throw new IllegalArgumentException("node " + n.id() + " is not from this builder");
    }
  }

  private static void checkColumns(Node in, int... cols) {
    for (int c : cols) {
      if (c < 0 || c >= in.width()) {
        throw new IllegalArgumentException(
            "column " + c + " out of range: the input has " + in.width() + " columns");
      }
    }
  }

  /** The rows the engine writes into table {@code tableId} (a table's DML). */
  public Node dml(int tableId, List<DataType> types) {
    return add(new PlanNode.Dml(tableId, types));
  }

  /**
   * The rows of materialized table {@code tableId} (a table or view of another job) followed by its
   * changes: the job starts with a snapshot of the current rows (backfill).
   */
  public Node table(int tableId, List<DataType> types) {
    return add(new PlanNode.Upstream(tableId, types, allocate()));
  }

  /**
   * A table whose rows the engine keeps itself in a state table of {@code layout}: the job starts
   * with a snapshot of its committed rows, then receives the changes the engine passes to {@link
   * StreamRuntime#commit} or {@link StreamRuntime#write} for {@code layout.tableId()}. Output: the
   * table's columns as stored (hidden ones included).
   */
  public Node source(TableLayout layout) {
    return add(new PlanNode.Source(layout, allocate()));
  }

  /** Constant rows (a query over VALUES or no table at all), inserted once. */
  public Node values(List<DataType> types, List<Object[]> rows) {
    return add(new PlanNode.Values(types, List.copyOf(rows), allocate()));
  }

  /** The rows for which {@code predicate} is true. */
  public Node filter(Node in, ScalarExpr predicate) {
    check(in);
    return add(new PlanNode.Filter(in.id(), in.types(), predicate));
  }

  /** One output column per expression. */
  public Node project(Node in, List<ScalarExpr> exprs) {
    check(in);
    return add(
        new PlanNode.Project(
            in.id(), exprs.stream().map(ScalarExpr::type).toList(), List.copyOf(exprs)));
  }

  /**
   * The input's changes as an append-only stream (RisingWave's {@code ChangeLogExecutor}): each
   * change becomes an insert of the row followed by {@code changelog_op} (smallint: 1 insert, 2
   * delete, 3 update-insert, 4 update-delete) and {@code _changelog_row_id} (serial: time-based,
   * increasing, unique across restarts).
   */
  public Node changelog(Node in) {
    check(in);
    return add(
        new PlanNode.Changelog(
            in.id(), Rows.plus(in.types(), List.of(DataType.INT16, DataType.SERIAL))));
  }

  /** The rows of all inputs (UNION ALL); every input has the same column types. */
  public Node union(List<Node> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("union of nothing");
    }
    for (Node n : inputs) {
      check(n);
      if (!n.types().equals(inputs.get(0).types())) {
        throw new IllegalArgumentException("union inputs differ in types");
      }
    }
    return add(new PlanNode.Union(inputs.stream().map(Node::id).toList(), inputs.get(0).types()));
  }

  /**
   * Groups by {@code groupKeys} and computes {@code calls} per group (GROUP BY, or with no keys an
   * aggregate over everything that always has one row). Output: the group key columns, then one
   * column per call. At each barrier changed groups emit inserts, update pairs or deletes.
   */
  public Node hashAgg(Node in, int[] groupKeys, List<AggCall> calls) {
    check(in);
    checkColumns(in, groupKeys);
    List<DataType> types = new ArrayList<>(Rows.pickTypes(in.types(), groupKeys));
    List<Integer> callTables = new ArrayList<>();
    int result = allocate();
    for (AggCall c : calls) {
      checkColumns(in, c.args());
      checkColumns(in, c.orderCols());
      if (c.filter() >= 0) {
        checkColumns(in, c.filter());
      }
      types.add(c.returnType());
      callTables.add(c.kind().keepsInputs() ? allocate() : -1);
      callTables.add(c.distinct() ? allocate() : -1);
    }
    return add(
        new PlanNode.HashAgg(
            in.id(), types, in.types(), groupKeys.clone(), List.copyOf(calls), result, callTables));
  }

  /**
   * Joins {@code left} and {@code right} on {@code leftKeys[i] = rightKeys[i]} (NULL keys never
   * match) and {@code condition} (over the left columns followed by the right ones; null: none).
   * Output: the left columns then the right ones; semi and anti joins output one side's columns.
   */
  public Node hashJoin(
      JoinType type, Node left, Node right, int[] leftKeys, int[] rightKeys, ScalarExpr condition) {
    check(left);
    check(right);
    checkColumns(left, leftKeys);
    checkColumns(right, rightKeys);
    if (leftKeys.length != rightKeys.length) {
      throw new IllegalArgumentException("as many left keys as right keys");
    }
    for (int i = 0; i < leftKeys.length; i++) {
      if (!left.types().get(leftKeys[i]).equals(right.types().get(rightKeys[i]))) {
        throw new IllegalArgumentException(
            "join key " + i + " compares different types: cast one side first");
      }
    }
    List<DataType> types =
        type.outputsLeft() && type.outputsRight()
            ? Rows.plus(left.types(), right.types())
            : type.outputsLeft() ? left.types() : right.types();
    return add(
        new PlanNode.HashJoin(
            left.id(),
            right.id(),
            types,
            left.types(),
            right.types(),
            type,
            leftKeys.clone(),
            rightKeys.clone(),
            condition,
            allocate(),
            allocate()));
  }

  /**
   * A temporal join ({@code JOIN t FOR SYSTEM_TIME AS OF PROCTIME()}): each row of {@code left}
   * meets, when it arrives, the rows of table {@code right} (stored in that layout) matching on
   * {@code leftKeys[i] = rightKeys[i]} (NULL never matches) and {@code condition} (over the left
   * columns followed by the table's; null: none); an inner join drops a left row without matches, a
   * left outer join pads it with NULLs. Changes of the table only affect rows arriving later. The
   * operator looks rows up in its own index of the table, loaded from the table's committed rows
   * when the job starts and kept current by the table's changes. {@code appendOnly}: the left input
   * only inserts; otherwise the results of each left row are kept (a state table) so that deleting
   * the row retracts exactly them. Output: the left columns then the table's.
   */
  public Node temporalJoin(
      JoinType type,
      Node left,
      TableLayout right,
      int[] leftKeys,
      int[] rightKeys,
      ScalarExpr condition,
      boolean appendOnly) {
    check(left);
    checkColumns(left, leftKeys);
    if (type != JoinType.INNER && type != JoinType.LEFT_OUTER) {
      throw new IllegalArgumentException("a temporal join is inner or left outer");
    }
    if (leftKeys.length != rightKeys.length || leftKeys.length == 0) {
      throw new IllegalArgumentException("as many left keys as right keys, at least one");
    }
    for (int i = 0; i < leftKeys.length; i++) {
      if (rightKeys[i] < 0 || rightKeys[i] >= right.columnTypes().size()) {
        throw new IllegalArgumentException("right key column out of range: " + rightKeys[i]);
      }
      if (!left.types().get(leftKeys[i]).equals(right.columnTypes().get(rightKeys[i]))) {
        throw new IllegalArgumentException(
            "join key " + i + " compares different types: cast one side first");
      }
    }
    Node changes = dml(right.tableId(), right.columnTypes());
    return add(
        new PlanNode.TemporalJoin(
            left.id(),
            changes.id(),
            Rows.plus(left.types(), right.columnTypes()),
            left.types(),
            right,
            type,
            leftKeys.clone(),
            rightKeys.clone(),
            condition,
            appendOnly ? -1 : allocate()));
  }

  /**
   * The rows {@code offset .. offset + limit - 1} of each group of {@code groupKeys} in the order
   * of {@code orderCols}/{@code orders} (ORDER BY ... LIMIT/OFFSET without groups; {@code
   * row_number() <= n} with them; {@code withTies}: also the rows tied with the last one, as {@code
   * rank() <= n}). {@code limit} -1: no limit. Output: the input's columns.
   */
  public Node topN(
      Node in,
      int[] groupKeys,
      int[] orderCols,
      List<OrderType> orders,
      long offset,
      long limit,
      boolean withTies) {
    check(in);
    checkColumns(in, groupKeys);
    checkColumns(in, orderCols);
    if (orderCols.length != orders.size()) {
      throw new IllegalArgumentException("one order per ORDER BY column");
    }
    if (offset < 0 || limit < -1) {
      throw new IllegalArgumentException("negative LIMIT or OFFSET");
    }
    return add(
        new PlanNode.TopN(
            in.id(),
            in.types(),
            groupKeys.clone(),
            orderCols.clone(),
            List.copyOf(orders),
            offset,
            limit,
            withTies,
            allocate()));
  }

  /**
   * TUMBLE ({@code slide == size}) and HOP: each row once per window of {@code size} microseconds,
   * starting every {@code slide} and shifted by {@code offset}, that holds column {@code
   * timeColumn} (timestamp, timestamptz or date). Output: the input's columns, then window_start
   * and window_end (timestamptz for a timestamptz column, else timestamp).
   */
  public Node hopWindow(Node in, int timeColumn, long slide, long size, long offset) {
    check(in);
    checkColumns(in, timeColumn);
    if (slide <= 0 || size <= 0) {
      throw new IllegalArgumentException("window size and slide must be positive");
    }
    DataType t =
        in.types().get(timeColumn) == DataType.TIMESTAMPTZ
            ? DataType.TIMESTAMPTZ
            : DataType.TIMESTAMP;
    List<DataType> types = Rows.plus(in.types(), List.of(t, t));
    return add(new PlanNode.HopWindow(in.id(), types, timeColumn, slide, size, offset));
  }

  /**
   * Window functions over partitions ({@code f(...) OVER (PARTITION BY ...)}): {@code compute}
   * turns all rows of one partition (in a fixed order) into the output rows, each input row
   * followed by its window function values ({@code types} are the output's column types). Rows with
   * equal {@code partitionBy} values form a partition; when one changes, its output is computed
   * again and the difference emitted.
   */
  public Node overWindow(
      Node in,
      List<ScalarExpr> partitionBy,
      java.util.function.Function<List<Object[]>, List<Object[]>> compute,
      List<DataType> types) {
    check(in);
    if (types.size() < in.width()) {
      throw new IllegalArgumentException("the output keeps the input's columns");
    }
    return add(
        new PlanNode.OverWindow(
            in.id(),
            List.copyOf(types),
            in.types(),
            List.copyOf(partitionBy),
            compute,
            allocate()));
  }

  /** How {@link #dynamicFilter} compares a left column to the right value. */
  public enum Comparison {
    GREATER,
    GREATER_EQUAL,
    LESS,
    LESS_EQUAL
  }

  /**
   * The rows of {@code left} whose column {@code column} compares as {@code comparison} to the
   * single value of {@code right} (one column, at most one row: a scalar subquery such as {@code
   * SELECT max(x) ...}); {@code x > (SELECT max(...))}. Output: the left columns.
   */
  public Node dynamicFilter(Node left, int column, Comparison comparison, Node right) {
    check(left);
    check(right);
    checkColumns(left, column);
    if (right.width() != 1 || !right.types().get(0).equals(left.types().get(column))) {
      throw new IllegalArgumentException(
          "the right side must be one column of the left column's type");
    }
    return add(
        new PlanNode.DynamicFilter(
            left.id(), right.id(), left.types(), column, comparison, allocate(), allocate()));
  }

  /**
   * Materializes {@code in} into table {@code tableId} (a table's or a view's rows) and ends the
   * job. With a primary key the rows are stored by it and {@code conflict} says what an insert of a
   * present key does; with an empty {@code pk} the table is a multiset of whole rows.
   */
  public void materialize(Node in, int tableId, int[] pk, Conflict conflict) {
    materialize(in, tableId, pk, java.util.Collections.nCopies(pk.length, OrderType.ASC), conflict);
  }

  public void materialize(
      Node in, int tableId, int[] pk, List<OrderType> pkOrders, Conflict conflict) {
    check(in);
    checkColumns(in, pk);
    if (pk.length == 0 && conflict != Conflict.NONE) {
      throw new IllegalArgumentException("a conflict behaviour needs a primary key");
    }
    add(new PlanNode.Materialize(in.id(), in.types(), tableId, pk.clone(), pkOrders, conflict));
    materialized = tableId;
  }

  /** The plan; {@link #materialize} must have been called. */
  public JobPlan build() {
    if (materialized < 0) {
      throw new IllegalStateException("job " + name + " has no materialize");
    }
    return new JobPlan(name, nodes, materialized, allocated);
  }
}

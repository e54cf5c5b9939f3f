package dev.patina.stream.dataflow;

import dev.patina.stream.state.OrderType;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.List;
import java.util.function.Function;

/** The description of one operator of a {@link JobPlan}: what to instantiate, with which ids. */
public sealed interface PlanNode {
  List<DataType> types();

  /** Rows the engine writes into table {@code tableId} ({@link StreamRuntime#write}). */
  record Dml(int tableId, List<DataType> types) implements PlanNode {}

  /**
   * A table whose rows the engine stores itself (in {@code layout}): a snapshot of its committed
   * rows, then the changes the engine passes ({@link StreamRuntime#write}, {@link
   * StreamRuntime#commit}).
   */
  record Source(TableLayout layout, int progressTable) implements PlanNode {
    @Override
    public List<DataType> types() {
      return layout.columnTypes();
    }
  }

  /** Constant rows, emitted once when the job is first created. */
  record Values(List<DataType> types, List<Object[]> rows, int progressTable) implements PlanNode {}

  /** The change stream of a materialized table, after a snapshot of its rows (backfill). */
  record Upstream(int tableId, List<DataType> types, int progressTable) implements PlanNode {}

  record Filter(int input, List<DataType> types, ScalarExpr predicate) implements PlanNode {}

  record Project(int input, List<DataType> types, List<ScalarExpr> exprs) implements PlanNode {}

  /**
   * Each input row followed by the columns of every row {@code expand} gives for it (set-returning
   * functions in a select list, RisingWave's ProjectSet); the input columns keep their positions.
   */
  record FlatMap(int input, List<DataType> types, Function<Object[], List<Object[]>> expand)
      implements PlanNode {}

  /**
   * Every change of the input as an inserted row: the row, then {@code changelog_op} (smallint),
   * then {@code _changelog_row_id} (serial).
   */
  record Changelog(int input, List<DataType> types) implements PlanNode {}

  /** TUMBLE/HOP windows of the time column: the input's columns, window_start, window_end. */
  record HopWindow(
      int input, List<DataType> types, int timeColumn, long slide, long size, long offset)
      implements PlanNode {}

  /**
   * Window functions: each partition's output computed again from its rows when it changes. With
   * {@code eowc} (EMIT ON WINDOW CLOSE) the input only appends, in the order of column {@code
   * eowc.orderColumn()}, and each row is emitted once, when its frame is complete.
   */
  record OverWindow(
      int input,
      List<DataType> types,
      List<DataType> inputTypes,
      List<ScalarExpr> partitionBy,
      java.util.function.Function<List<Object[]>, List<Object[]>> compute,
      int table,
      StreamGraphBuilder.Eowc eowc)
      implements PlanNode {}

  /**
   * Generates the watermark of column {@code column} from {@code expr} (the table's {@code
   * WATERMARK FOR column AS expr}) and drops rows below it.
   */
  record WatermarkFilter(int input, List<DataType> types, int column, ScalarExpr expr, int table)
      implements PlanNode {}

  /** Holds rows until the watermark on {@code column} passes them (EMIT ON WINDOW CLOSE). */
  record EowcSort(int input, List<DataType> types, int column, int table) implements PlanNode {}

  /** Left rows whose column compares to the right side's single value. */
  record DynamicFilter(
      int left,
      int right,
      List<DataType> types,
      int column,
      StreamGraphBuilder.Comparison comparison,
      int leftTable,
      int rightTable)
      implements PlanNode {}

  record Union(List<Integer> inputs, List<DataType> types) implements PlanNode {}

  record HashAgg(
      int input,
      List<DataType> types,
      List<DataType> inputTypes,
      int[] groupKeys,
      List<AggCall> calls,
      int resultTable,
      List<Integer> callTables)
      implements PlanNode {}

  record HashJoin(
      int left,
      int right,
      List<DataType> types,
      List<DataType> leftTypes,
      List<DataType> rightTypes,
      JoinType joinType,
      int[] leftKeys,
      int[] rightKeys,
      ScalarExpr condition,
      int leftTable,
      int rightTable)
      implements PlanNode {}

  /**
   * A temporal join: each row of {@code left} is joined, when it arrives, with the rows that table
   * {@code right} holds at that moment ({@code right} input: the table's changes only); later
   * changes of the table do not touch earlier results. {@code memoTable} -1: the left input is
   * append-only; otherwise it keeps each left row's results so that its deletion retracts them.
   */
  record TemporalJoin(
      int left,
      int right,
      List<DataType> types,
      List<DataType> leftTypes,
      TableLayout rightTable,
      JoinType joinType,
      int[] leftKeys,
      int[] rightKeys,
      ScalarExpr condition,
      int memoTable)
      implements PlanNode {}

  record TopN(
      int input,
      List<DataType> types,
      int[] groupKeys,
      int[] orderCols,
      List<OrderType> orders,
      long offset,
      long limit,
      boolean withTies,
      int table)
      implements PlanNode {}

  record Materialize(
      int input,
      List<DataType> types,
      int tableId,
      int[] pk,
      List<OrderType> pkOrders,
      Conflict conflict)
      implements PlanNode {}
}

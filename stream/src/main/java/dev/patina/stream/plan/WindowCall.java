package dev.patina.stream.plan;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.types.DataType;
import java.util.List;

/**
 * One window function call of an {@link LogicalPlan.OverWindow}; expressions read the input row.
 *
 * @param orderKeys directions of {@code orderBy}, whose {@code column} is the position in it
 * @param frame which rows of the partition an aggregate sees
 */
public record WindowCall(
    String name,
    List<BoundExpr> args,
    List<BoundExpr> partitionBy,
    List<BoundExpr> orderBy,
    List<SortKey> orderKeys,
    Frame frame,
    DataType type) {
  public WindowCall {
    args = List.copyOf(args);
    partitionBy = List.copyOf(partitionBy);
    orderBy = List.copyOf(orderBy);
    orderKeys = List.copyOf(orderKeys);
  }

  /**
   * A frame: {@code rows} counts rows, otherwise peers (RANGE) count together. Offsets are relative
   * to the current row (negative: preceding); {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE} are
   * unbounded. RisingWave's {@code SESSION WITH GAP gap} has {@code sessionEnd}: over a row holding
   * one ORDER BY value, that value plus the gap; a row whose value is below it (of the row before)
   * is in the same session, and the frame is the row's whole session.
   */
  public record Frame(
      boolean rows, long start, long end, boolean excludeCurrentRow, BoundExpr sessionEnd) {
    public Frame(boolean rows, long start, long end, boolean excludeCurrentRow) {
      this(rows, start, end, excludeCurrentRow, null);
    }

    /** RANGE UNBOUNDED PRECEDING to CURRENT ROW: the default with ORDER BY. */
    public static final Frame DEFAULT = new Frame(false, Long.MIN_VALUE, 0, false);

    /** The whole partition: the default without ORDER BY. */
    public static final Frame ALL = new Frame(false, Long.MIN_VALUE, Long.MAX_VALUE, false);
  }

  public WindowCall withExprs(List<BoundExpr> a, List<BoundExpr> p, List<BoundExpr> o) {
    return new WindowCall(name, a, p, o, orderKeys, frame, type);
  }
}

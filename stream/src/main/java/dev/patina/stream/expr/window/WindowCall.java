package dev.patina.stream.expr.window;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.expr.Coercion;
import dev.patina.stream.expr.agg.AggCall;
import dev.patina.stream.expr.agg.SortKey;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.sql.Window.BoundKind;
import dev.patina.stream.sql.Window.Units;
import dev.patina.stream.types.DataType;
import java.util.List;

/**
 * A bound window function call: what to compute ({@code kind}, its argument expressions over the
 * input row, or the {@link AggCall} of an aggregate over the window), the window's ORDER BY and
 * frame. {@link #evaluate} computes it for every row of one partition; PARTITION BY is the caller's
 * (it hands over one partition at a time).
 */
public record WindowCall(
    WindowKind kind,
    List<BoundExpr> args,
    AggCall aggregate,
    DataType type,
    List<SortKey> orderBy,
    WindowFrame frame) {

  public WindowCall {
    args = List.copyOf(args);
    orderBy = List.copyOf(orderBy);
  }

  /**
   * Binds {@code name(args) OVER (ORDER BY orderBy frame)}; {@code frame} null means the default
   * (RANGE UNBOUNDED PRECEDING TO CURRENT ROW with ORDER BY, else the whole partition). Aggregates
   * may carry FILTER but not DISTINCT or ORDER BY inside the call, as in PostgreSQL.
   *
   * @throws SqlException 42883 for an unknown function, 0A000 for unsupported combinations
   */
  public static WindowCall bind(
      String name,
      List<BoundExpr> args,
      boolean star,
      boolean distinct,
      BoundExpr filter,
      List<SortKey> orderBy,
      WindowFrame frame) {
    if (frame == null) {
      frame = orderBy.isEmpty() ? WindowFrame.WHOLE_PARTITION : WindowFrame.DEFAULT;
    }
    checkFrame(frame, orderBy);
    WindowKind kind = WindowKind.byName(name);
    if (kind == null) {
      if (!AggCall.isAggregate(name)) {
        throw new SqlException("42883", "function " + name + " does not exist");
      }
      if (distinct) {
        throw new SqlException("0A000", "DISTINCT is not implemented for window functions");
      }
      AggCall agg = AggCall.bind(name, args, star, false, filter, List.of(), List.of());
      return new WindowCall(WindowKind.AGGREGATE, agg.args(), agg, agg.type(), orderBy, frame);
    }
    if (distinct || star || filter != null) {
      throw new SqlException(
          "0A000", "DISTINCT, * and FILTER are not implemented for non-aggregate window functions");
    }
    return switch (kind) {
      case ROW_NUMBER, RANK, DENSE_RANK -> {
        arity(kind, args, 0, 0);
        yield new WindowCall(kind, List.of(), null, DataType.INT64, orderBy, frame);
      }
      case PERCENT_RANK, CUME_DIST -> {
        arity(kind, args, 0, 0);
        yield new WindowCall(kind, List.of(), null, DataType.FLOAT64, orderBy, frame);
      }
      case NTILE -> {
        arity(kind, args, 1, 1);
        yield new WindowCall(
            kind, List.of(cast(args.get(0), DataType.INT32)), null, DataType.INT32, orderBy, frame);
      }
      case LAG, LEAD -> {
        arity(kind, args, 1, 3);
        BoundExpr value = args.get(0);
        BoundExpr offset =
            args.size() > 1
                ? cast(args.get(1), DataType.INT32)
                : new BoundExpr.Literal(1, DataType.INT32);
        BoundExpr dflt = args.size() > 2 ? args.get(2) : BoundExpr.Literal.nullOf(value.type());
        DataType t = Coercion.commonTypeOf(List.of(value, dflt), kind.sqlName());
        yield new WindowCall(
            kind, List.of(cast(value, t), offset, cast(dflt, t)), null, t, orderBy, frame);
      }
      case FIRST_VALUE, LAST_VALUE -> {
        arity(kind, args, 1, 1);
        BoundExpr v = known(args.get(0));
        yield new WindowCall(kind, List.of(v), null, v.type(), orderBy, frame);
      }
      case NTH_VALUE -> {
        arity(kind, args, 2, 2);
        BoundExpr v = known(args.get(0));
        yield new WindowCall(
            kind, List.of(v, cast(args.get(1), DataType.INT32)), null, v.type(), orderBy, frame);
      }
      case AGGREGATE -> throw new IllegalStateException();
    };
  }

  private static BoundExpr cast(BoundExpr e, DataType t) {
    return Casts.cast(e, t, CastContext.IMPLICIT);
  }

  private static BoundExpr known(BoundExpr e) {
    return Coercion.isUnknown(e) ? cast(e, DataType.VARCHAR) : e;
  }

  private static void arity(WindowKind k, List<BoundExpr> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw new SqlException(
          "42883",
          "function " + k.sqlName() + " with " + args.size() + " arguments does not exist");
    }
  }

  private static void checkFrame(WindowFrame f, List<SortKey> orderBy) {
    if (f.units() == Units.SESSION) {
      if (orderBy.size() != 1) {
        throw new SqlException("0A000", "SESSION frames need exactly one ORDER BY column");
      }
      return;
    }
    if (f.start().kind() == BoundKind.UNBOUNDED_FOLLOWING) {
      throw new SqlException("42P20", "frame start cannot be UNBOUNDED FOLLOWING");
    }
    if (f.end().kind() == BoundKind.UNBOUNDED_PRECEDING) {
      throw new SqlException("42P20", "frame end cannot be UNBOUNDED PRECEDING");
    }
    boolean offsets = f.start().offset() != null || f.end().offset() != null;
    if (f.units() == Units.RANGE && offsets && orderBy.size() != 1) {
      throw new SqlException(
          "42P20", "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
    }
    if (f.units() == Units.GROUPS && orderBy.isEmpty()) {
      throw new SqlException("42P20", "GROUPS mode requires an ORDER BY clause");
    }
  }

  /**
   * The function's value for each row of {@code partition}, which must be sorted by {@link
   * #orderBy} (the rows are the input rows the argument and key expressions read).
   */
  public List<Object> evaluate(List<Object[]> partition) {
    return new WindowEvaluator(this, partition).run();
  }
}

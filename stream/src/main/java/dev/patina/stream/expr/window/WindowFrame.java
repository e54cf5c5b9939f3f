package dev.patina.stream.expr.window;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.expr.Coercion;
import dev.patina.stream.expr.ExprBinder;
import dev.patina.stream.expr.Ordering;
import dev.patina.stream.expr.agg.SortKey;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.sql.Window.BoundKind;
import dev.patina.stream.sql.Window.Exclusion;
import dev.patina.stream.sql.Window.Units;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import java.util.List;

/**
 * A window frame with constant offsets: {@code units BETWEEN start AND end [EXCLUDE ...]}, or
 * RisingWave's session frame ({@code SESSION WITH GAP gap}, bounds unused).
 *
 * @param offsetType the type of the offsets (integer for ROWS/GROUPS, the ORDER BY key's type or
 *     interval for RANGE), null when there are none
 */
public record WindowFrame(
    Units units, Bound start, Bound end, Exclusion exclusion, Object gap, DataType offsetType) {

  /** One bound; {@code offset} is a non-negative runtime value for PRECEDING and FOLLOWING. */
  public record Bound(BoundKind kind, Object offset) {
    public static Bound of(BoundKind kind) {
      return new Bound(kind, null);
    }
  }

  /** SQL's default with ORDER BY: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW. */
  public static final WindowFrame DEFAULT =
      new WindowFrame(
          Units.RANGE,
          Bound.of(BoundKind.UNBOUNDED_PRECEDING),
          Bound.of(BoundKind.CURRENT_ROW),
          Exclusion.NONE,
          null,
          null);

  /** The whole partition (the default without ORDER BY). */
  public static final WindowFrame WHOLE_PARTITION =
      new WindowFrame(
          Units.ROWS,
          Bound.of(BoundKind.UNBOUNDED_PRECEDING),
          Bound.of(BoundKind.UNBOUNDED_FOLLOWING),
          Exclusion.NONE,
          null,
          null);

  /** RisingWave's session frame: rows whose ORDER BY keys are within {@code gap} of the next. */
  public static WindowFrame session(Object gap, DataType gapType) {
    return new WindowFrame(Units.SESSION, null, null, Exclusion.NONE, gap, gapType);
  }

  /**
   * Binds a frame as written, with offsets evaluated now (they must be constants): integers for
   * ROWS and GROUPS; for RANGE, of the ORDER BY key's type for numbers and interval for dates and
   * times; a session gap likewise. {@code frame} null gives the default for {@code orderBy}.
   *
   * @throws SqlException 22013 for a negative offset, 42P20 for a non-constant one
   */
  public static WindowFrame bind(
      dev.patina.stream.sql.Window.Frame frame, List<SortKey> orderBy, ExprBinder binder) {
    if (frame == null) {
      return orderBy.isEmpty() ? WHOLE_PARTITION : DEFAULT;
    }
    DataType offsetType =
        switch (frame.units()) {
          case ROWS, GROUPS -> DataType.INT64;
          case RANGE, SESSION -> {
            if (orderBy.size() != 1) {
              yield null;
            }
            DataType k = orderBy.get(0).expr().type();
            yield Coercion.category(k) == Coercion.Category.DATETIME ? DataType.INTERVAL : k;
          }
        };
    if (frame.units() == Units.SESSION) {
      if (offsetType == null) {
        throw new SqlException("0A000", "SESSION frames need exactly one ORDER BY column");
      }
      return session(constant(frame.gap(), offsetType, binder, "gap"), offsetType);
    }
    Bound start = bound(frame.start(), offsetType, binder, "starting");
    Bound end =
        frame.end() == null
            ? Bound.of(BoundKind.CURRENT_ROW)
            : bound(frame.end(), offsetType, binder, "ending");
    Exclusion ex = frame.exclusion() == null ? Exclusion.NONE : frame.exclusion();
    return new WindowFrame(frame.units(), start, end, ex, null, offsetType);
  }

  private static Bound bound(
      dev.patina.stream.sql.Window.Bound b, DataType type, ExprBinder binder, String which) {
    if (b.offset() == null) {
      return Bound.of(b.kind());
    }
    if (type == null) {
      throw new SqlException(
          "42P20", "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
    }
    return new Bound(b.kind(), constant(b.offset(), type, binder, which));
  }

  private static Object constant(
      dev.patina.stream.sql.Expr e, DataType type, ExprBinder binder, String which) {
    BoundExpr x = Casts.cast(binder.bind(e), type, CastContext.IMPLICIT).fold();
    if (!(x instanceof BoundExpr.Literal l) || l.value() == null) {
      throw new SqlException("42P20", "frame " + which + " offset must be a non-null constant");
    }
    Object v = l.value();
    boolean negative =
        v instanceof Interval i
            ? Ordering.compare(i, Interval.ZERO) < 0
            : Ordering.compare(v, Casts.castValue(0, DataType.INT32, type)) < 0;
    if (negative) {
      throw new SqlException("22013", "frame " + which + " offset must not be negative");
    }
    return v;
  }

  /** Whether rows are excluded from the frame around the current row. */
  boolean excludes() {
    return exclusion != null && exclusion != Exclusion.NONE && exclusion != Exclusion.NO_OTHERS;
  }
}

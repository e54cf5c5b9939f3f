package dev.patina.stream.dataflow;

import dev.patina.stream.types.DataType;
import java.util.Objects;
import java.util.function.Function;

/**
 * A scalar expression as operators evaluate it: a result type and a function of the input row. The
 * planner's bound expressions fit trivially ({@code new ScalarExpr(e.type(), e::eval)}); tests
 * build them from lambdas.
 */
public record ScalarExpr(
    DataType type, Function<Object[], Object> fn, int watermarkInput, boolean passThrough) {
  public ScalarExpr {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fn, "fn");
  }

  /** An expression watermarks do not pass through. */
  public ScalarExpr(DataType type, Function<Object[], Object> fn) {
    this(type, fn, -1, false);
  }

  /**
   * An expression that reads only column {@code input} and never decreases when it grows ({@code
   * tumble_start(ts, ...)}, {@code ts - interval '1' hour}): a watermark on that column gives one
   * on this expression, its value at the watermark.
   */
  public static ScalarExpr monotone(DataType type, Function<Object[], Object> fn, int input) {
    return new ScalarExpr(type, fn, input, false);
  }

  /** A bound expression of the planner; a plain column reference passes watermarks through. */
  public static ScalarExpr of(dev.patina.stream.expr.BoundExpr e) {
    if (e instanceof dev.patina.stream.expr.BoundExpr.InputRef r) {
      return column(r.index(), r.type());
    }
    return new ScalarExpr(e.type(), e::eval);
  }

  /** Column {@code index} of the input row. */
  public static ScalarExpr column(int index, DataType type) {
    return new ScalarExpr(type, row -> row[index], index, true);
  }

  /**
   * The watermark this expression has when its input has {@code w}, or null (another column, or the
   * expression failed on the watermark's value).
   */
  Watermark derive(Watermark w, int outputColumn) {
    if (watermarkInput < 0 || w.column() != watermarkInput) {
      return null;
    }
    Object[] row = new Object[watermarkInput + 1];
    row[watermarkInput] = w.value();
    try {
      Object v = fn.apply(row);
      return v == null ? null : new Watermark(outputColumn, v);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public Object eval(Object[] row) {
    return fn.apply(row);
  }
}

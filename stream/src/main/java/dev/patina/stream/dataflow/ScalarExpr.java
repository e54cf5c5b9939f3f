package dev.patina.stream.dataflow;

import dev.patina.stream.types.DataType;
import java.util.Objects;
import java.util.function.Function;

/**
 * A scalar expression as operators evaluate it: a result type and a function of the input row. The
 * planner's bound expressions fit trivially ({@code new ScalarExpr(e.type(), e::eval)}); tests
 * build them from lambdas.
 */
public record ScalarExpr(DataType type, Function<Object[], Object> fn) {
  public ScalarExpr {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fn, "fn");
  }

  /** A bound expression of the planner. */
  public static ScalarExpr of(dev.patina.stream.expr.BoundExpr e) {
    return new ScalarExpr(e.type(), e::eval);
  }

  /** Column {@code index} of the input row. */
  public static ScalarExpr column(int index, DataType type) {
    return new ScalarExpr(type, row -> row[index]);
  }

  public Object eval(Object[] row) {
    return fn.apply(row);
  }
}

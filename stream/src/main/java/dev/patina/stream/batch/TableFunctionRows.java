package dev.patina.stream.batch;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.Ordering;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;

/** The rows of set-returning functions in FROM. */
final class TableFunctionRows {
  private TableFunctionRows() {}

  private static final int MAX_ROWS = 10_000_000;

  static List<Object[]> rows(LogicalPlan.TableFunction t) {
    Object[] empty = new Object[0];
    List<Object> args = new ArrayList<>();
    for (BoundExpr a : t.args()) {
      args.add(a.eval(empty));
    }
    List<Object[]> out = new ArrayList<>();
    switch (t.name()) {
      case "generate_series", "range" -> {
        if (args.contains(null)) {
          return out;
        }
        DataType type = t.schema().get(0).type();
        DataType stepType = t.args().size() == 3 ? t.args().get(2).type() : type;
        Object step = args.size() == 3 ? args.get(2) : one(type);
        BoundExpr plus = BatchExecutor.plus(type, stepType);
        Object zero =
            type == DataType.TIMESTAMP || type == DataType.TIMESTAMPTZ ? null : zeroOf(type);
        boolean descending = zero != null && Ordering.compare(step, zero) < 0;
        if (zero != null && Ordering.compare(step, zero) == 0) {
          throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
        }
        boolean inclusive = t.name().equals("generate_series");
        Object v = args.get(0);
        Object end = args.get(1);
        while (true) {
          int c = Ordering.compare(v, end);
          if (descending ? (inclusive ? c < 0 : c <= 0) : (inclusive ? c > 0 : c >= 0)) {
            break;
          }
          out.add(new Object[] {v});
          if (out.size() > MAX_ROWS) {
            throw new SqlException(
                SqlState.PROGRAM_LIMIT_EXCEEDED, "generate_series produces too many rows");
          }
          try {
            v = plus.eval(new Object[] {v, step});
          } catch (SqlException overflow) {
            break;
          }
        }
      }
      case "unnest" -> {
        if (args.get(0) instanceof List<?> l) {
          for (Object o : l) {
            out.add(new Object[] {o});
          }
        }
      }
      default ->
          throw new SqlException(
              SqlState.UNDEFINED_FUNCTION, "function " + t.name() + " does not exist");
    }
    return out;
  }

  private static Object one(DataType t) {
    return t == DataType.INT16
        ? (Object) (short) 1
        : t == DataType.INT64
            ? (Object) 1L
            : t == DataType.DECIMAL ? (Object) java.math.BigDecimal.ONE : (Object) 1;
  }

  private static Object zeroOf(DataType t) {
    return t == DataType.INT16
        ? (Object) (short) 0
        : t == DataType.INT64
            ? (Object) 0L
            : t == DataType.DECIMAL ? (Object) java.math.BigDecimal.ZERO : (Object) 0;
  }
}

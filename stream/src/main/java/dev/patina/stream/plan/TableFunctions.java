package dev.patina.stream.plan;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.expr.Coercion;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ListType;
import java.util.ArrayList;
import java.util.List;

/** The set-returning functions usable in FROM, typed here and run by the batch executor. */
final class TableFunctions {
  static boolean isSetReturning(String name) {
    return switch (name) {
      case "generate_series", "unnest", "_pg_expandarray" -> true;
      default -> false;
    };
  }

  private TableFunctions() {}

  static LogicalPlan plan(String name, List<BoundExpr> args) {
    switch (name) {
      case "generate_series", "range" -> {
        if (args.size() < 2 || args.size() > 3) {
          throw undefined(name, args);
        }
        List<BoundExpr> bounds = Coercion.unify(args.subList(0, 2), name);
        DataType t = bounds.get(0).type();
        if (Coercion.isUnknown(args.get(0)) && Coercion.isUnknown(args.get(1))) {
          throw undefined(name, args);
        }
        List<BoundExpr> a = new ArrayList<>(bounds);
        if (args.size() == 3) {
          DataType stepType =
              t == DataType.TIMESTAMP || t == DataType.TIMESTAMPTZ ? DataType.INTERVAL : t;
          a.add(Casts.cast(args.get(2), stepType, CastContext.IMPLICIT));
        }
        return new LogicalPlan.TableFunction(name, a, List.of(new Field(name, t)));
      }
      case "_pg_expandarray" -> {
        if (args.size() != 1 || !(args.get(0).type() instanceof ListType l)) {
          throw undefined(name, args);
        }
        DataType t = dev.patina.stream.types.StructType.of("x", l.element(), "n", DataType.INT32);
        return new LogicalPlan.TableFunction(name, args, List.of(new Field(name, t)));
      }
      case "unnest" -> {
        if (args.size() != 1 || !(args.get(0).type() instanceof ListType l)) {
          throw undefined(name, args);
        }
        return new LogicalPlan.TableFunction(name, args, List.of(new Field(name, l.element())));
      }
      default -> {
        if (!dev.patina.stream.expr.Functions.exists(name)) {
          throw undefined(name, args);
        }
        // a scalar function in FROM is a one-row table
        BoundExpr call = dev.patina.stream.expr.Functions.call(name, args);
        return new LogicalPlan.Values(
            List.of(List.of(call)), List.of(new Field(name, call.type())));
      }
    }
  }

  private static SqlException undefined(String name, List<BoundExpr> args) {
    return new SqlException(
        SqlState.UNDEFINED_FUNCTION,
        "function "
            + name
            + "("
            + String.join(
                ", ",
                args.stream()
                    .map(a -> Coercion.isUnknown(a) ? "unknown" : a.type().sqlName())
                    .toList())
            + ") does not exist");
  }
}

package dev.patina.stream.expr.agg;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.expr.Coercion;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Argument and result types of the aggregates, as RisingWave has them (which follows PostgreSQL):
 * sum(smallint/integer) is bigint, sum(bigint) numeric, avg of integers numeric, avg of floats
 * double precision, count bigint, min/max/first_value/last_value of the argument's type.
 */
final class AggTyping {
  private AggTyping() {}

  private static SqlException noSuch(AggKind kind, List<BoundExpr> args) {
    String types =
        args.stream()
            .map(a -> Coercion.isUnknown(a) ? "unknown" : a.type().sqlName())
            .collect(Collectors.joining(", "));
    return new SqlException(
        "42883", "function " + kind.sqlName() + "(" + types + ") does not exist");
  }

  private static BoundExpr cast(BoundExpr e, DataType t) {
    return Casts.cast(e, t, CastContext.IMPLICIT);
  }

  private static BoundExpr known(BoundExpr e) {
    return Coercion.isUnknown(e) ? cast(e, DataType.VARCHAR) : e;
  }

  static AggCall plain(
      AggKind kind,
      List<BoundExpr> args,
      boolean distinct,
      BoundExpr filter,
      List<SortKey> orderBy) {
    int arity =
        switch (kind) {
          case STRING_AGG, JSONB_OBJECT_AGG -> 2;
          default -> 1;
        };
    if (args.size() != arity) {
      throw noSuch(kind, args);
    }
    BoundExpr a = args.get(0);
    DataType t = Coercion.isUnknown(a) ? null : a.type();
    if (t == DataType.SERIAL) {
      t = DataType.INT64;
    }
    List<BoundExpr> bound = new ArrayList<>();
    DataType result;
    int strict = 1;
    switch (kind) {
      case COUNT -> {
        bound.add(known(a));
        result = DataType.INT64;
      }
      case SUM -> {
        if (t == null) {
          throw new SqlException("42725", "function sum(unknown) is not unique");
        }
        DataType acc =
            switch (t) {
              case DataType x when x == DataType.INT16 || x == DataType.INT32 -> DataType.INT64;
              case DataType x when x == DataType.INT64 || x == DataType.DECIMAL -> DataType.DECIMAL;
              case DataType x
                  when x == DataType.FLOAT32 || x == DataType.FLOAT64 || x == DataType.INTERVAL ->
                  x;
              default -> throw noSuch(kind, args);
            };
        bound.add(cast(a, acc));
        result = acc;
      }
      case AVG, VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> {
        if (t == null) {
          throw new SqlException("42725", "function " + kind.sqlName() + "(unknown) is not unique");
        }
        DataType acc =
            switch (t) {
              case DataType x
                  when x == DataType.INT16
                      || x == DataType.INT32
                      || x == DataType.INT64
                      || x == DataType.DECIMAL ->
                  DataType.DECIMAL;
              case DataType x when x == DataType.FLOAT32 || x == DataType.FLOAT64 ->
                  DataType.FLOAT64;
              case DataType x when x == DataType.INTERVAL && kind == AggKind.AVG -> x;
              default -> throw noSuch(kind, args);
            };
        bound.add(cast(a, acc));
        result = acc;
      }
      case MIN, MAX, FIRST_VALUE, LAST_VALUE -> {
        BoundExpr k = known(a);
        bound.add(k);
        result = k.type();
        strict = kind == AggKind.MIN || kind == AggKind.MAX ? 1 : 0;
      }
      case BOOL_AND, BOOL_OR -> {
        BoundExpr b = cast(a, DataType.BOOLEAN);
        if (b.type() != DataType.BOOLEAN) {
          throw noSuch(kind, args);
        }
        bound.add(b);
        result = DataType.BOOLEAN;
      }
      case BIT_AND, BIT_OR, BIT_XOR -> {
        if (t != DataType.INT16 && t != DataType.INT32 && t != DataType.INT64) {
          throw noSuch(kind, args);
        }
        bound.add(a);
        result = t;
      }
      case STRING_AGG -> {
        for (BoundExpr x : args) {
          if (!Coercion.isUnknown(x) && x.type() != DataType.VARCHAR) {
            throw noSuch(kind, args);
          }
          bound.add(cast(x, DataType.VARCHAR));
        }
        result = DataType.VARCHAR;
      }
      case ARRAY_AGG -> {
        BoundExpr k = known(a);
        bound.add(k);
        result = DataType.list(k.type());
        strict = 0;
      }
      case JSONB_AGG -> {
        bound.add(known(a));
        result = DataType.JSONB;
        strict = 0;
      }
      case JSONB_OBJECT_AGG -> {
        bound.add(known(a));
        bound.add(known(args.get(1)));
        result = DataType.JSONB;
        strict = 0;
      }
      default -> throw noSuch(kind, args);
    }
    return new AggCall(kind, bound, result, distinct, filter, orderBy, List.of(), strict);
  }

  static AggCall orderedSet(
      AggKind kind, List<BoundExpr> direct, List<SortKey> withinGroup, BoundExpr filter) {
    if (withinGroup.size() != 1) {
      throw new SqlException(
          "42883", kind.sqlName() + " takes exactly one WITHIN GROUP (ORDER BY ...) expression");
    }
    SortKey key = withinGroup.get(0);
    List<Object> constants = new ArrayList<>();
    int wantDirect =
        switch (kind) {
          case MODE -> 0;
          case APPROX_PERCENTILE -> direct.size() == 2 ? 2 : 1;
          default -> 1;
        };
    if (direct.size() != wantDirect) {
      throw new SqlException(
          "42883", "function " + kind.sqlName() + " takes " + wantDirect + " direct argument(s)");
    }
    for (BoundExpr d : direct) {
      BoundExpr f = cast(d, DataType.FLOAT64).fold();
      if (!(f instanceof BoundExpr.Literal l)) {
        throw new SqlException(
            "0A000", "the direct argument of " + kind.sqlName() + " must be a constant");
      }
      constants.add(l.value());
    }
    if (!constants.isEmpty()) {
      Object q = constants.get(0);
      if (q == null || (Double) q < 0 || (Double) q > 1) {
        throw new SqlException("22003", "percentile value " + q + " is not between 0 and 1");
      }
    }
    if (kind == AggKind.APPROX_PERCENTILE) {
      if (constants.size() == 1) {
        constants.add(0.01);
      }
      double err = (Double) constants.get(1);
      if (!(err > 0 && err < 1)) {
        throw new SqlException("22023", "relative_error must be in the range (0, 1)");
      }
    }
    BoundExpr arg =
        switch (kind) {
          case PERCENTILE_CONT, APPROX_PERCENTILE -> {
            BoundExpr c = cast(key.expr(), DataType.FLOAT64);
            if (c.type() != DataType.FLOAT64) {
              throw new SqlException(
                  "42883",
                  "function "
                      + kind.sqlName()
                      + "("
                      + key.expr().type().sqlName()
                      + ") does not exist");
            }
            yield c;
          }
          default -> known(key.expr());
        };
    DataType result =
        kind == AggKind.PERCENTILE_DISC || kind == AggKind.MODE ? arg.type() : DataType.FLOAT64;
    SortKey sk = new SortKey(arg, key.descending(), key.nullsFirst());
    return new AggCall(kind, List.of(arg), result, false, filter, List.of(sk), constants, 1);
  }
}

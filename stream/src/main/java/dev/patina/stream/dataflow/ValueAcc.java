package dev.patina.stream.dataflow;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.types.DataType;
import java.math.BigDecimal;
import java.util.List;

/**
 * The running state of an aggregate that a summary can maintain under retraction: counts, sums,
 * averages, bool_and/bool_or. The state is a few columns stored in the aggregation's result table
 * ({@link #stateTypes}).
 */
abstract sealed class ValueAcc {
  /** Adds ({@code sign} 1) or retracts (-1) one non-filtered argument value. */
  abstract void apply(Object value, int sign);

  abstract Object result();

  abstract Object[] state();

  abstract void restore(Object[] state);

  static ValueAcc create(AggCall call) {
    return switch (call.kind()) {
      case COUNT_STAR, COUNT -> new Count(call.kind() == AggKind.COUNT_STAR);
      case SUM, SUM0, AVG -> new Sum(call.kind(), call.returnType());
      case BOOL_AND, BOOL_OR -> new Bool(call.kind() == AggKind.BOOL_AND);
      default -> throw new IllegalArgumentException(call.kind() + " keeps its inputs");
    };
  }

  static List<DataType> stateTypes(AggCall call) {
    return switch (call.kind()) {
      case COUNT_STAR, COUNT -> List.of(DataType.INT64);
      case SUM, SUM0, AVG ->
          List.of(
              Sum.floating(call.returnType()) ? DataType.FLOAT64 : DataType.DECIMAL,
              DataType.INT64);
      case BOOL_AND, BOOL_OR -> List.of(DataType.INT64, DataType.INT64);
      default -> List.of();
    };
  }

  static final class Count extends ValueAcc {
    private final boolean star;
    private long n;

    Count(boolean star) {
      this.star = star;
    }

    @Override
    void apply(Object value, int sign) {
      if (star || value != null) {
        n += sign;
      }
    }

    @Override
    Object result() {
      return n;
    }

    @Override
    Object[] state() {
      return new Object[] {n};
    }

    @Override
    void restore(Object[] state) {
      n = (Long) state[0];
    }
  }

  /** sum, sum0 and avg: an exact decimal sum (or a double for float types) and a count. */
  static final class Sum extends ValueAcc {
    private static final BoundExpr AVG_DIVIDE =
        Operators.binary(
            "/",
            new BoundExpr.InputRef(0, DataType.DECIMAL),
            new BoundExpr.InputRef(1, DataType.INT64));
    private final AggKind kind;
    private final DataType type;
    private final boolean floating;
    private BigDecimal exact = BigDecimal.ZERO;
    private double approx;
    private long n;

    Sum(AggKind kind, DataType type) {
      this.kind = kind;
      this.type = type;
      this.floating = floating(type);
    }

    static boolean floating(DataType t) {
      return t == DataType.FLOAT32 || t == DataType.FLOAT64;
    }

    @Override
    void apply(Object value, int sign) {
      if (value == null) {
        return;
      }
      n += sign;
      if (floating) {
        double d = ((Number) value).doubleValue();
        approx += sign > 0 ? d : -d;
      } else {
        BigDecimal d = decimal(value);
        exact = sign > 0 ? exact.add(d) : exact.subtract(d);
      }
      if (n == 0) {
        // Forget rounding residue once nothing is left.
        exact = BigDecimal.ZERO;
        approx = 0;
      }
    }

    private static BigDecimal decimal(Object v) {
      return switch (v) {
        case BigDecimal d -> d;
        case Long l -> BigDecimal.valueOf(l);
        case Integer i -> BigDecimal.valueOf(i);
        case Short s -> BigDecimal.valueOf(s);
        case Number x -> new BigDecimal(x.toString());
        default -> throw new IllegalArgumentException("cannot sum " + v.getClass().getSimpleName());
      };
    }

    @Override
    Object result() {
      if (n == 0) {
        return kind == AggKind.SUM0 ? convert(BigDecimal.ZERO, 0.0) : null;
      }
      if (kind == AggKind.AVG) {
        if (floating) {
          return convert(null, approx / n);
        }
        // The same division as the batch executor's avg, so both agree to the last digit.
        return AVG_DIVIDE.eval(new Object[] {exact, n});
      }
      return convert(exact, approx);
    }

    private Object convert(BigDecimal d, double f) {
      if (type == DataType.FLOAT64) {
        return floating ? f : d.doubleValue();
      }
      if (type == DataType.FLOAT32) {
        return (float) (floating ? f : d.doubleValue());
      }
      if (type == DataType.INT64) {
        try {
          return d.longValueExact();
        } catch (ArithmeticException e) {
          throw new ArithmeticException("bigint out of range");
        }
      }
      if (type == DataType.INT32) {
        return d.intValueExact();
      }
      if (type == DataType.INT16) {
        return d.shortValueExact();
      }
      return d;
    }

    @Override
    Object[] state() {
      return new Object[] {floating ? (Object) approx : exact, n};
    }

    @Override
    void restore(Object[] state) {
      if (floating) {
        approx = (Double) state[0];
      } else {
        exact = (BigDecimal) state[0];
      }
      n = (Long) state[1];
    }
  }

  static final class Bool extends ValueAcc {
    private final boolean and;
    private long trues;
    private long falses;

    Bool(boolean and) {
      this.and = and;
    }

    @Override
    void apply(Object value, int sign) {
      if (value == null) {
        return;
      }
      if ((Boolean) value) {
        trues += sign;
      } else {
        falses += sign;
      }
    }

    @Override
    Object result() {
      if (trues + falses == 0) {
        return null;
      }
      return and ? falses == 0 : trues > 0;
    }

    @Override
    Object[] state() {
      return new Object[] {trues, falses};
    }

    @Override
    void restore(Object[] state) {
      trues = (Long) state[0];
      falses = (Long) state[1];
    }
  }
}

package dev.patina.stream.batch;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.expr.Ordering;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.plan.AggCall;
import dev.patina.stream.types.DataType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one aggregate call over one group in a batch query. Arithmetic goes through {@code
 * expr}'s operators so that overflow, NaN and infinity behave as in scalar expressions.
 */
abstract class Accumulator {
  /** Adds one input row's argument values (already past FILTER and DISTINCT). */
  abstract void add(Object[] args);

  abstract Object result();

  static Accumulator create(AggCall call) {
    List<DataType> argTypes = call.args().stream().map(BoundExpr::type).toList();
    DataType arg = argTypes.isEmpty() ? null : argTypes.get(0);
    return switch (call.name()) {
      case "count" -> new Count();
      case "approx_count_distinct" -> new Count();
      case "sum" -> new Sum(arg, call.type());
      case "avg" -> new Avg(arg, call.type());
      case "min" -> new MinMax(false);
      case "max" -> new MinMax(true);
      case "bool_and" -> new Bool(true);
      case "bool_or" -> new Bool(false);
      case "string_agg" -> new StringAgg();
      case "array_agg" -> new ArrayAgg();
      case "first_value" -> new FirstLast(true);
      case "last_value" -> new FirstLast(false);
      case "stddev_pop", "stddev_samp", "stddev", "var_pop", "var_samp", "variance" ->
          new Variance(call.name(), arg, call.type());
      case "bit_and", "bit_or", "bit_xor" -> new Bits(call.name(), call.type());
      default ->
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED, "aggregate " + call.name() + " is not supported yet");
    };
  }

  /** Whether the aggregate ignores rows where any argument is NULL. */
  static boolean skipsNulls(AggCall call) {
    return !call.name().equals("array_agg")
        && !call.name().equals("first_value")
        && !call.name().equals("last_value")
        && !call.name().equals("string_agg");
  }

  static final class Count extends Accumulator {
    long n;

    void add(Object[] args) {
      n++;
    }

    Object result() {
      return n;
    }
  }

  static final class Sum extends Accumulator {
    final DataType from;
    final DataType to;
    final BoundExpr plus;
    Object acc;

    Sum(DataType from, DataType to) {
      this.from = from;
      this.to = to;
      this.plus =
          Operators.binary("+", new BoundExpr.InputRef(0, to), new BoundExpr.InputRef(1, to));
    }

    void add(Object[] args) {
      Object v = from.equals(to) ? args[0] : Casts.castValue(args[0], from, to);
      acc = acc == null ? v : plus.eval(new Object[] {acc, v});
    }

    Object result() {
      return acc;
    }
  }

  static final class Avg extends Accumulator {
    final Sum sum;
    final DataType type;
    long n;

    Avg(DataType from, DataType to) {
      this.sum = new Sum(from, to);
      this.type = to;
    }

    void add(Object[] args) {
      sum.add(args);
      n++;
    }

    Object result() {
      if (n == 0) {
        return null;
      }
      BoundExpr div =
          Operators.binary(
              "/", new BoundExpr.InputRef(0, type), new BoundExpr.InputRef(1, DataType.INT64));
      return div.eval(new Object[] {sum.acc, n});
    }
  }

  static final class MinMax extends Accumulator {
    final boolean max;
    Object best;

    MinMax(boolean max) {
      this.max = max;
    }

    void add(Object[] args) {
      Object v = args[0];
      if (best == null || (max ? Ordering.compare(v, best) > 0 : Ordering.compare(v, best) < 0)) {
        best = v;
      }
    }

    Object result() {
      return best;
    }
  }

  static final class Bool extends Accumulator {
    final boolean and;
    Boolean acc;

    Bool(boolean and) {
      this.and = and;
    }

    void add(Object[] args) {
      boolean v = (Boolean) args[0];
      acc = acc == null ? v : and ? acc && v : acc || v;
    }

    Object result() {
      return acc;
    }
  }

  static final class StringAgg extends Accumulator {
    StringBuilder b;

    void add(Object[] args) {
      if (args[0] == null) {
        return;
      }
      if (b == null) {
        b = new StringBuilder();
      } else if (args[1] != null) {
        b.append((String) args[1]);
      }
      b.append((String) args[0]);
    }

    Object result() {
      return b == null ? null : b.toString();
    }
  }

  static final class ArrayAgg extends Accumulator {
    List<Object> items;

    void add(Object[] args) {
      if (items == null) {
        items = new ArrayList<>();
      }
      items.add(args[0]);
    }

    Object result() {
      return items == null ? null : java.util.Collections.unmodifiableList(items);
    }
  }

  static final class FirstLast extends Accumulator {
    final boolean first;
    boolean seen;
    Object v;

    FirstLast(boolean first) {
      this.first = first;
    }

    void add(Object[] args) {
      if (!first || !seen) {
        v = args[0];
      }
      seen = true;
    }

    Object result() {
      return v;
    }
  }

  static final class Variance extends Accumulator {
    final String name;
    final DataType from;
    final DataType to;
    final List<BigDecimal> xs = new ArrayList<>();

    Variance(String name, DataType from, DataType to) {
      this.name = name;
      this.from = from;
      this.to = to;
    }

    void add(Object[] args) {
      Object v = args[0];
      xs.add(
          v instanceof BigDecimal d
              ? d
              : v instanceof Number n && !(v instanceof Double || v instanceof Float)
                  ? new BigDecimal(n.longValue())
                  : new BigDecimal(((Number) v).doubleValue()));
    }

    Object result() {
      int n = xs.size();
      boolean samp = !name.endsWith("_pop");
      if (n == 0 || (samp && n == 1)) {
        return null;
      }
      MathContext mc = MathContext.DECIMAL128;
      BigDecimal sum = BigDecimal.ZERO;
      for (BigDecimal x : xs) {
        sum = sum.add(x);
      }
      BigDecimal mean = sum.divide(BigDecimal.valueOf(n), mc);
      BigDecimal ss = BigDecimal.ZERO;
      for (BigDecimal x : xs) {
        BigDecimal d = x.subtract(mean);
        ss = ss.add(d.multiply(d));
      }
      BigDecimal var = ss.divide(BigDecimal.valueOf(samp ? n - 1 : n), mc);
      BigDecimal r = name.startsWith("stddev") ? var.sqrt(mc) : var;
      if (to == DataType.FLOAT64) {
        return r.doubleValue();
      }
      return Casts.castValue(
          r.round(new MathContext(28)).stripTrailingZeros(), DataType.DECIMAL, to);
    }
  }

  static final class Bits extends Accumulator {
    final String name;
    final DataType type;
    Long acc;

    Bits(String name, DataType type) {
      this.name = name;
      this.type = type;
    }

    void add(Object[] args) {
      long v = ((Number) args[0]).longValue();
      acc =
          acc == null
              ? v
              : switch (name) {
                case "bit_and" -> acc & v;
                case "bit_or" -> acc | v;
                default -> acc ^ v;
              };
    }

    Object result() {
      if (acc == null) {
        return null;
      }
      return type == DataType.INT16
          ? (Object) (short) (long) acc
          : type == DataType.INT32 ? (Object) (int) (long) acc : (Object) acc;
    }
  }
}

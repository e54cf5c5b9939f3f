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
      case "grouping" -> new Grouping();
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
      case "percentile_cont", "percentile_disc", "mode", "approx_percentile" ->
          new OrderedSet(call.name(), call.args().size());
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

  /** grouping() of a plain GROUP BY: every argument is grouped. */
  static final class Grouping extends Accumulator {
    void add(Object[] args) {}

    Object result() {
      return 0;
    }
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

  /**
   * percentile_cont/disc, mode and approx_percentile: the rows arrive sorted by the ordering
   * argument, which follows the direct arguments.
   */
  static final class OrderedSet extends Accumulator {
    final String name;
    final int direct;
    final List<Object> values = new ArrayList<>();
    Object fraction;

    OrderedSet(String name, int direct) {
      this.name = name;
      this.direct = direct;
    }

    void add(Object[] args) {
      if (direct > 0) {
        fraction = args[0];
      }
      if (direct > 1 && args[1] != null) {
        relativeError = ((Number) args[1]).doubleValue();
      }
      Object v = args[direct];
      if (v != null) {
        values.add(v);
      }
    }

    Object result() {
      int n = values.size();
      if (n == 0) {
        return null;
      }
      double f = fraction == null ? 0 : ((Number) fraction).doubleValue();
      if (direct > 0 && (f < 0 || f > 1)) {
        throw new SqlException("22003", "percentile value " + f + " is not between 0 and 1");
      }
      return switch (name) {
        case "percentile_disc" -> values.get(Math.max(0, (int) Math.ceil(f * n) - 1));
        case "percentile_cont" -> {
          double pos = f * (n - 1);
          int lo = (int) Math.floor(pos);
          int hi = (int) Math.ceil(pos);
          double a = ((Number) values.get(lo)).doubleValue();
          double b = ((Number) values.get(hi)).doubleValue();
          yield a + (pos - lo) * (b - a);
        }
        case "approx_percentile" -> {
          double v = ((Number) values.get(Math.max(0, (int) Math.ceil(f * n) - 1))).doubleValue();
          yield sketchBucketValue(v, relativeError);
        }
        default -> {
          Object best = null;
          int bestCount = 0;
          int i = 0;
          while (i < n) {
            int j = i;
            while (j < n && Ordering.equal(values.get(i), values.get(j))) {
              j++;
            }
            if (j - i > bestCount) {
              bestCount = j - i;
              best = values.get(i);
            }
            i = j;
          }
          yield best;
        }
      };
    }

    double relativeError = 0.01;
  }

  /**
   * The value DDSketch (RisingWave's approx_percentile) reports for {@code v}: the middle of its
   * logarithmic bucket, {@code 2 γ^i / (γ + 1)} with {@code γ = (1 + e) / (1 - e)}.
   */
  static double sketchBucketValue(double v, double e) {
    if (v == 0) {
      return 0;
    }
    double gamma = (1 + e) / (1 - e);
    double i = Math.ceil(Math.log(Math.abs(v)) / Math.log(gamma));
    double r = 2 * powi(gamma, (int) i) / (gamma + 1);
    return v < 0 ? -r : r;
  }

  /**
   * {@code a^b} by repeated squaring, as Rust's {@code powi} computes it (bit-identical results).
   */
  static double powi(double a, int b) {
    boolean recip = b < 0;
    double r = 1;
    while (true) {
      if ((b & 1) != 0) {
        r *= a;
      }
      b /= 2;
      if (b == 0) {
        break;
      }
      a *= a;
    }
    return recip ? 1 / r : r;
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

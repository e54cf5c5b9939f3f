package dev.patina.stream.expr.agg;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.BoundExpr.InputRef;
import dev.patina.stream.expr.Functions;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.expr.Ordering;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Jsonb;
import dev.patina.stream.types.NonFiniteDecimal;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The kernels of the aggregates: arithmetic state where rows can be undone, else a multiset. */
final class Kernels {
  private Kernels() {}

  static Kernel create(AggCall c) {
    DataType argType = c.args().isEmpty() ? null : c.args().get(0).type();
    return switch (c.kind()) {
      case COUNT -> new Count();
      case SUM -> new Sum(c.type());
      case AVG -> new Avg(argType);
      case BOOL_AND -> new Bool(true);
      case BOOL_OR -> new Bool(false);
      case BIT_XOR -> new BitXor(c.type());
      case VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> new Variance(c.kind(), argType);
      case APPROX_PERCENTILE ->
          new ApproxPercentile((Double) c.directArgs().get(0), (Double) c.directArgs().get(1));
      case MIN, MAX, BIT_AND, BIT_OR, PERCENTILE_CONT, PERCENTILE_DISC, MODE ->
          new Values(c, valueOrder(c));
      case STRING_AGG, ARRAY_AGG, JSONB_AGG, JSONB_OBJECT_AGG, FIRST_VALUE, LAST_VALUE ->
          c.orderBy().isEmpty() ? new Values(c, null) : new Values(c, rowOrder(c));
    };
  }

  /** Values of the first argument in ascending (or the WITHIN GROUP key's) order. */
  private static Comparator<Object[]> valueOrder(AggCall c) {
    if (!c.orderBy().isEmpty() && c.kind().orderedSet()) {
      SortKey k = c.orderBy().get(0);
      Comparator<Object> cmp = Ordering.comparator(k.descending(), k.nullsFirst());
      return (a, b) -> cmp.compare(a[0], b[0]);
    }
    return (a, b) -> Ordering.NULLS_LAST.compare(a[0], b[0]);
  }

  /** Rows by the call's ORDER BY keys (after the arguments), then by the arguments. */
  private static Comparator<Object[]> rowOrder(AggCall c) {
    int n = c.args().size();
    Comparator<Object[]> keys = SortKey.comparator(c.orderBy());
    return (a, b) -> {
      int r =
          keys.compare(
              java.util.Arrays.copyOfRange(a, n, a.length),
              java.util.Arrays.copyOfRange(b, n, b.length));
      return r != 0 ? r : Ordering.compareRows(a, b);
    };
  }

  private static BoundExpr op(String op, DataType left, DataType right) {
    return Operators.binary(op, new InputRef(0, left), new InputRef(1, right));
  }

  /** A value no arithmetic can undo (NaN, infinities): counted apart. */
  private static int special(Object v) {
    return switch (v) {
      case Double d when Double.isNaN(d) -> 0;
      case Double d when d == Double.POSITIVE_INFINITY -> 1;
      case Double d when d == Double.NEGATIVE_INFINITY -> 2;
      case Float f when Float.isNaN(f) -> 0;
      case Float f when f == Float.POSITIVE_INFINITY -> 1;
      case Float f when f == Float.NEGATIVE_INFINITY -> 2;
      case NonFiniteDecimal n ->
          switch (n) {
            case NAN -> 0;
            case POSITIVE_INFINITY -> 1;
            case NEGATIVE_INFINITY -> 2;
          };
      default -> -1;
    };
  }

  // ---------------------------------------------------------------------------------------------

  static final class Count implements Kernel {
    long n;

    @Override
    public void add(Object[] v, int sign) {
      n += sign;
    }

    @Override
    public Object result() {
      return n;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      out.writeLong(n);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
      n = in.readLong();
    }
  }

  /** A sum that retracts by subtraction; NaN and infinities are counted, not added. */
  static final class Sum implements Kernel {
    final DataType type;
    final BoundExpr plus;
    final BoundExpr minus;
    Object sum;
    long n;
    final long[] specials = new long[3];

    Sum(DataType type) {
      this.type = type;
      this.plus = op("+", type, type);
      this.minus = op("-", type, type);
    }

    @Override
    public void add(Object[] v, int sign) {
      Object x = v[0];
      n += sign;
      int s = special(x);
      if (s >= 0) {
        specials[s] += sign;
      } else if (sum == null) {
        sum = sign > 0 ? x : minus.eval(new Object[] {zero(), x});
      } else {
        sum = (sign > 0 ? plus : minus).eval(new Object[] {sum, x});
      }
      if (n == 0) {
        sum = null; // forget rounding drift once the group is empty
        java.util.Arrays.fill(specials, 0);
      }
    }

    private Object zero() {
      return switch (type) {
        case DataType t when t == DataType.INT64 -> 0L;
        case DataType t when t == DataType.FLOAT32 -> 0f;
        case DataType t when t == DataType.FLOAT64 -> 0.0;
        case DataType t when t == DataType.INTERVAL -> dev.patina.stream.types.Interval.ZERO;
        default -> BigDecimal.ZERO;
      };
    }

    @Override
    public Object result() {
      if (n == 0) {
        return null;
      }
      if (specials[0] > 0 || (specials[1] > 0 && specials[2] > 0)) {
        return nonFinite(0);
      }
      if (specials[1] > 0 || specials[2] > 0) {
        return nonFinite(specials[1] > 0 ? 1 : 2);
      }
      return sum == null ? zero() : sum;
    }

    private Object nonFinite(int kind) {
      if (type == DataType.DECIMAL) {
        return switch (kind) {
          case 0 -> NonFiniteDecimal.NAN;
          case 1 -> NonFiniteDecimal.POSITIVE_INFINITY;
          default -> NonFiniteDecimal.NEGATIVE_INFINITY;
        };
      }
      double d =
          kind == 0 ? Double.NaN : kind == 1 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      return type == DataType.FLOAT32 ? (Object) (float) d : (Object) d;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      StateCodec.write(out, sum);
      out.writeLong(n);
      for (long s : specials) {
        out.writeLong(s);
      }
    }

    @Override
    public void read(DataInputStream in) throws IOException {
      sum = StateCodec.read(in);
      n = in.readLong();
      for (int i = 0; i < 3; i++) {
        specials[i] = in.readLong();
      }
    }
  }

  /** avg: a sum and a count; the quotient in the sum's type (numeric, double or interval). */
  static final class Avg implements Kernel {
    final Sum sum;
    final BoundExpr divide;
    final DataType countType;

    Avg(DataType type) {
      this.sum = new Sum(type);
      this.countType = type == DataType.DECIMAL ? DataType.DECIMAL : DataType.FLOAT64;
      this.divide = op("/", type, countType);
    }

    @Override
    public void add(Object[] v, int sign) {
      sum.add(v, sign);
    }

    @Override
    public Object result() {
      Object s = sum.result();
      if (s == null) {
        return null;
      }
      Object count =
          countType == DataType.DECIMAL ? BigDecimal.valueOf(sum.n) : (Object) (double) sum.n;
      return divide.eval(new Object[] {s, count});
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      sum.write(out);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
      sum.read(in);
    }
  }

  /** bool_and / bool_or by counting trues and falses. */
  static final class Bool implements Kernel {
    final boolean and;
    long trues;
    long falses;

    Bool(boolean and) {
      this.and = and;
    }

    @Override
    public void add(Object[] v, int sign) {
      if ((Boolean) v[0]) {
        trues += sign;
      } else {
        falses += sign;
      }
    }

    @Override
    public Object result() {
      if (trues + falses == 0) {
        return null;
      }
      return and ? falses == 0 : trues > 0;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      out.writeLong(trues);
      out.writeLong(falses);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
      trues = in.readLong();
      falses = in.readLong();
    }
  }

  /** bit_xor: its own inverse. */
  static final class BitXor implements Kernel {
    final DataType type;
    long acc;
    long n;

    BitXor(DataType type) {
      this.type = type;
    }

    @Override
    public void add(Object[] v, int sign) {
      acc ^= ((Number) v[0]).longValue();
      n += sign;
    }

    @Override
    public Object result() {
      if (n == 0) {
        return null;
      }
      return type == DataType.INT16
          ? (Object) (short) acc
          : type == DataType.INT32 ? (Object) (int) acc : (Object) acc;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      out.writeLong(acc);
      out.writeLong(n);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
      acc = in.readLong();
      n = in.readLong();
    }
  }

  /**
   * var_pop, var_samp, stddev_pop, stddev_samp from the count, sum and sum of squares: exact
   * decimals for integer and numeric input (so retraction is exact), doubles for floats.
   */
  static final class Variance implements Kernel {
    final AggKind kind;
    final boolean decimal;
    long n;
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal sumSq = BigDecimal.ZERO;
    double fsum;
    double fsumSq;

    Variance(AggKind kind, DataType type) {
      this.kind = kind;
      this.decimal = type == DataType.DECIMAL;
    }

    @Override
    public void add(Object[] v, int sign) {
      n += sign;
      if (decimal) {
        if (!(v[0] instanceof BigDecimal d)) {
          throw new SqlException("0A000", kind.sqlName() + " of NaN or infinity is not supported");
        }
        BigDecimal s = BigDecimal.valueOf(sign);
        sum = sum.add(d.multiply(s));
        sumSq = sumSq.add(d.multiply(d).multiply(s));
      } else {
        double d = (Double) v[0];
        fsum += sign * d;
        fsumSq += sign * d * d;
      }
      if (n == 0) {
        sum = BigDecimal.ZERO;
        sumSq = BigDecimal.ZERO;
        fsum = 0;
        fsumSq = 0;
      }
    }

    @Override
    public Object result() {
      boolean samp = kind == AggKind.VAR_SAMP || kind == AggKind.STDDEV_SAMP;
      boolean sqrt = kind == AggKind.STDDEV_POP || kind == AggKind.STDDEV_SAMP;
      if (n == 0 || (samp && n == 1)) {
        return null;
      }
      long denom = samp ? n * (n - 1) : n * n;
      if (decimal) {
        BigDecimal num = sumSq.multiply(BigDecimal.valueOf(n)).subtract(sum.multiply(sum));
        if (num.signum() < 0) {
          num = BigDecimal.ZERO;
        }
        Object var =
            op("/", DataType.DECIMAL, DataType.DECIMAL)
                .eval(new Object[] {num, BigDecimal.valueOf(denom)});
        return sqrt
            ? Functions.call("sqrt", List.of(new BoundExpr.Literal(var, DataType.DECIMAL)))
                .eval(new Object[0])
            : var;
      }
      double num = fsumSq * n - fsum * fsum;
      double var = Math.max(0, num) / denom;
      return sqrt ? Math.sqrt(var) : var;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      out.writeLong(n);
      StateCodec.write(out, sum);
      StateCodec.write(out, sumSq);
      out.writeDouble(fsum);
      out.writeDouble(fsumSq);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
      n = in.readLong();
      sum = (BigDecimal) StateCodec.read(in);
      sumSq = (BigDecimal) StateCodec.read(in);
      fsum = in.readDouble();
      fsumSq = in.readDouble();
    }
  }

  /**
   * RisingWave's approx_percentile: a DDSketch of logarithmic buckets with {@code gamma = (1 + err)
   * / (1 - err)}; a bucket's value is {@code 2 gamma^i / (gamma + 1)}, with the powers by repeated
   * squaring as Rust's {@code powi} computes them, so results match digit for digit.
   */
  static final class ApproxPercentile implements Kernel {
    final double quantile;
    final double base;
    final TreeMap<Integer, Long> positive = new TreeMap<>();
    final TreeMap<Integer, Long> negative = new TreeMap<>();
    long zeros;
    long count;

    ApproxPercentile(double quantile, double relativeError) {
      this.quantile = quantile;
      this.base = (1 + relativeError) / (1 - relativeError);
    }

    private int bucket(double v) {
      return (int) Math.ceil(Math.log(v) / Math.log(base));
    }

    private static void bump(TreeMap<Integer, Long> m, int k, int sign) {
      long c = m.getOrDefault(k, 0L) + sign;
      if (c == 0) {
        m.remove(k);
      } else {
        m.put(k, c);
      }
    }

    @Override
    public void add(Object[] v, int sign) {
      double d = (Double) v[0];
      count += sign;
      if (d > 0) {
        bump(positive, bucket(d), sign);
      } else if (d < 0) {
        bump(negative, bucket(-d), sign);
      } else {
        zeros += sign;
      }
    }

    static double powi(double a, int b) {
      long n = Math.abs((long) b);
      double r = 1;
      while (true) {
        if ((n & 1) != 0) {
          r *= a;
        }
        n >>= 1;
        if (n == 0) {
          break;
        }
        a *= a;
      }
      return b < 0 ? 1 / r : r;
    }

    private double value(int bucket) {
      return 2.0 * powi(base, bucket) / (1.0 + base);
    }

    @Override
    public Object result() {
      if (count == 0) {
        return null;
      }
      long rank = (long) Math.floor((count - 1) * quantile);
      long acc = 0;
      for (Map.Entry<Integer, Long> e : negative.descendingMap().entrySet()) {
        acc += e.getValue();
        if (acc > rank) {
          return -value(e.getKey());
        }
      }
      acc += zeros;
      if (acc > rank) {
        return 0.0;
      }
      for (Map.Entry<Integer, Long> e : positive.entrySet()) {
        acc += e.getValue();
        if (acc > rank) {
          return value(e.getKey());
        }
      }
      return positive.isEmpty() ? 0.0 : value(positive.lastKey());
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      out.writeLong(count);
      out.writeLong(zeros);
      for (TreeMap<Integer, Long> m : List.of(positive, negative)) {
        out.writeInt(m.size());
        for (Map.Entry<Integer, Long> e : m.entrySet()) {
          out.writeInt(e.getKey());
          out.writeLong(e.getValue());
        }
      }
    }

    @Override
    public void read(DataInputStream in) throws IOException {
      count = in.readLong();
      zeros = in.readLong();
      for (TreeMap<Integer, Long> m : List.of(positive, negative)) {
        m.clear();
        int k = in.readInt();
        for (int i = 0; i < k; i++) {
          m.put(in.readInt(), in.readLong());
        }
      }
    }
  }

  /**
   * Aggregates over the materialized input: the rows present, sorted, with counts. The result is
   * computed from the sorted rows; retraction removes one occurrence.
   */
  static final class Values implements Kernel {
    final AggCall call;
    final Multiset rows;
    final Sequenced inOrder;
    final BoundExpr toJson;

    /** Values sorted by {@code order}, or in input order when it is null. */
    Values(AggCall call, Comparator<Object[]> order) {
      this.call = call;
      this.rows = order == null ? null : new Multiset(order);
      this.inOrder = order == null ? new Sequenced() : null;
      this.toJson =
          call.kind() == AggKind.JSONB_AGG || call.kind() == AggKind.JSONB_OBJECT_AGG
              ? Functions.call(
                  "to_jsonb",
                  List.of(new InputRef(0, call.args().get(call.args().size() - 1).type())))
              : null;
    }

    @Override
    public void add(Object[] v, int sign) {
      if (call.kind() == AggKind.JSONB_OBJECT_AGG && v[0] == null) {
        throw new SqlException("22004", "field name must not be null");
      }
      if (inOrder != null) {
        inOrder.add(v, sign);
      } else {
        rows.add(v, sign);
      }
    }

    /** Each row, repeated by its count. */
    private List<Object[]> expanded() {
      if (inOrder != null) {
        return inOrder.rows();
      }
      List<Object[]> out = new ArrayList<>();
      for (Map.Entry<Object[], Long> e : rows.rows.entrySet()) {
        for (long i = 0; i < e.getValue(); i++) {
          out.add(e.getKey());
        }
      }
      return out;
    }

    @Override
    public Object result() {
      if (inOrder != null ? inOrder.size() == 0 : rows.size == 0) {
        return null;
      }
      return switch (call.kind()) {
        case MIN -> rows.rows.firstKey()[0];
        case MAX -> rows.rows.lastKey()[0];
        case FIRST_VALUE -> expanded().getFirst()[0];
        case LAST_VALUE -> expanded().getLast()[0];
        case BIT_AND, BIT_OR -> bits(call.kind() == AggKind.BIT_AND);
        case STRING_AGG -> {
          StringBuilder sb = new StringBuilder();
          boolean first = true;
          for (Object[] r : expanded()) {
            if (!first && r[1] != null) {
              sb.append((String) r[1]);
            }
            first = false;
            sb.append((String) r[0]);
          }
          yield sb.toString();
        }
        case ARRAY_AGG -> {
          List<Object> out = new ArrayList<>();
          for (Object[] r : expanded()) {
            out.add(r[0]);
          }
          yield Collections.unmodifiableList(out);
        }
        case JSONB_AGG -> {
          List<Object> out = new ArrayList<>();
          for (Object[] r : expanded()) {
            out.add(r[0] == null ? null : ((Jsonb) toJson.eval(new Object[] {r[0]})).value());
          }
          yield Jsonb.of(out);
        }
        case JSONB_OBJECT_AGG -> {
          Map<Object, Object> m = new LinkedHashMap<>();
          for (Object[] r : expanded()) {
            String k = dev.patina.stream.types.PgText.encode(call.args().get(0).type(), r[0]);
            m.put(k, r[1] == null ? null : ((Jsonb) toJson.eval(new Object[] {r[1]})).value());
          }
          yield Jsonb.of(m);
        }
        case PERCENTILE_DISC -> {
          double q = (Double) call.directArgs().get(0);
          long target = Math.max(1, (long) Math.ceil(q * rows.size));
          yield nth(target - 1);
        }
        case PERCENTILE_CONT -> {
          double q = (Double) call.directArgs().get(0);
          double pos = q * (rows.size - 1);
          long lo = (long) Math.floor(pos);
          long hi = (long) Math.ceil(pos);
          double a = (Double) nth(lo);
          double b = (Double) nth(hi);
          yield lo == hi ? a : a + (pos - lo) * (b - a);
        }
        case MODE -> {
          Object best = null;
          long bestCount = 0;
          for (Map.Entry<Object[], Long> e : rows.rows.entrySet()) {
            if (e.getValue() > bestCount) {
              best = e.getKey()[0];
              bestCount = e.getValue();
            }
          }
          yield best;
        }
        default -> throw new IllegalStateException(call.kind().toString());
      };
    }

    private Object nth(long index) {
      long seen = 0;
      for (Map.Entry<Object[], Long> e : rows.rows.entrySet()) {
        seen += e.getValue();
        if (seen > index) {
          return e.getKey()[0];
        }
      }
      return rows.rows.lastKey()[0];
    }

    private Object bits(boolean and) {
      long acc = and ? -1L : 0L;
      for (Object[] r : rows.rows.keySet()) {
        long v = ((Number) r[0]).longValue();
        acc = and ? acc & v : acc | v;
      }
      DataType t = call.type();
      return t == DataType.INT16
          ? (Object) (short) acc
          : t == DataType.INT32 ? (Object) (int) acc : (Object) acc;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      if (inOrder != null) {
        inOrder.write(out);
      } else {
        rows.write(out);
      }
    }

    @Override
    public void read(DataInputStream in) throws IOException {
      if (inOrder != null) {
        inOrder.read(in);
      } else {
        rows.read(in);
      }
    }
  }
}

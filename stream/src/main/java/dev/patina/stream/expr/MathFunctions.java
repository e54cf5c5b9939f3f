package dev.patina.stream.expr;

import dev.patina.stream.types.DataType;
import dev.patina.stream.types.NonFiniteDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Mathematical functions (abs, round, ceil, floor, trunc, power, sqrt, exp, ln, log, mod, sign,
 * trigonometry, random) with PostgreSQL's result types and errors.
 */
final class MathFunctions {
  private MathFunctions() {}

  private static final DataType I2 = DataType.INT16;
  private static final DataType I4 = DataType.INT32;
  private static final DataType I8 = DataType.INT64;
  private static final DataType F4 = DataType.FLOAT32;
  private static final DataType F8 = DataType.FLOAT64;
  private static final DataType DEC = DataType.DECIMAL;

  static void register(Registry r) {
    r.fn("abs", List.of(I2), I2, a -> Num.toShort(Math.abs((long) (Short) a[0])));
    r.fn("abs", List.of(I4), I4, a -> Num.toInt(Math.abs((long) (Integer) a[0])));
    r.fn("abs", List.of(I8), I8, a -> absLong((Long) a[0]));
    r.fn("abs", List.of(DEC), DEC, a -> Num.signum(a[0]) < 0 ? Num.decNeg(a[0]) : a[0]);
    r.fn("abs", List.of(F4), F4, a -> Math.abs((Float) a[0]));
    r.fn("abs", List.of(F8), F8, a -> Math.abs((Double) a[0]));
    r.fn("@", List.of(I4), I4, a -> Num.toInt(Math.abs((long) (Integer) a[0])));
    r.fn("@", List.of(I8), I8, a -> absLong((Long) a[0]));
    r.fn("@", List.of(DEC), DEC, a -> Num.signum(a[0]) < 0 ? Num.decNeg(a[0]) : a[0]);
    r.fn("@", List.of(F8), F8, a -> Math.abs((Double) a[0]));

    for (String mod : List.of("mod")) {
      r.fn(
          mod, List.of(I2, I2), I2, a -> (short) ArithFunctions.intMod((Short) a[0], (Short) a[1]));
      r.fn(
          mod,
          List.of(I4, I4),
          I4,
          a -> (int) ArithFunctions.intMod((Integer) a[0], (Integer) a[1]));
      r.fn(mod, List.of(I8, I8), I8, a -> ArithFunctions.intMod((Long) a[0], (Long) a[1]));
      r.fn(mod, List.of(DEC, DEC), DEC, a -> Num.decMod(a[0], a[1]));
    }

    // rounding
    r.fn("round", List.of(DEC), DEC, a -> roundDec(a[0], 0, RoundingMode.HALF_UP));
    r.fn("round", List.of(DEC, I4), DEC, a -> roundDec(a[0], (Integer) a[1], RoundingMode.HALF_UP));
    r.fn("round", List.of(F8), F8, a -> Math.rint((Double) a[0]));
    r.fn("trunc", List.of(DEC), DEC, a -> roundDec(a[0], 0, RoundingMode.DOWN));
    r.fn("trunc", List.of(DEC, I4), DEC, a -> roundDec(a[0], (Integer) a[1], RoundingMode.DOWN));
    r.fn("trunc", List.of(F8), F8, a -> truncDouble((Double) a[0]));
    for (String ceil : List.of("ceil", "ceiling")) {
      r.fn(ceil, List.of(DEC), DEC, a -> roundDec(a[0], 0, RoundingMode.CEILING));
      r.fn(ceil, List.of(F8), F8, a -> Math.ceil((Double) a[0]));
    }
    r.fn("floor", List.of(DEC), DEC, a -> roundDec(a[0], 0, RoundingMode.FLOOR));
    r.fn("floor", List.of(F8), F8, a -> Math.floor((Double) a[0]));
    r.fn(
        "sign",
        List.of(DEC),
        DEC,
        a -> Num.isNaN(a[0]) ? a[0] : BigDecimal.valueOf(Num.signum(a[0])));
    r.fn("sign", List.of(F8), F8, a -> Math.signum((Double) a[0]));

    // powers and logarithms
    for (String pow : List.of("power", "pow", "^")) {
      r.fn(pow, List.of(F8, F8), F8, a -> power((Double) a[0], (Double) a[1]));
      r.fn(pow, List.of(DEC, DEC), DEC, a -> powerDec(a[0], a[1]));
    }
    r.fn("sqrt", List.of(F8), F8, a -> sqrt((Double) a[0]));
    r.fn("sqrt", List.of(DEC), DEC, a -> sqrtDec(a[0]));
    r.fn("|/", List.of(F8), F8, a -> sqrt((Double) a[0]));
    r.fn("cbrt", List.of(F8), F8, a -> Math.cbrt((Double) a[0]));
    r.fn("||/", List.of(F8), F8, a -> Math.cbrt((Double) a[0]));
    r.fn(
        "exp",
        List.of(F8),
        F8,
        a -> Num.checkFloat(Math.exp((Double) a[0]), Double.isInfinite((Double) a[0]), true));
    r.fn("exp", List.of(DEC), DEC, a -> Num.decimalOf(Math.exp(Num.toDouble(a[0])), 15));
    r.fn("ln", List.of(F8), F8, a -> Math.log(logArg((Double) a[0])));
    r.fn("ln", List.of(DEC), DEC, a -> Num.decimalOf(Math.log(logArg(Num.toDouble(a[0]))), 15));
    r.fn("log", List.of(F8), F8, a -> Math.log10(logArg((Double) a[0])));
    r.fn("log10", List.of(F8), F8, a -> Math.log10(logArg((Double) a[0])));
    r.fn("log", List.of(DEC), DEC, a -> Num.decimalOf(Math.log10(logArg(Num.toDouble(a[0]))), 15));
    r.fn(
        "log10", List.of(DEC), DEC, a -> Num.decimalOf(Math.log10(logArg(Num.toDouble(a[0]))), 15));

    // trigonometry and constants
    r.fn("pi", List.of(), F8, a -> Math.PI);
    r.fn("degrees", List.of(F8), F8, a -> Math.toDegrees((Double) a[0]));
    r.fn("radians", List.of(F8), F8, a -> Math.toRadians((Double) a[0]));
    r.fn("sin", List.of(F8), F8, a -> Math.sin((Double) a[0]));
    r.fn("cos", List.of(F8), F8, a -> Math.cos((Double) a[0]));
    r.fn("tan", List.of(F8), F8, a -> Math.tan((Double) a[0]));
    r.fn("asin", List.of(F8), F8, a -> Math.asin((Double) a[0]));
    r.fn("acos", List.of(F8), F8, a -> Math.acos((Double) a[0]));
    r.fn("atan", List.of(F8), F8, a -> Math.atan((Double) a[0]));
    r.fn("atan2", List.of(F8, F8), F8, a -> Math.atan2((Double) a[0], (Double) a[1]));
    r.fnV(
        "random",
        List.of(),
        F8,
        Volatility.VOLATILE,
        a -> EvalContext.current().random().nextDouble());
  }

  static long absLong(long v) {
    if (v == Long.MIN_VALUE) {
      throw Errors.outOfRange("bigint out of range");
    }
    return Math.abs(v);
  }

  /**
   * PostgreSQL's numeric rounding (half away from zero); a negative scale rounds left of the point.
   */
  static Object roundDec(Object v, int scale, RoundingMode mode) {
    if (!(v instanceof BigDecimal d)) {
      return v;
    }
    if (scale >= d.scale()) {
      return d; // rust_decimal does not pad (RisingWave: round(1.5, 3) = 1.5)
    }
    BigDecimal r = d.setScale(scale, mode);
    return Num.fit(r.scale() < 0 ? r.setScale(0) : r);
  }

  static double truncDouble(double d) {
    return d < 0 ? Math.ceil(d) : Math.floor(d);
  }

  static double sqrt(double d) {
    if (d < 0) {
      throw Errors.of("2201F", "cannot take square root of a negative number");
    }
    return Math.sqrt(d);
  }

  static Object sqrtDec(Object v) {
    if (v instanceof NonFiniteDecimal n) {
      if (n == NonFiniteDecimal.NEGATIVE_INFINITY) {
        throw Errors.of("2201F", "cannot take square root of a negative number");
      }
      return n;
    }
    BigDecimal d = (BigDecimal) v;
    if (d.signum() < 0) {
      throw Errors.of("2201F", "cannot take square root of a negative number");
    }
    return Num.fit(d.sqrt(new MathContext(28, RoundingMode.HALF_UP)).stripTrailingZeros());
  }

  static double logArg(double d) {
    if (d == 0) {
      throw Errors.of("2201E", "cannot take logarithm of zero");
    }
    if (d < 0) {
      throw Errors.of("2201E", "cannot take logarithm of a negative number");
    }
    return d;
  }

  static double power(double x, double y) {
    if (x == 0 && y < 0) {
      throw Errors.of("2201F", "zero raised to a negative power is undefined");
    }
    if (x < 0 && y != Math.floor(y) && Double.isFinite(y)) {
      throw Errors.of(
          "2201F", "a negative number raised to a non-integer power yields a complex result");
    }
    double r = Math.pow(x, y);
    boolean inf = Double.isInfinite(x) || Double.isInfinite(y);
    return Num.checkFloat(
        r, inf, x == 0 || inf || Math.abs(x) < 1 && y > 0 || Math.abs(x) > 1 && y < 0);
  }

  static Object powerDec(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      if (x.signum() == 0 && y.signum() < 0) {
        throw Errors.of("2201F", "zero raised to a negative power is undefined");
      }
      if (x.signum() < 0 && y.stripTrailingZeros().scale() > 0) {
        throw Errors.of(
            "2201F", "a negative number raised to a non-integer power yields a complex result");
      }
      try {
        BigDecimal yi = y.stripTrailingZeros();
        if (yi.scale() <= 0 && yi.abs().compareTo(BigDecimal.valueOf(1000)) <= 0) {
          int n = yi.intValueExact();
          BigDecimal r =
              n >= 0
                  ? x.pow(n, new MathContext(40))
                  : BigDecimal.ONE.divide(x.pow(-n, new MathContext(40)), new MathContext(40));
          return Num.fit(r.stripTrailingZeros());
        }
      } catch (ArithmeticException e) {
        throw Errors.outOfRange("value overflows numeric format");
      }
      double r = Math.pow(x.doubleValue(), y.doubleValue());
      if (Double.isInfinite(r)) {
        throw Errors.outOfRange("value overflows numeric format");
      }
      return Num.decimalOf(r, 15);
    }
    return Num.decimalOf(Math.pow(Num.toDouble(a), Num.toDouble(b)), 15);
  }
}

package dev.patina.stream.expr;

import dev.patina.stream.types.DataType;
import java.util.List;

/**
 * Arithmetic operators over the numeric types with PostgreSQL's errors: integer overflow is 22003
 * "integer out of range", division by zero is 22012, float overflow is 22003 "value out of range:
 * overflow". Mixed-type operands resolve through implicit casts ({@code int2 + int4} is {@code int4
 * + int4}).
 */
final class ArithFunctions {
  private ArithFunctions() {}

  private static final DataType I2 = DataType.INT16;
  private static final DataType I4 = DataType.INT32;
  private static final DataType I8 = DataType.INT64;
  private static final DataType F4 = DataType.FLOAT32;
  private static final DataType F8 = DataType.FLOAT64;
  private static final DataType DEC = DataType.DECIMAL;

  static void register(Registry r) {
    // smallint
    bin(r, "+", I2, a -> Num.toShort((long) (Short) a[0] + (Short) a[1]));
    bin(r, "-", I2, a -> Num.toShort((long) (Short) a[0] - (Short) a[1]));
    bin(r, "*", I2, a -> Num.toShort((long) (Short) a[0] * (Short) a[1]));
    bin(r, "/", I2, a -> Num.toShort(intDiv((Short) a[0], (Short) a[1])));
    bin(r, "%", I2, a -> (short) intMod((Short) a[0], (Short) a[1]));
    // integer
    bin(r, "+", I4, a -> Num.toInt((long) (Integer) a[0] + (Integer) a[1]));
    bin(r, "-", I4, a -> Num.toInt((long) (Integer) a[0] - (Integer) a[1]));
    bin(r, "*", I4, a -> Num.toInt((long) (Integer) a[0] * (Integer) a[1]));
    bin(r, "/", I4, a -> Num.toInt(intDiv((Integer) a[0], (Integer) a[1])));
    bin(r, "%", I4, a -> (int) intMod((Integer) a[0], (Integer) a[1]));
    // bigint
    bin(r, "+", I8, a -> Num.addLong((Long) a[0], (Long) a[1]));
    bin(r, "-", I8, a -> Num.subLong((Long) a[0], (Long) a[1]));
    bin(r, "*", I8, a -> Num.mulLong((Long) a[0], (Long) a[1]));
    bin(r, "/", I8, a -> longDiv((Long) a[0], (Long) a[1]));
    bin(r, "%", I8, a -> intMod((Long) a[0], (Long) a[1]));
    // numeric
    bin(r, "+", DEC, a -> Num.decAdd(a[0], a[1]));
    bin(r, "-", DEC, a -> Num.decSub(a[0], a[1]));
    bin(r, "*", DEC, a -> Num.decMul(a[0], a[1]));
    bin(r, "/", DEC, a -> Num.decDiv(a[0], a[1]));
    bin(r, "%", DEC, a -> Num.decMod(a[0], a[1]));
    // real
    bin(r, "+", F4, a -> f4((Float) a[0], (Float) a[1], '+'));
    bin(r, "-", F4, a -> f4((Float) a[0], (Float) a[1], '-'));
    bin(r, "*", F4, a -> f4((Float) a[0], (Float) a[1], '*'));
    bin(r, "/", F4, a -> f4((Float) a[0], (Float) a[1], '/'));
    // double precision
    bin(r, "+", F8, a -> f8((Double) a[0], (Double) a[1], '+'));
    bin(r, "-", F8, a -> f8((Double) a[0], (Double) a[1], '-'));
    bin(r, "*", F8, a -> f8((Double) a[0], (Double) a[1], '*'));
    bin(r, "/", F8, a -> f8((Double) a[0], (Double) a[1], '/'));
    // PostgreSQL's cross-type float4/float8 operators: a real meeting a double (or an integer,
    // which prefers the float8 side) computes in double precision
    for (char op : new char[] {'+', '-', '*', '/'}) {
      r.fn(String.valueOf(op), List.of(F4, F8), F8, a -> f8((Float) a[0], (Double) a[1], op));
      r.fn(String.valueOf(op), List.of(F8, F4), F8, a -> f8((Double) a[0], (Float) a[1], op));
    }

    // unary minus and plus
    r.fn("-", List.of(I2), I2, a -> Num.toShort(-(long) (Short) a[0]));
    r.fn("-", List.of(I4), I4, a -> Num.toInt(-(long) (Integer) a[0]));
    r.fn("-", List.of(I8), I8, a -> Num.subLong(0, (Long) a[0]));
    r.fn("-", List.of(DEC), DEC, a -> Num.decNeg(a[0]));
    r.fn("-", List.of(F4), F4, a -> -(Float) a[0]);
    r.fn("-", List.of(F8), F8, a -> -(Double) a[0]);
    for (DataType t : List.of(I2, I4, I8, DEC, F4, F8)) {
      r.fn("+", List.of(t), t, a -> a[0]);
    }

    // bitwise operators on integers
    for (DataType t : List.of(I2, I4, I8)) {
      r.fn(
          "&",
          List.of(t, t),
          t,
          a -> narrow(t, ((Number) a[0]).longValue() & ((Number) a[1]).longValue()));
      r.fn(
          "|",
          List.of(t, t),
          t,
          a -> narrow(t, ((Number) a[0]).longValue() | ((Number) a[1]).longValue()));
      r.fn(
          "#",
          List.of(t, t),
          t,
          a -> narrow(t, ((Number) a[0]).longValue() ^ ((Number) a[1]).longValue()));
      r.fn("~", List.of(t), t, a -> narrow(t, ~((Number) a[0]).longValue()));
      r.fn(
          "<<",
          List.of(t, I4),
          t,
          a -> shift(t, ((Number) a[0]).longValue(), (Integer) a[1], true));
      r.fn(
          ">>",
          List.of(t, I4),
          t,
          a -> shift(t, ((Number) a[0]).longValue(), (Integer) a[1], false));
    }
  }

  private static void bin(Registry r, String op, DataType t, ScalarFn f) {
    r.fn(op, List.of(t, t), t, f);
  }

  /** Truncates a bitwise result back into the integer type (always fits). */
  static Object narrow(DataType t, long v) {
    return t == I2 ? (Object) (short) v : t == I4 ? (Object) (int) v : (Object) v;
  }

  private static Object shift(DataType t, long v, int n, boolean left) {
    int bits = t == I2 ? 16 : t == I4 ? 32 : 64;
    int s = Math.floorMod(n, bits); // C's shift by the type width, as PostgreSQL does on x86
    long r = left ? v << s : v >> s;
    return narrow(t, r);
  }

  static long intDiv(long a, long b) {
    if (b == 0) {
      throw Errors.divisionByZero();
    }
    return a / b;
  }

  static long longDiv(long a, long b) {
    if (b == 0) {
      throw Errors.divisionByZero();
    }
    if (a == Long.MIN_VALUE && b == -1) {
      throw Errors.outOfRange("bigint out of range");
    }
    return a / b;
  }

  static long intMod(long a, long b) {
    if (b == 0) {
      throw Errors.divisionByZero();
    }
    return b == -1 ? 0 : a % b;
  }

  static float f4(float a, float b, char op) {
    if (op == '/' && b == 0) {
      throw Errors.divisionByZero();
    }
    float r =
        switch (op) {
          case '+' -> a + b;
          case '-' -> a - b;
          case '*' -> a * b;
          default -> a / b;
        };
    boolean inf = Float.isInfinite(a) || Float.isInfinite(b);
    boolean zero =
        switch (op) {
          case '*' -> a == 0 || b == 0;
          case '/' -> a == 0 || Float.isInfinite(b);
          default -> true;
        };
    return Num.checkFloat(r, inf, zero);
  }

  static double f8(double a, double b, char op) {
    if (op == '/' && b == 0) {
      throw Errors.divisionByZero();
    }
    double r =
        switch (op) {
          case '+' -> a + b;
          case '-' -> a - b;
          case '*' -> a * b;
          default -> a / b;
        };
    boolean inf = Double.isInfinite(a) || Double.isInfinite(b);
    boolean zero =
        switch (op) {
          case '*' -> a == 0 || b == 0;
          case '/' -> a == 0 || Double.isInfinite(b);
          default -> true;
        };
    return Num.checkFloat(r, inf, zero);
  }
}

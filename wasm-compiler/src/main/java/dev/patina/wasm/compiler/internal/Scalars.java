package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.TrapException;
import dev.patina.wasm.internal.runtime.GlobalInstance;

/**
 * Small scalar helpers for generated code, each inlined by C2: comparisons that produce an i32,
 * {@code select}, sign-bit operations on raw float bits (which keep NaN payloads), globals, and
 * float constants that must not be folded into identities.
 */
public final class Scalars {
  // Not final on purpose: C2 folds x*1, x/1, x-0 and x+(-0) when the constant is known, and then a
  // signaling NaN operand comes out unquieted. Loaded from non-final fields, these stay opaque.
  public static float fPlusZero = 0.0f;
  public static float fMinusZero = -0.0f;
  public static float fPlusOne = 1.0f;
  public static float fMinusOne = -1.0f;
  public static double dPlusZero = 0.0;
  public static double dMinusZero = -0.0;
  public static double dPlusOne = 1.0;
  public static double dMinusOne = -1.0;

  private Scalars() {}

  public static RuntimeException unreachable() {
    return new TrapException("unreachable");
  }

  // ---------------------------------------------------------------- i32 comparisons

  public static int eqz(int a) {
    return a == 0 ? 1 : 0;
  }

  public static int eq(int a, int b) {
    return a == b ? 1 : 0;
  }

  public static int ne(int a, int b) {
    return a != b ? 1 : 0;
  }

  public static int ltS(int a, int b) {
    return a < b ? 1 : 0;
  }

  public static int ltU(int a, int b) {
    return Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
  }

  public static int gtS(int a, int b) {
    return a > b ? 1 : 0;
  }

  public static int gtU(int a, int b) {
    return Integer.compareUnsigned(a, b) > 0 ? 1 : 0;
  }

  public static int leS(int a, int b) {
    return a <= b ? 1 : 0;
  }

  public static int leU(int a, int b) {
    return Integer.compareUnsigned(a, b) <= 0 ? 1 : 0;
  }

  public static int geS(int a, int b) {
    return a >= b ? 1 : 0;
  }

  public static int geU(int a, int b) {
    return Integer.compareUnsigned(a, b) >= 0 ? 1 : 0;
  }

  // ---------------------------------------------------------------- i64 comparisons

  public static int eqz(long a) {
    return a == 0 ? 1 : 0;
  }

  public static int eq(long a, long b) {
    return a == b ? 1 : 0;
  }

  public static int ne(long a, long b) {
    return a != b ? 1 : 0;
  }

  public static int ltS(long a, long b) {
    return a < b ? 1 : 0;
  }

  public static int ltU(long a, long b) {
    return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
  }

  public static int gtS(long a, long b) {
    return a > b ? 1 : 0;
  }

  public static int gtU(long a, long b) {
    return Long.compareUnsigned(a, b) > 0 ? 1 : 0;
  }

  public static int leS(long a, long b) {
    return a <= b ? 1 : 0;
  }

  public static int leU(long a, long b) {
    return Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
  }

  public static int geS(long a, long b) {
    return a >= b ? 1 : 0;
  }

  public static int geU(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
  }

  // ---------------------------------------------------------------- float comparisons

  public static int eq(float a, float b) {
    return a == b ? 1 : 0;
  }

  public static int ne(float a, float b) {
    return a != b ? 1 : 0;
  }

  public static int lt(float a, float b) {
    return a < b ? 1 : 0;
  }

  public static int gt(float a, float b) {
    return a > b ? 1 : 0;
  }

  public static int le(float a, float b) {
    return a <= b ? 1 : 0;
  }

  public static int ge(float a, float b) {
    return a >= b ? 1 : 0;
  }

  public static int eq(double a, double b) {
    return a == b ? 1 : 0;
  }

  public static int ne(double a, double b) {
    return a != b ? 1 : 0;
  }

  public static int lt(double a, double b) {
    return a < b ? 1 : 0;
  }

  public static int gt(double a, double b) {
    return a > b ? 1 : 0;
  }

  public static int le(double a, double b) {
    return a <= b ? 1 : 0;
  }

  public static int ge(double a, double b) {
    return a >= b ? 1 : 0;
  }

  // ---------------------------------------------------------------- select

  public static int select(int a, int b, int c) {
    return c != 0 ? a : b;
  }

  public static long select(long a, long b, int c) {
    return c != 0 ? a : b;
  }

  public static float select(float a, float b, int c) {
    return c != 0 ? a : b;
  }

  public static double select(double a, double b, int c) {
    return c != 0 ? a : b;
  }

  public static Object select(Object a, Object b, int c) {
    return c != 0 ? a : b;
  }

  public static V128 select(V128 a, V128 b, int c) {
    return c != 0 ? a : b;
  }

  public static int isNull(Object a) {
    return a == null ? 1 : 0;
  }

  // ---------------------------------------------------------------- raw-bit float operations

  public static float abs(float a) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0x7FFFFFFF);
  }

  public static float neg(float a) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ 0x80000000);
  }

  public static float copysign(float a, float b) {
    return Float.intBitsToFloat(
        (Float.floatToRawIntBits(a) & 0x7FFFFFFF) | (Float.floatToRawIntBits(b) & 0x80000000));
  }

  public static double abs(double a) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0x7FFFFFFFFFFFFFFFL);
  }

  public static double neg(double a) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ 0x8000000000000000L);
  }

  public static double copysign(double a, double b) {
    return Double.longBitsToDouble(
        (Double.doubleToRawLongBits(a) & 0x7FFFFFFFFFFFFFFFL)
            | (Double.doubleToRawLongBits(b) & 0x8000000000000000L));
  }

  // ---------------------------------------------------------------- globals

  public static int getI(GlobalInstance g) {
    return (int) g.value;
  }

  public static long getJ(GlobalInstance g) {
    return g.value;
  }

  public static float getF(GlobalInstance g) {
    return Float.intBitsToFloat((int) g.value);
  }

  public static double getD(GlobalInstance g) {
    return Double.longBitsToDouble(g.value);
  }

  public static V128 getV(GlobalInstance g) {
    return new V128(g.value, g.high);
  }

  public static Object getR(GlobalInstance g) {
    return g.ref;
  }

  public static void setI(int v, GlobalInstance g) {
    g.value = v;
  }

  public static void setJ(long v, GlobalInstance g) {
    g.value = v;
  }

  public static void setF(float v, GlobalInstance g) {
    g.value = Float.floatToRawIntBits(v);
  }

  public static void setD(double v, GlobalInstance g) {
    g.value = Double.doubleToRawLongBits(v);
  }

  public static void setV(V128 v, GlobalInstance g) {
    g.value = v.lo();
    g.high = v.hi();
  }

  public static void setR(Object v, GlobalInstance g) {
    g.ref = v;
  }
}

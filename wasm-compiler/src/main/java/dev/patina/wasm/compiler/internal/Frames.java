package dev.patina.wasm.compiler.internal;

/**
 * The locals of a function split over several methods live in a {@code long[]} (numbers; a v128
 * takes two) and an {@code Object[]} (references) that its methods share; these move them between
 * those arrays and JVM locals.
 */
public final class Frames {
  private Frames() {}

  public static int getI(long[] f, int i) {
    return (int) f[i];
  }

  public static long getJ(long[] f, int i) {
    return f[i];
  }

  public static float getF(long[] f, int i) {
    return Float.intBitsToFloat((int) f[i]);
  }

  public static double getD(long[] f, int i) {
    return Double.longBitsToDouble(f[i]);
  }

  public static V128 getV(long[] f, int i) {
    return new V128(f[i], f[i + 1]);
  }

  public static void setI(long[] f, int i, int v) {
    f[i] = v;
  }

  public static void setJ(long[] f, int i, long v) {
    f[i] = v;
  }

  public static void setF(long[] f, int i, float v) {
    f[i] = Float.floatToRawIntBits(v);
  }

  public static void setD(long[] f, int i, double v) {
    f[i] = Double.doubleToRawLongBits(v);
  }

  public static void setV(long[] f, int i, V128 v) {
    f[i] = v.lo();
    f[i + 1] = v.hi();
  }
}

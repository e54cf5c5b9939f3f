package dev.patina.kv.mvcc;

/**
 * TiKV's {@code TimeStamp}: an unsigned 64-bit TSO value, {@code physical_ms << 18 | logical}. Java
 * longs hold it; comparisons are unsigned, and {@link #MAX} ({@code u64::MAX}) is {@code -1L}.
 */
public final class TimeStamps {
  /** {@code TimeStamp::max()}: reads at it see the latest committed data. */
  public static final long MAX = -1L;

  public static final int TSO_PHYSICAL_SHIFT = 18;

  private TimeStamps() {}

  public static int compare(long a, long b) {
    return Long.compareUnsigned(a, b);
  }

  public static boolean gt(long a, long b) {
    return Long.compareUnsigned(a, b) > 0;
  }

  public static boolean ge(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0;
  }

  public static boolean lt(long a, long b) {
    return Long.compareUnsigned(a, b) < 0;
  }

  public static boolean le(long a, long b) {
    return Long.compareUnsigned(a, b) <= 0;
  }

  public static long max(long a, long b) {
    return gt(a, b) ? a : b;
  }

  public static boolean isMax(long ts) {
    return ts == MAX;
  }

  /** Milliseconds part ({@code ts >> 18}). */
  public static long physical(long ts) {
    return ts >>> TSO_PHYSICAL_SHIFT;
  }

  public static long compose(long physicalMs, long logical) {
    return (physicalMs << TSO_PHYSICAL_SHIFT) + logical;
  }

  /** {@code ts + 1}, saturating at {@link #MAX}. */
  public static long next(long ts) {
    return ts == MAX ? MAX : ts + 1;
  }

  /** {@code ts - 1}, saturating at 0. */
  public static long prev(long ts) {
    return ts == 0 ? 0 : ts - 1;
  }

  public static String toString(long ts) {
    return Long.toUnsignedString(ts);
  }
}

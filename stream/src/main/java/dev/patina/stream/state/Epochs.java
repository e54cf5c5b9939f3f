package dev.patina.stream.state;

/**
 * RisingWave's epochs: milliseconds since 2021-01-01 in the high 48 bits and a sequence number in
 * the low 16, so that epochs order commits and also tell roughly when they happened.
 */
public final class Epochs {
  private Epochs() {}

  /** 2021-01-01T00:00:00Z in Unix milliseconds (RisingWave's epoch origin). */
  public static final long ORIGIN_MILLIS = 1_609_459_200_000L;

  /** The next epoch after {@code previous}: the current time's, or {@code previous + 1}. */
  public static long next(long previous) {
    long now = (System.currentTimeMillis() - ORIGIN_MILLIS) << 16;
    return Math.max(now, previous + 1);
  }

  /** The Unix milliseconds at which {@code epoch} was taken. */
  public static long millis(long epoch) {
    return (epoch >>> 16) + ORIGIN_MILLIS;
  }
}

package dev.patina.pd.tso;

/**
 * A TSO timestamp: milliseconds of physical time and an 18-bit logical counter, packed into one
 * 64-bit number as {@code physical << 18 | logical} (46 + 18 bits), the form TiKV and its clients
 * compare.
 */
public record Timestamp(long physical, long logical) implements Comparable<Timestamp> {
  public static final int LOGICAL_BITS = 18;

  /** Logical values stay strictly below this. */
  public static final long MAX_LOGICAL = 1L << LOGICAL_BITS;

  public Timestamp {
    if (physical < 0 || physical >= 1L << (64 - LOGICAL_BITS - 1)) {
      throw new IllegalArgumentException("physical time out of range: " + physical);
    }
    if (logical < 0 || logical >= MAX_LOGICAL) {
      throw new IllegalArgumentException("logical counter out of range: " + logical);
    }
  }

  /** The packed form. */
  public long toLong() {
    return physical << LOGICAL_BITS | logical;
  }

  public static Timestamp fromLong(long ts) {
    return new Timestamp(ts >>> LOGICAL_BITS, ts & (MAX_LOGICAL - 1));
  }

  @Override
  public int compareTo(Timestamp o) {
    return Long.compare(toLong(), o.toLong());
  }
}

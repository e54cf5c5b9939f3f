package dev.patina.kv;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A half-open range {@code [start, end)} of keys in the storage key space, as a region's bounds: an
 * empty {@code end} means unbounded. In that key space transactional keys are memcomparable encoded
 * (as PD stores region bounds for transactional clusters) and API V1 raw keys are plain.
 */
public record KeyRange(byte[] start, byte[] end) {
  private static final byte[] EMPTY = new byte[0];

  /** Every key. */
  public static final KeyRange ALL = new KeyRange(EMPTY, EMPTY);

  public KeyRange {
    start = start == null ? EMPTY : start.clone();
    end = end == null ? EMPTY : end.clone();
    if (end.length > 0 && Arrays.compareUnsigned(start, end) >= 0) {
      throw new InvalidRequestException(
          "invalid range: start "
              + HexFormat.of().withUpperCase().formatHex(start)
              + " is not before end "
              + HexFormat.of().withUpperCase().formatHex(end));
    }
  }

  public static KeyRange of(byte[] start, byte[] end) {
    return new KeyRange(start, end);
  }

  @Override
  public byte[] start() {
    return start.clone();
  }

  @Override
  public byte[] end() {
    return end.clone();
  }

  /** Whether {@code key} lies in the range. */
  public boolean contains(byte[] key) {
    return Arrays.compareUnsigned(key, start) >= 0
        && (end.length == 0 || Arrays.compareUnsigned(key, end) < 0);
  }

  /** Whether the range has no upper bound. */
  public boolean isEndUnbounded() {
    return end.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRange r && Arrays.equals(start, r.start) && Arrays.equals(end, r.end);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(start) * 31 + Arrays.hashCode(end);
  }

  @Override
  public String toString() {
    HexFormat h = HexFormat.of().withUpperCase();
    return "[" + h.formatHex(start) + ", " + h.formatHex(end) + ")";
  }
}

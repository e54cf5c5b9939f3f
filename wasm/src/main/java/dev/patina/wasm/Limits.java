package dev.patina.wasm;

/**
 * Size limits of a table or memory: a minimum and an optional maximum ({@link #NO_MAX} when
 * absent), counted in elements or 64 KiB pages.
 */
public record Limits(long min, long max) {
  public static final long NO_MAX = -1;

  public boolean hasMax() {
    return max != NO_MAX;
  }

  @Override
  public String toString() {
    return hasMax() ? min + " " + max : Long.toString(min);
  }
}

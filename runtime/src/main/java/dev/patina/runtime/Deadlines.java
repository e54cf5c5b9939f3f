package dev.patina.runtime;

import java.time.Duration;

/** Conversions from durations to {@link System#nanoTime()} deadlines, saturating at "never". */
final class Deadlines {
  private Deadlines() {}

  static long after(Duration d) {
    long now = System.nanoTime();
    long nanos;
    try {
      nanos = d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
    if (nanos <= 0) {
      return now;
    }
    long deadline = now + nanos;
    return deadline < now ? Long.MAX_VALUE : deadline; // overflow: centuries away, i.e. never
  }
}

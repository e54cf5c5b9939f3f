package dev.patina.kv.server;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TiKV's ReadableSize ({@code 96MiB}, {@code 1KB}) and ReadableDuration ({@code 10s}, {@code 1m}).
 */
final class Readable {
  private Readable() {}

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]?)(I?B)?");
  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");

  /** Parses a size; units are binary (KB = KiB = 1024), as TiKV reads them. */
  static long size(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    Matcher m = SIZE.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size (write e.g. 96MiB, 512KB, 1024)");
    }
    double v = Double.parseDouble(m.group(1));
    int shift =
        switch (m.group(2)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          case "T" -> 40;
          case "P" -> 50;
          default -> 0;
        };
    return (long) (v * (1L << shift));
  }

  static String size(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    long v = bytes;
    while (u < units.length - 1 && v != 0 && v % 1024 == 0) {
      v /= 1024;
      u++;
    }
    return v + units[u];
  }

  /** Parses a duration as TiKV's files write them ({@code 10s}, {@code 100ms}, {@code 1m30s}). */
  static Duration duration(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(s);
    int at = 0;
    double nanos = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration (write e.g. 10s, 100ms, 1m30s)");
      }
      double v = Double.parseDouble(m.group(1));
      nanos +=
          v
              * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> 86400e9;
              };
      at = m.end();
    }
    return Duration.ofNanos((long) nanos);
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}

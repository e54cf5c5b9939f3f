package dev.patina.cli.wasm;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line quantities: byte sizes ({@code 64M}) and durations ({@code 5s}, {@code 250ms}). */
final class Quantities {
  private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-z]*)");

  private Quantities() {}

  /** Bytes: a number with an optional binary suffix (K, KiB, M, MiB, G, GiB; B for bytes). */
  static final class Bytes implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      Matcher m = NUMBER_UNIT.matcher(text.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new TypeConversionException(
            "'" + text + "' is not a size (e.g. 65536, 64K, 16M, 1G)");
      }
      long unit =
          switch (m.group(2)) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            default ->
                throw new TypeConversionException(
                    "'" + text + "' has an unknown unit (use K, M or G)");
          };
      try {
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).longValueExact();
      } catch (ArithmeticException e) {
        throw new TypeConversionException("'" + text + "' is not a whole number of bytes");
      }
    }
  }

  /** A duration: a number with a unit (ns, us, ms, s, m, h); a bare number is seconds. */
  static final class Time implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      Matcher m = NUMBER_UNIT.matcher(text.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new TypeConversionException("'" + text + "' is not a duration (e.g. 5s, 250ms, 2m)");
      }
      long nanosPerUnit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "", "s", "sec" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default ->
                throw new TypeConversionException(
                    "'" + text + "' has an unknown unit (use ms, s, m or h)");
          };
      try {
        return Duration.ofNanos(
            new BigDecimal(m.group(1))
                .multiply(BigDecimal.valueOf(nanosPerUnit))
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact());
      } catch (ArithmeticException e) {
        throw new TypeConversionException("'" + text + "' is too long");
      }
    }
  }
}

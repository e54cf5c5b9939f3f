package dev.patina.stream.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * An interval: months, days and microseconds kept apart, as PostgreSQL and RisingWave keep them (a
 * month is not a fixed number of days, nor a day a fixed number of hours across DST changes).
 *
 * <p>{@link #toString()} is PostgreSQL's output in its default {@code postgres} IntervalStyle, e.g.
 * {@code 1 year 2 mons 3 days 04:05:06.5} or {@code -1 days +02:00:00}; {@link #parse(String)}
 * reads that style, the verbose one ({@code @ 1 day ago}), ISO 8601 ({@code P1DT2H}) and
 * SQL-standard year-month fields ({@code 1-2}).
 */
public record Interval(int months, int days, long micros) {
  public static final Interval ZERO = new Interval(0, 0, 0);

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
  private static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

  public static Interval ofMonths(int months) {
    return new Interval(months, 0, 0);
  }

  public static Interval ofDays(int days) {
    return new Interval(0, days, 0);
  }

  public static Interval ofMicros(long micros) {
    return new Interval(0, 0, micros);
  }

  /** PostgreSQL's {@code postgres}-style text, which RisingWave also prints. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    boolean[] state = {false, false}; // {any part written, previous part was negative}
    appendPart(sb, months / 12, "year", state);
    appendPart(sb, months % 12, "mon", state);
    appendPart(sb, days, "day", state);
    if (micros != 0 || (months == 0 && days == 0)) {
      long fraction = Math.abs(micros % MICROS_PER_SECOND);
      long totalSeconds = Math.abs(micros / MICROS_PER_SECOND);
      if (state[0]) {
        sb.append(' ');
      }
      if (state[1] && micros > 0) {
        sb.append('+');
      } else if (micros < 0) {
        sb.append('-');
      }
      long hours = totalSeconds / 3600;
      if (hours < 10) {
        sb.append('0');
      }
      sb.append(hours).append(':');
      twoDigits(sb, (totalSeconds / 60) % 60);
      sb.append(':');
      twoDigits(sb, totalSeconds % 60);
      appendFraction(sb, fraction);
    }
    return sb.toString();
  }

  private static void appendPart(StringBuilder sb, int value, String unit, boolean[] state) {
    if (value == 0) {
      return;
    }
    if (state[0]) {
      sb.append(' ');
    }
    if (state[1] && value > 0) {
      sb.append('+');
    }
    sb.append(value).append(' ').append(unit);
    if (value != 1) {
      sb.append('s');
    }
    state[0] = true;
    state[1] = value < 0;
  }

  static void twoDigits(StringBuilder sb, long v) {
    if (v < 10) {
      sb.append('0');
    }
    sb.append(v);
  }

  /** Appends {@code .ffffff} with trailing zeros removed, or nothing for zero. */
  static void appendFraction(StringBuilder sb, long micros) {
    if (micros == 0) {
      return;
    }
    String digits = Long.toString(1_000_000 + micros).substring(1);
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    sb.append('.').append(digits, 0, end);
  }

  /** Reads an interval in any of the styles PostgreSQL accepts for input (see the class doc). */
  public static Interval parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw InvalidValueException.syntax(DataType.INTERVAL, text);
    }
    try {
      if (s.startsWith("p")) {
        return parseIso(s, text);
      }
      return parsePostgres(s, text);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new InvalidValueException(
          InvalidValueException.DATETIME_OVERFLOW,
          "interval field value out of range: \"" + text + "\"");
    }
  }

  /** Accumulates fields with PostgreSQL's spilling of fractions to smaller units. */
  private static final class Acc {
    long months;
    long days;
    BigDecimal micros = BigDecimal.ZERO;

    void add(BigDecimal amount, String unit, String text) {
      switch (unit) {
        case "millennium", "millennia", "millenniums", "mil", "mils" ->
            addMonths(amount.multiply(BigDecimal.valueOf(12_000)));
        case "century", "centuries", "cent", "c" ->
            addMonths(amount.multiply(BigDecimal.valueOf(1_200)));
        case "decade", "decades", "dec", "decs" ->
            addMonths(amount.multiply(BigDecimal.valueOf(120)));
        case "year", "years", "y", "yr", "yrs" ->
            addMonths(amount.multiply(BigDecimal.valueOf(12)));
        case "month", "months", "mon", "mons" -> addMonths(amount);
        case "week", "weeks", "w" -> addDays(amount.multiply(BigDecimal.valueOf(7)));
        case "day", "days", "d" -> addDays(amount);
        case "hour", "hours", "h", "hr", "hrs" -> addMicros(amount, MICROS_PER_HOUR);
        case "minute", "minutes", "m", "min", "mins" -> addMicros(amount, MICROS_PER_MINUTE);
        case "second", "seconds", "s", "sec", "secs" -> addMicros(amount, MICROS_PER_SECOND);
        case "millisecond", "milliseconds", "ms", "msec", "msecs", "millisecon" ->
            addMicros(amount, 1000);
        case "microsecond", "microseconds", "us", "usec", "usecs" -> addMicros(amount, 1);
        default -> throw InvalidValueException.syntax(DataType.INTERVAL, text);
      }
    }

    void addMonths(BigDecimal m) {
      BigDecimal whole = m.setScale(0, RoundingMode.DOWN);
      months = Math.addExact(months, whole.longValueExact());
      addDays(m.subtract(whole).multiply(BigDecimal.valueOf(30)));
    }

    void addDays(BigDecimal d) {
      BigDecimal whole = d.setScale(0, RoundingMode.DOWN);
      days = Math.addExact(days, whole.longValueExact());
      addMicros(d.subtract(whole), MICROS_PER_DAY);
    }

    void addMicros(BigDecimal amount, long unit) {
      micros = micros.add(amount.multiply(BigDecimal.valueOf(unit)));
    }

    Interval build(boolean negate) {
      long us = micros.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
      long m = months;
      long d = days;
      if (negate) {
        m = Math.negateExact(m);
        d = Math.negateExact(d);
        us = Math.negateExact(us);
      }
      return new Interval(Math.toIntExact(m), Math.toIntExact(d), us);
    }
  }

  private static Interval parsePostgres(String s, String text) {
    boolean ago = false;
    if (s.startsWith("@")) {
      s = s.substring(1).trim();
    }
    if (s.endsWith(" ago") || s.equals("ago")) {
      ago = true;
      s = s.substring(0, s.length() - 3).trim();
    }
    String[] tokens = tokenize(s);
    Acc acc = new Acc();
    boolean any = false;
    for (int i = 0; i < tokens.length; i++) {
      String tok = tokens[i];
      if (tok.indexOf(':') >= 0) {
        addTime(acc, tok, text);
        any = true;
      } else if (isNumber(tok)) {
        String next = i + 1 < tokens.length ? tokens[i + 1] : null;
        if (next != null && !isNumber(next) && next.indexOf(':') < 0 && !isYearMonth(next)) {
          acc.add(new BigDecimal(tok), next, text);
          i++;
        } else if (next != null && next.indexOf(':') >= 0) {
          acc.add(new BigDecimal(tok), "day", text); // SQL standard "D H:M:S"
        } else {
          acc.add(new BigDecimal(tok), "second", text); // a bare number is seconds
        }
        any = true;
      } else if (isYearMonth(tok)) {
        boolean neg = tok.startsWith("-");
        String body = tok.replaceFirst("^[+-]", "");
        int dash = body.indexOf('-');
        long years = Long.parseLong(body.substring(0, dash));
        long mons = Long.parseLong(body.substring(dash + 1));
        long total = Math.addExact(Math.multiplyExact(years, 12), mons);
        acc.addMonths(BigDecimal.valueOf(neg ? -total : total));
        any = true;
      } else {
        throw InvalidValueException.syntax(DataType.INTERVAL, text);
      }
    }
    if (!any) {
      throw InvalidValueException.syntax(DataType.INTERVAL, text);
    }
    return acc.build(ago);
  }

  /** Splits "1day 2 hours" into numbers, words and time fields. */
  private static String[] tokenize(String s) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == ',') {
        i++;
        continue;
      }
      int start = i;
      if (Character.isLetter(c)) {
        while (i < n && Character.isLetter(s.charAt(i))) {
          i++;
        }
      } else {
        i++;
        while (i < n
            && (Character.isDigit(s.charAt(i))
                || s.charAt(i) == '.'
                || s.charAt(i) == ':'
                || s.charAt(i) == '-'
                || s.charAt(i) == 'e' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
          i++;
        }
      }
      out.add(s.substring(start, i));
    }
    return out.toArray(String[]::new);
  }

  private static boolean isNumber(String tok) {
    return tok.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?");
  }

  private static boolean isYearMonth(String tok) {
    return tok.matches("[+-]?\\d+-\\d+");
  }

  private static void addTime(Acc acc, String tok, String text) {
    boolean neg = tok.startsWith("-");
    String body = tok.replaceFirst("^[+-]", "");
    String[] parts = body.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw InvalidValueException.syntax(DataType.INTERVAL, text);
    }
    for (int k = 0; k < parts.length; k++) {
      String p = parts[k];
      if (!p.matches("\\d+(\\.\\d*)?") || (p.contains(".") && k != parts.length - 1)) {
        throw InvalidValueException.syntax(DataType.INTERVAL, text);
      }
    }
    BigDecimal us =
        new BigDecimal(parts[0])
            .multiply(BigDecimal.valueOf(MICROS_PER_HOUR))
            .add(new BigDecimal(parts[1]).multiply(BigDecimal.valueOf(MICROS_PER_MINUTE)));
    if (parts.length == 3) {
      us = us.add(new BigDecimal(parts[2]).multiply(BigDecimal.valueOf(MICROS_PER_SECOND)));
    }
    acc.addMicros(neg ? us.negate() : us, 1);
  }

  private static Interval parseIso(String s, String text) {
    Acc acc = new Acc();
    boolean time = false;
    int i = 1;
    boolean any = false;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == 't') {
        time = true;
        i++;
        continue;
      }
      int start = i;
      while (i < s.length()
          && (Character.isDigit(s.charAt(i)) || "+-.".indexOf(s.charAt(i)) >= 0)) {
        i++;
      }
      if (start == i || i >= s.length()) {
        throw InvalidValueException.syntax(DataType.INTERVAL, text);
      }
      BigDecimal amount = new BigDecimal(s.substring(start, i));
      char unit = s.charAt(i++);
      String u =
          switch (unit) {
            case 'y' -> "year";
            case 'm' -> time ? "minute" : "month";
            case 'w' -> "week";
            case 'd' -> "day";
            case 'h' -> "hour";
            case 's' -> "second";
            default -> throw InvalidValueException.syntax(DataType.INTERVAL, text);
          };
      acc.add(amount, u, text);
      any = true;
    }
    if (!any) {
      throw InvalidValueException.syntax(DataType.INTERVAL, text);
    }
    return acc.build(false);
  }
}

package dev.patina.stream.expr;

import dev.patina.stream.types.Interval;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's {@code to_char} / {@code to_timestamp} template patterns for dates and times: YYYY,
 * MM, DD, HH24, HH12/HH, MI, SS, MS, US, AM/PM, Mon/Month/Day/Dy in their case variants, D, ID,
 * DDD, IW, Q, TZ, the FM prefix, and quoted literal text. Other characters are copied.
 */
final class DateTimeFormat {
  private DateTimeFormat() {}

  /** Patterns, longest first so that {@code HH24} wins over {@code HH}. */
  private static final List<String> TOKENS =
      List.of(
          "HH24", "HH12", "HH", "MI", "SS", "MS", "US", "YYYY", "YYY", "YY", "Y", "IYYY", "MONTH",
          "Month", "month", "MON", "Mon", "mon", "MM", "DAY", "Day", "day", "DY", "Dy", "dy", "DDD",
          "DD", "ID", "D", "IW", "WW", "Q", "AM", "PM", "am", "pm", "A.M.", "P.M.", "a.m.", "p.m.",
          "TZ", "tz", "OF");

  static String format(LocalDateTime t, ZonedDateTime zoned, String fmt) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < fmt.length()) {
      char c = fmt.charAt(i);
      if (c == '"') {
        int j = i + 1;
        while (j < fmt.length() && fmt.charAt(j) != '"') {
          if (fmt.charAt(j) == '\\' && j + 1 < fmt.length()) {
            j++;
          }
          sb.append(fmt.charAt(j));
          j++;
        }
        i = j + 1;
        continue;
      }
      boolean fm = false;
      if (fmt.startsWith("FM", i) || fmt.startsWith("fm", i)) {
        fm = true;
        i += 2;
      }
      String tok = tokenAt(fmt, i);
      if (tok == null) {
        if (!fm) {
          sb.append(c);
          i++;
        }
        continue;
      }
      i += tok.length();
      sb.append(field(tok, t, zoned, fm));
    }
    return sb.toString();
  }

  private static String tokenAt(String fmt, int i) {
    for (String t : TOKENS) {
      if (fmt.startsWith(t, i)) {
        return t;
      }
    }
    return null;
  }

  private static String num(long v, int width, boolean fm) {
    String s = Long.toString(Math.abs(v));
    if (!fm && s.length() < width) {
      s = "0".repeat(width - s.length()) + s;
    }
    return v < 0 ? "-" + s : s;
  }

  private static String word(String s, String tok, int width, boolean fm) {
    String w =
        Character.isUpperCase(tok.charAt(0))
            ? (Character.isUpperCase(tok.charAt(1)) ? s.toUpperCase(Locale.ROOT) : s)
            : s.toLowerCase(Locale.ROOT);
    return fm || w.length() >= width ? w : w + " ".repeat(width - w.length());
  }

  private static String field(String tok, LocalDateTime t, ZonedDateTime z, boolean fm) {
    int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    boolean pm = t.getHour() >= 12;
    return switch (tok) {
      case "HH24" -> num(t.getHour(), 2, fm);
      case "HH12", "HH" -> num(hour12, 2, fm);
      case "MI" -> num(t.getMinute(), 2, fm);
      case "SS" -> num(t.getSecond(), 2, fm);
      case "MS" -> num(t.getNano() / 1_000_000, 3, fm);
      case "US" -> num(t.getNano() / 1000, 6, fm);
      case "YYYY" -> num(t.getYear(), 4, fm);
      case "YYY" -> num(t.getYear() % 1000, 3, fm);
      case "YY" -> num(t.getYear() % 100, 2, fm);
      case "Y" -> num(t.getYear() % 10, 1, fm);
      case "IYYY" -> num(t.get(IsoFields.WEEK_BASED_YEAR), 4, fm);
      case "MONTH", "Month", "month" ->
          word(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), tok, 9, fm);
      case "MON", "Mon", "mon" ->
          word(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), tok, 3, fm);
      case "MM" -> num(t.getMonthValue(), 2, fm);
      case "DAY", "Day", "day" ->
          word(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), tok, 9, fm);
      case "DY", "Dy", "dy" ->
          word(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), tok, 3, fm);
      case "DDD" -> num(t.getDayOfYear(), 3, fm);
      case "DD" -> num(t.getDayOfMonth(), 2, fm);
      case "ID" -> num(t.getDayOfWeek().getValue(), 1, fm);
      case "D" -> num(t.getDayOfWeek().getValue() % 7 + 1, 1, fm);
      case "IW" -> num(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
      case "WW" -> num((t.getDayOfYear() - 1) / 7 + 1, 2, fm);
      case "Q" -> num((t.getMonthValue() + 2) / 3, 1, fm);
      case "AM", "PM" -> pm ? "PM" : "AM";
      case "am", "pm" -> pm ? "pm" : "am";
      case "A.M.", "P.M." -> pm ? "P.M." : "A.M.";
      case "a.m.", "p.m." -> pm ? "p.m." : "a.m.";
      case "TZ", "tz" -> {
        String s = z == null ? "" : zoneAbbrev(z);
        yield tok.equals("tz") ? s.toLowerCase(Locale.ROOT) : s;
      }
      case "OF" -> {
        if (z == null) {
          yield "";
        }
        int secs = z.getOffset().getTotalSeconds();
        String sign = secs < 0 ? "-" : "+";
        secs = Math.abs(secs);
        String s = sign + num(secs / 3600, 2, false);
        yield secs % 3600 == 0 ? s : s + ":" + num(secs % 3600 / 60, 2, false);
      }
      default -> tok;
    };
  }

  private static String zoneAbbrev(ZonedDateTime z) {
    if (z.getZone().normalized() instanceof java.time.ZoneOffset o) {
      return o.getTotalSeconds() == 0 ? "UTC" : o.getId();
    }
    return z.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }

  /** to_char of an interval: hours may exceed 24, days and months as given. */
  static String formatInterval(Interval i, String fmt) {
    LocalDateTime base =
        LocalDateTime.of(0, 1, 1, 0, 0)
            .plusNanos(Math.floorMod(i.micros(), TimeFunctions.DAY) * 1000);
    String s = format(base, null, fmt.replace("HH24", "\u0000H"));
    return s.replace("\u0000H", num(i.micros() / 3_600_000_000L, 2, false));
  }

  /** to_timestamp(text, format): reads the numeric fields of the format from the text. */
  static Instant parse(String text, String fmt, ZoneId zone) {
    int year = 1;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    long micros = 0;
    boolean pm = false;
    boolean hour12 = false;
    int ti = 0;
    int fi = 0;
    while (fi < fmt.length()) {
      if (fmt.startsWith("FM", fi)) {
        fi += 2;
        continue;
      }
      String tok = tokenAt(fmt, fi);
      if (tok == null) {
        fi++;
        if (ti < text.length()) {
          ti++;
        }
        continue;
      }
      fi += tok.length();
      while (ti < text.length() && text.charAt(ti) == ' ') {
        ti++;
      }
      if (tok.equals("AM")
          || tok.equals("PM")
          || tok.equalsIgnoreCase("am")
          || tok.equalsIgnoreCase("pm")) {
        pm = text.regionMatches(true, ti, "PM", 0, 2);
        ti += 2;
        continue;
      }
      if (tok.equalsIgnoreCase("Mon") || tok.equals("MON")) {
        String m = text.substring(ti, Math.min(text.length(), ti + 3));
        month = monthOf(m, text);
        ti += 3;
        continue;
      }
      int maxDigits =
          switch (tok) {
            case "YYYY" -> 4;
            case "MS" -> 3;
            case "US" -> 6;
            case "DDD" -> 3;
            default -> 2;
          };
      int start = ti;
      while (ti < text.length() && ti - start < maxDigits && Character.isDigit(text.charAt(ti))) {
        ti++;
      }
      if (start == ti) {
        throw Errors.datetimeFormat(
            "invalid value \"" + text.substring(start) + "\" for \"" + tok + "\"");
      }
      int v = Integer.parseInt(text.substring(start, ti));
      switch (tok) {
        case "YYYY" -> year = v;
        case "YY" -> year = v < 70 ? 2000 + v : 1900 + v;
        case "MM" -> month = v;
        case "DD" -> day = v;
        case "HH24" -> hour = v;
        case "HH12", "HH" -> {
          hour = v;
          hour12 = true;
        }
        case "MI" -> minute = v;
        case "SS" -> second = v;
        case "MS" -> micros = v * 1000L * (long) Math.pow(10, 3 - (ti - start));
        case "US" -> micros = v * (long) Math.pow(10, 6 - (ti - start));
        default -> {}
      }
    }
    if (hour12) {
      hour = hour % 12 + (pm ? 12 : 0);
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, (int) micros * 1000)
          .atZone(zone)
          .toInstant();
    } catch (DateTimeException e) {
      throw Errors.datetimeOverflow("date/time field value out of range: \"" + text + "\"");
    }
  }

  private static int monthOf(String m, String text) {
    for (java.time.Month mo : java.time.Month.values()) {
      if (mo.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(m)) {
        return mo.getValue();
      }
    }
    throw Errors.datetimeFormat("invalid value \"" + m + "\" for \"Mon\"");
  }
}

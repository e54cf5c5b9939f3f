package dev.patina.stream.expr;

import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * {@code extract}/{@code date_part} and {@code date_trunc}: fields of dates, times, timestamps and
 * intervals by PostgreSQL's names. extract returns numeric (PostgreSQL 14+), date_part double.
 */
final class DateTimeFields {
  private DateTimeFields() {}

  private static final DataType T = DataType.VARCHAR;
  private static final DataType DEC = DataType.DECIMAL;
  private static final DataType F8 = DataType.FLOAT64;

  static void register(Registry r) {
    for (DataType src :
        List.of(DataType.DATE, DataType.TIME, DataType.TIMESTAMP, DataType.INTERVAL)) {
      r.fn("extract", List.of(T, src), DEC, a -> extract((String) a[0], src, a[1], null));
      r.fn(
          "date_part",
          List.of(T, src),
          F8,
          a -> extract((String) a[0], src, a[1], null).doubleValue());
    }
    r.fnV(
        "extract",
        List.of(T, DataType.TIMESTAMPTZ),
        DEC,
        Volatility.STABLE,
        a -> extract((String) a[0], DataType.TIMESTAMPTZ, a[1], TimeFunctions.zone()));
    r.fnV(
        "date_part",
        List.of(T, DataType.TIMESTAMPTZ),
        F8,
        Volatility.STABLE,
        a ->
            extract((String) a[0], DataType.TIMESTAMPTZ, a[1], TimeFunctions.zone()).doubleValue());
    r.fn(
        "extract",
        List.of(T, DataType.TIMESTAMPTZ, T),
        DEC,
        a ->
            extract(
                (String) a[0], DataType.TIMESTAMPTZ, a[1], TimeFunctions.zoneOf((String) a[2])));

    r.fn(
        "date_trunc",
        List.of(T, DataType.TIMESTAMP),
        DataType.TIMESTAMP,
        a -> trunc((String) a[0], (LocalDateTime) a[1], "timestamp without time zone"));
    r.fnV(
        "date_trunc",
        List.of(T, DataType.TIMESTAMPTZ),
        DataType.TIMESTAMPTZ,
        Volatility.STABLE,
        a -> truncTz((String) a[0], (Instant) a[1], TimeFunctions.zone()));
    r.fn(
        "date_trunc",
        List.of(T, DataType.TIMESTAMPTZ, T),
        DataType.TIMESTAMPTZ,
        a -> truncTz((String) a[0], (Instant) a[1], TimeFunctions.zoneOf((String) a[2])));
    r.fn(
        "date_trunc",
        List.of(T, DataType.INTERVAL),
        DataType.INTERVAL,
        a -> truncInterval((String) a[0], (Interval) a[1]));

    r.fn(
        "to_char",
        List.of(DataType.TIMESTAMP, T),
        T,
        a -> DateTimeFormat.format((LocalDateTime) a[0], null, (String) a[1]));
    r.fnV(
        "to_char",
        List.of(DataType.TIMESTAMPTZ, T),
        T,
        Volatility.STABLE,
        a -> {
          ZonedDateTime z = ((Instant) a[0]).atZone(TimeFunctions.zone());
          return DateTimeFormat.format(z.toLocalDateTime(), z, (String) a[1]);
        });
    r.fn(
        "to_char",
        List.of(DataType.INTERVAL, T),
        T,
        a -> DateTimeFormat.formatInterval((Interval) a[0], (String) a[1]));
  }

  static String unit(String field) {
    return field.strip().toLowerCase(Locale.ROOT);
  }

  static SqlUnitError notSupported(String field, String type) {
    return new SqlUnitError(field, type, false);
  }

  /** 22023 / 0A000 errors for units, as PostgreSQL words them. */
  record SqlUnitError(String field, String type, boolean unknown) {
    RuntimeException ex() {
      return unknown
          ? Errors.invalidParameter("unit \"" + field + "\" not recognized for type " + type)
          : Errors.unsupported("unit \"" + field + "\" not supported for type " + type);
    }
  }

  private static String canonical(String u) {
    return switch (u) {
      case "microsecond", "microseconds", "us", "usec", "usecs", "useconds" -> "microseconds";
      case "millisecond", "milliseconds", "ms", "msec", "msecs", "mseconds" -> "milliseconds";
      case "second", "seconds", "s", "sec", "secs" -> "second";
      case "minute", "minutes", "m", "min", "mins" -> "minute";
      case "hour", "hours", "h", "hr", "hrs" -> "hour";
      case "day", "days", "d" -> "day";
      case "week", "weeks", "w" -> "week";
      case "month", "months", "mon", "mons" -> "month";
      case "quarter", "qtr" -> "quarter";
      case "year", "years", "y", "yr", "yrs" -> "year";
      case "decade", "decades", "dec", "decs" -> "decade";
      case "century", "centuries", "c", "cent" -> "century";
      case "millennium", "millennia", "mil", "mils" -> "millennium";
      default -> u;
    };
  }

  static BigDecimal extract(String field, DataType type, Object v, ZoneId zone) {
    String f = canonical(unit(field));
    String tn = type.sqlName();
    if (v instanceof Interval i) {
      return extractInterval(f, i, field);
    }
    if (v instanceof LocalTime t) {
      long us = t.toNanoOfDay() / 1000;
      return switch (f) {
        case "microseconds" -> BigDecimal.valueOf(us % 60_000_000L);
        case "milliseconds" -> BigDecimal.valueOf(us % 60_000_000L, 3);
        case "second" -> BigDecimal.valueOf(us % 60_000_000L, 6);
        case "minute" -> BigDecimal.valueOf(t.getMinute());
        case "hour" -> BigDecimal.valueOf(t.getHour());
        case "epoch" -> BigDecimal.valueOf(us, 6);
        default -> throw unknownOrUnsupported(f, field, tn);
      };
    }
    LocalDateTime ldt;
    BigDecimal epoch;
    switch (v) {
      case LocalDate d -> {
        switch (f) {
          case "microseconds", "milliseconds", "second", "minute", "hour", "timezone" ->
              throw notSupported(field, tn).ex();
          default -> {}
        }
        ldt = d.atStartOfDay();
        epoch = BigDecimal.valueOf(d.toEpochDay() * 86400);
      }
      case LocalDateTime t -> {
        ldt = t;
        epoch = BigDecimal.valueOf(TimeFunctions.micros(t), 6);
      }
      case Instant i -> {
        ldt = LocalDateTime.ofInstant(i, zone);
        epoch = BigDecimal.valueOf(TimeFunctions.micros(i), 6);
        if (f.equals("timezone")) {
          return BigDecimal.valueOf(zone.getRules().getOffset(i).getTotalSeconds());
        }
      }
      default -> throw new IllegalStateException();
    }
    long secMicros = ldt.getSecond() * 1_000_000L + ldt.getNano() / 1000;
    int year = ldt.getYear();
    return switch (f) {
      case "microseconds" -> BigDecimal.valueOf(secMicros);
      case "milliseconds" -> BigDecimal.valueOf(secMicros, 3);
      case "second" -> BigDecimal.valueOf(secMicros, 6);
      case "minute" -> BigDecimal.valueOf(ldt.getMinute());
      case "hour" -> BigDecimal.valueOf(ldt.getHour());
      case "day" -> BigDecimal.valueOf(ldt.getDayOfMonth());
      case "month" -> BigDecimal.valueOf(ldt.getMonthValue());
      case "quarter" -> BigDecimal.valueOf((ldt.getMonthValue() + 2) / 3);
      case "year" -> BigDecimal.valueOf(year > 0 ? year : year - 1);
      case "decade" -> BigDecimal.valueOf(Math.floorDiv(year, 10));
      case "century" ->
          BigDecimal.valueOf(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100));
      case "millennium" ->
          BigDecimal.valueOf(year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000));
      case "dow" -> BigDecimal.valueOf(ldt.getDayOfWeek().getValue() % 7);
      case "isodow" -> BigDecimal.valueOf(ldt.getDayOfWeek().getValue());
      case "doy" -> BigDecimal.valueOf(ldt.getDayOfYear());
      case "week" -> BigDecimal.valueOf(ldt.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case "isoyear" -> BigDecimal.valueOf(ldt.get(IsoFields.WEEK_BASED_YEAR));
      case "julian" -> BigDecimal.valueOf(ldt.toLocalDate().toEpochDay() + 2440588);
      case "epoch" -> epoch;
      default -> throw unknownOrUnsupported(f, field, tn);
    };
  }

  /** date_trunc's unit errors: PostgreSQL reports both kinds as 22023. */
  private static RuntimeException truncUnit(String f, String field, String tn) {
    RuntimeException e = unknownOrUnsupported(f, field, tn);
    return Errors.invalidParameter(e.getMessage());
  }

  private static RuntimeException unknownOrUnsupported(String f, String field, String tn) {
    boolean known =
        List.of(
                "microseconds",
                "milliseconds",
                "second",
                "minute",
                "hour",
                "day",
                "week",
                "month",
                "quarter",
                "year",
                "decade",
                "century",
                "millennium",
                "dow",
                "isodow",
                "doy",
                "isoyear",
                "julian",
                "epoch",
                "timezone",
                "timezone_hour",
                "timezone_minute")
            .contains(f);
    return new SqlUnitError(field, tn, !known).ex();
  }

  static BigDecimal extractInterval(String f, Interval i, String field) {
    long us = i.micros();
    return switch (f) {
      case "microseconds" -> BigDecimal.valueOf(us % 60_000_000L);
      case "milliseconds" -> BigDecimal.valueOf(us % 60_000_000L, 3);
      case "second" -> BigDecimal.valueOf(us % 60_000_000L, 6);
      case "minute" -> BigDecimal.valueOf(us / 60_000_000L % 60);
      case "hour" -> BigDecimal.valueOf(us / 3_600_000_000L);
      case "day" -> BigDecimal.valueOf(i.days());
      case "month" -> BigDecimal.valueOf(i.months() % 12);
      case "quarter" -> BigDecimal.valueOf(i.months() % 12 / 3 + 1);
      case "year" -> BigDecimal.valueOf(i.months() / 12);
      case "decade" -> BigDecimal.valueOf(i.months() / 120);
      case "century" -> BigDecimal.valueOf(i.months() / 1200);
      case "millennium" -> BigDecimal.valueOf(i.months() / 12000);
      case "epoch" ->
          BigDecimal.valueOf(i.months() / 12)
              .multiply(BigDecimal.valueOf(31_557_600))
              .add(BigDecimal.valueOf((long) (i.months() % 12) * 30 * 86400))
              .add(BigDecimal.valueOf((long) i.days() * 86400))
              .add(BigDecimal.valueOf(us, 6));
      default -> throw unknownOrUnsupported(f, field, "interval");
    };
  }

  static LocalDateTime trunc(String field, LocalDateTime t, String typeName) {
    String f = canonical(unit(field));
    return switch (f) {
      case "microseconds" -> t;
      case "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
      case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
      case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
      case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
      case "day" -> t.truncatedTo(ChronoUnit.DAYS);
      case "week" ->
          t.truncatedTo(ChronoUnit.DAYS).with(DayOfWeek.MONDAY).isAfter(t)
              ? t.truncatedTo(ChronoUnit.DAYS).with(DayOfWeek.MONDAY).minusWeeks(1)
              : t.truncatedTo(ChronoUnit.DAYS).with(DayOfWeek.MONDAY);
      case "month" -> t.toLocalDate().withDayOfMonth(1).atStartOfDay();
      case "quarter" ->
          LocalDate.of(t.getYear(), (t.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
      case "year" -> LocalDate.of(t.getYear(), 1, 1).atStartOfDay();
      case "decade" -> LocalDate.of(Math.floorDiv(t.getYear(), 10) * 10, 1, 1).atStartOfDay();
      case "century" -> LocalDate.of(centuryStart(t.getYear()), 1, 1).atStartOfDay();
      case "millennium" -> LocalDate.of(millenniumStart(t.getYear()), 1, 1).atStartOfDay();
      default -> throw truncUnit(f, field, typeName);
    };
  }

  private static int centuryStart(int y) {
    return y > 0 ? (y - 1) / 100 * 100 + 1 : -((99 - (y - 1)) / 100) * 100 + 1;
  }

  private static int millenniumStart(int y) {
    return y > 0 ? (y - 1) / 1000 * 1000 + 1 : -((999 - (y - 1)) / 1000) * 1000 + 1;
  }

  static Instant truncTz(String field, Instant i, ZoneId zone) {
    String f = canonical(unit(field));
    LocalDateTime local = LocalDateTime.ofInstant(i, zone);
    LocalDateTime t = trunc(field, local, "timestamp with time zone");
    if (f.equals("microseconds")
        || f.equals("milliseconds")
        || f.equals("second")
        || f.equals("minute")
        || f.equals("hour")) {
      // below a day the truncation happens on the absolute time (keeps the offset of i)
      long off = zone.getRules().getOffset(i).getTotalSeconds();
      return t.toInstant(java.time.ZoneOffset.ofTotalSeconds((int) off));
    }
    return t.atZone(zone).toInstant();
  }

  static Interval truncInterval(String field, Interval i) {
    String f = canonical(unit(field));
    long us = i.micros();
    return switch (f) {
      case "microseconds" -> i;
      case "milliseconds" -> new Interval(i.months(), i.days(), us - us % 1000);
      case "second" -> new Interval(i.months(), i.days(), us - us % 1_000_000L);
      case "minute" -> new Interval(i.months(), i.days(), us - us % 60_000_000L);
      case "hour" -> new Interval(i.months(), i.days(), us - us % 3_600_000_000L);
      case "day" -> new Interval(i.months(), i.days(), 0);
      case "month" -> new Interval(i.months(), 0, 0);
      case "quarter" -> new Interval(i.months() - i.months() % 3, 0, 0);
      case "year" -> new Interval(i.months() - i.months() % 12, 0, 0);
      case "decade" -> new Interval(i.months() - i.months() % 120, 0, 0);
      case "century" -> new Interval(i.months() - i.months() % 1200, 0, 0);
      case "millennium" -> new Interval(i.months() - i.months() % 12000, 0, 0);
      case "week" ->
          throw Errors.unsupported("unit \"" + field + "\" not supported for type interval");
      default -> throw truncUnit(f, field, "interval");
    };
  }
}

package dev.patina.stream.expr;

import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Date/time operators and functions: date, timestamp and timestamptz arithmetic with intervals
 * (months and days added in local time, as PostgreSQL does, so {@code '2020-01-31' + '1 mon'} is
 * {@code 2020-02-29}), interval arithmetic, now(), make_*, to_timestamp, AT TIME ZONE, tumble
 * windows. Functions that read the session's TimeZone are {@link Volatility#STABLE}.
 */
final class TimeFunctions {
  private TimeFunctions() {}

  static final DataType D = DataType.DATE;
  static final DataType TS = DataType.TIMESTAMP;
  static final DataType TSTZ = DataType.TIMESTAMPTZ;
  static final DataType TM = DataType.TIME;
  static final DataType IV = DataType.INTERVAL;
  static final DataType I4 = DataType.INT32;
  static final DataType F8 = DataType.FLOAT64;
  static final DataType T = DataType.VARCHAR;
  static final long DAY = 86_400_000_000L;

  static void register(Registry r) {
    // date and integers (days)
    r.fn("+", List.of(D, I4), D, a -> plusDays((LocalDate) a[0], (Integer) a[1]));
    r.fn("+", List.of(I4, D), D, a -> plusDays((LocalDate) a[1], (Integer) a[0]));
    r.fn("-", List.of(D, I4), D, a -> plusDays((LocalDate) a[0], -(long) (Integer) a[1]));
    r.fn(
        "-",
        List.of(D, D),
        I4,
        a -> (int) ChronoUnit.DAYS.between((LocalDate) a[1], (LocalDate) a[0]));
    r.fn("+", List.of(D, TM), TS, a -> ((LocalDate) a[0]).atTime((LocalTime) a[1]));
    r.fn("+", List.of(TM, D), TS, a -> ((LocalDate) a[1]).atTime((LocalTime) a[0]));
    // date, timestamp and intervals
    r.fn("+", List.of(D, IV), TS, a -> plus(((LocalDate) a[0]).atStartOfDay(), (Interval) a[1], 1));
    r.fn("+", List.of(IV, D), TS, a -> plus(((LocalDate) a[1]).atStartOfDay(), (Interval) a[0], 1));
    r.fn(
        "-", List.of(D, IV), TS, a -> plus(((LocalDate) a[0]).atStartOfDay(), (Interval) a[1], -1));
    r.fn("+", List.of(TS, IV), TS, a -> plus((LocalDateTime) a[0], (Interval) a[1], 1));
    r.fn("+", List.of(IV, TS), TS, a -> plus((LocalDateTime) a[1], (Interval) a[0], 1));
    r.fn("-", List.of(TS, IV), TS, a -> plus((LocalDateTime) a[0], (Interval) a[1], -1));
    r.fnV(
        "+",
        List.of(TSTZ, IV),
        TSTZ,
        Volatility.STABLE,
        a -> plus((Instant) a[0], (Interval) a[1], 1));
    r.fnV(
        "+",
        List.of(IV, TSTZ),
        TSTZ,
        Volatility.STABLE,
        a -> plus((Instant) a[1], (Interval) a[0], 1));
    r.fnV(
        "-",
        List.of(TSTZ, IV),
        TSTZ,
        Volatility.STABLE,
        a -> plus((Instant) a[0], (Interval) a[1], -1));
    r.fn(
        "-",
        List.of(TS, TS),
        IV,
        a ->
            justifyHours(
                Interval.ofMicros(micros((LocalDateTime) a[0]) - micros((LocalDateTime) a[1]))));
    r.fn(
        "-",
        List.of(TSTZ, TSTZ),
        IV,
        a -> justifyHours(Interval.ofMicros(micros((Instant) a[0]) - micros((Instant) a[1]))));
    // time
    r.fn("+", List.of(TM, IV), TM, a -> plusTime((LocalTime) a[0], ((Interval) a[1]).micros()));
    r.fn("+", List.of(IV, TM), TM, a -> plusTime((LocalTime) a[1], ((Interval) a[0]).micros()));
    r.fn("-", List.of(TM, IV), TM, a -> plusTime((LocalTime) a[0], -((Interval) a[1]).micros()));
    r.fn(
        "-",
        List.of(TM, TM),
        IV,
        a ->
            Interval.ofMicros(
                (((LocalTime) a[0]).toNanoOfDay() - ((LocalTime) a[1]).toNanoOfDay()) / 1000));
    // intervals
    r.fn("+", List.of(IV, IV), IV, a -> add((Interval) a[0], (Interval) a[1], 1));
    r.fn("-", List.of(IV, IV), IV, a -> add((Interval) a[0], (Interval) a[1], -1));
    r.fn("-", List.of(IV), IV, a -> add(Interval.ZERO, (Interval) a[0], -1));
    r.fn("+", List.of(IV), IV, a -> a[0]);
    r.fn("*", List.of(IV, F8), IV, a -> scale((Interval) a[0], (Double) a[1], (x, f) -> x * f));
    r.fn("*", List.of(F8, IV), IV, a -> scale((Interval) a[1], (Double) a[0], (x, f) -> x * f));
    r.fn("/", List.of(IV, F8), IV, a -> divide((Interval) a[0], (Double) a[1]));
    r.fn("justify_hours", List.of(IV), IV, a -> justifyHours((Interval) a[0]));
    r.fn("justify_days", List.of(IV), IV, a -> justifyDays((Interval) a[0]));
    r.fn("justify_interval", List.of(IV), IV, a -> justifyDays(justifyHours((Interval) a[0])));

    // the statement's time
    for (String now :
        List.of("now", "current_timestamp", "transaction_timestamp", "statement_timestamp")) {
      r.fnV(now, List.of(), TSTZ, Volatility.STABLE, a -> statementTime());
    }
    r.fnV(
        "current_date",
        List.of(),
        D,
        Volatility.STABLE,
        a -> LocalDate.ofInstant(statementTime(), zone()));
    r.fnV(
        "localtimestamp",
        List.of(),
        TS,
        Volatility.STABLE,
        a -> LocalDateTime.ofInstant(statementTime(), zone()));
    r.fnV(
        "localtime",
        List.of(),
        TM,
        Volatility.STABLE,
        a -> LocalTime.ofInstant(statementTime(), zone()));
    r.fnV(
        "clock_timestamp",
        List.of(),
        TSTZ,
        Volatility.VOLATILE,
        a -> Instant.now().truncatedTo(ChronoUnit.MICROS));
    r.fnV(
        "proctime",
        List.of(),
        TSTZ,
        Volatility.VOLATILE,
        a -> Instant.now().truncatedTo(ChronoUnit.MICROS));

    // constructors and conversions
    r.fn(
        "make_date",
        List.of(I4, I4, I4),
        D,
        a -> makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2]));
    r.fn(
        "make_time",
        List.of(I4, I4, F8),
        TM,
        a -> makeTime((Integer) a[0], (Integer) a[1], (Double) a[2]));
    r.fn(
        "make_timestamp",
        List.of(I4, I4, I4, I4, I4, F8),
        TS,
        a ->
            makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2])
                .atTime(makeTime((Integer) a[3], (Integer) a[4], (Double) a[5])));
    r.fnV(
        "make_timestamptz",
        List.of(I4, I4, I4, I4, I4, F8),
        TSTZ,
        Volatility.STABLE,
        a -> makeTimestamptz(a, zone()));
    r.fn(
        "make_timestamptz",
        List.of(I4, I4, I4, I4, I4, F8, T),
        TSTZ,
        a -> makeTimestamptz(a, zoneOf((String) a[6])));
    r.fn("to_timestamp", List.of(F8), TSTZ, a -> toTimestamp((Double) a[0]));
    r.fnV(
        "to_timestamp",
        List.of(T, T),
        TSTZ,
        Volatility.STABLE,
        a -> DateTimeFormat.parse((String) a[0], (String) a[1], zone()));
    r.fn(
        "to_date",
        List.of(T, T),
        D,
        a ->
            LocalDate.ofInstant(
                DateTimeFormat.parse((String) a[0], (String) a[1], ZoneOffset.UTC),
                ZoneOffset.UTC));
    r.fn(
        "timezone",
        List.of(T, TSTZ),
        TS,
        a -> LocalDateTime.ofInstant((Instant) a[1], zoneOf((String) a[0])));
    r.fn(
        "timezone",
        List.of(T, TS),
        TSTZ,
        a -> ((LocalDateTime) a[1]).atZone(zoneOf((String) a[0])).toInstant());

    // windows
    r.fn(
        "tumble_start",
        List.of(TS, IV),
        TS,
        a ->
            fromMicros(
                TimeWindows.tumbleStart(
                    micros((LocalDateTime) a[0]), windowMicros((Interval) a[1]), 0)));
    r.fn(
        "tumble_start",
        List.of(TS, IV, IV),
        TS,
        a ->
            fromMicros(
                TimeWindows.tumbleStart(
                    micros((LocalDateTime) a[0]),
                    windowMicros((Interval) a[1]),
                    windowOffset((Interval) a[2]))));
    r.fn(
        "tumble_start",
        List.of(TSTZ, IV),
        TSTZ,
        a ->
            instant(
                TimeWindows.tumbleStart(micros((Instant) a[0]), windowMicros((Interval) a[1]), 0)));
    r.fn(
        "tumble_start",
        List.of(TSTZ, IV, IV),
        TSTZ,
        a ->
            instant(
                TimeWindows.tumbleStart(
                    micros((Instant) a[0]),
                    windowMicros((Interval) a[1]),
                    windowOffset((Interval) a[2]))));
    r.fn(
        "tumble_end",
        List.of(TS, IV),
        TS,
        a ->
            fromMicros(
                TimeWindows.tumbleStart(
                        micros((LocalDateTime) a[0]), windowMicros((Interval) a[1]), 0)
                    + windowMicros((Interval) a[1])));
    r.fn(
        "tumble_end",
        List.of(TSTZ, IV),
        TSTZ,
        a ->
            instant(
                TimeWindows.tumbleStart(micros((Instant) a[0]), windowMicros((Interval) a[1]), 0)
                    + windowMicros((Interval) a[1])));
    r.fn(
        "date_bin",
        List.of(IV, TS, TS),
        TS,
        a ->
            fromMicros(
                dateBin(
                    (Interval) a[0], micros((LocalDateTime) a[1]), micros((LocalDateTime) a[2]))));
    r.fn(
        "date_bin",
        List.of(IV, TSTZ, TSTZ),
        TSTZ,
        a -> instant(dateBin((Interval) a[0], micros((Instant) a[1]), micros((Instant) a[2]))));

    DateTimeFields.register(r);
  }

  // ---------------------------------------------------------------------------------------------

  static Instant statementTime() {
    return EvalContext.current().statementTime().truncatedTo(ChronoUnit.MICROS);
  }

  static ZoneId zone() {
    return EvalContext.current().timeZone();
  }

  /** A time zone by name or offset, as AT TIME ZONE accepts it. */
  static ZoneId zoneOf(String name) {
    String n = name.strip();
    try {
      if (n.equalsIgnoreCase("utc") || n.equalsIgnoreCase("z") || n.equalsIgnoreCase("gmt")) {
        return ZoneOffset.UTC;
      }
      for (String id : ZoneId.getAvailableZoneIds()) {
        if (id.equalsIgnoreCase(n)) {
          return ZoneId.of(id);
        }
      }
      return ZoneId.of(n);
    } catch (DateTimeException e) {
      throw Errors.invalidParameter("time zone \"" + name + "\" not recognized");
    }
  }

  static long micros(LocalDateTime t) {
    return micros(t.toInstant(ZoneOffset.UTC));
  }

  static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  static LocalDateTime fromMicros(long micros) {
    return LocalDateTime.ofInstant(instant(micros), ZoneOffset.UTC);
  }

  private static SqlExceptionSupplier overflow(String what) {
    return () -> Errors.datetimeOverflow(what + " out of range");
  }

  private interface SqlExceptionSupplier {
    RuntimeException get();
  }

  static LocalDate plusDays(LocalDate d, long days) {
    try {
      LocalDate r = d.plusDays(days);
      if (r.getYear() > 5874897 || r.getYear() < -4713) {
        throw overflow("date").get();
      }
      return r;
    } catch (DateTimeException | ArithmeticException e) {
      throw overflow("date").get();
    }
  }

  static LocalDateTime plus(LocalDateTime t, Interval i, int sign) {
    try {
      return t.plusMonths((long) sign * i.months())
          .plusDays((long) sign * i.days())
          .plus(Math.multiplyExact(sign, i.micros()), ChronoUnit.MICROS);
    } catch (DateTimeException | ArithmeticException e) {
      throw overflow("timestamp").get();
    }
  }

  static Instant plus(Instant t, Interval i, int sign) {
    try {
      ZonedDateTime z = t.atZone(zone());
      if (i.months() != 0 || i.days() != 0) {
        z = z.plusMonths((long) sign * i.months()).plusDays((long) sign * i.days());
      }
      return z.toInstant().plus(Math.multiplyExact(sign, i.micros()), ChronoUnit.MICROS);
    } catch (DateTimeException | ArithmeticException e) {
      throw overflow("timestamp").get();
    }
  }

  static LocalTime plusTime(LocalTime t, long micros) {
    long n = Math.floorMod(t.toNanoOfDay() / 1000 + micros, DAY);
    return LocalTime.ofNanoOfDay(n * 1000);
  }

  static Interval add(Interval a, Interval b, int sign) {
    try {
      return new Interval(
          Math.addExact(a.months(), Math.multiplyExact(sign, b.months())),
          Math.addExact(a.days(), Math.multiplyExact(sign, b.days())),
          Math.addExact(a.micros(), Math.multiplyExact((long) sign, b.micros())));
    } catch (ArithmeticException e) {
      throw Errors.datetimeOverflow("interval out of range");
    }
  }

  /** PostgreSQL's justify_hours: whole days out of the time part, signs made consistent. */
  static Interval justifyHours(Interval i) {
    long days = i.days() + i.micros() / DAY;
    long time = i.micros() % DAY;
    if (days > 0 && time < 0) {
      time += DAY;
      days--;
    } else if (days < 0 && time > 0) {
      time -= DAY;
      days++;
    }
    return new Interval(i.months(), checkedInt(days), time);
  }

  static Interval justifyDays(Interval i) {
    long months = i.months() + i.days() / 30;
    long days = i.days() % 30;
    if (months > 0 && days < 0) {
      days += 30;
      months--;
    } else if (months < 0 && days > 0) {
      days -= 30;
      months++;
    }
    return new Interval(checkedInt(months), (int) days, i.micros());
  }

  private static int checkedInt(long v) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw Errors.datetimeOverflow("interval out of range");
    }
    return (int) v;
  }

  private static double tsround(double d) {
    return Math.rint(d * 1e6) / 1e6;
  }

  /**
   * PostgreSQL's interval_mul / interval_div: fractional months spill into days, days into time.
   */
  static Interval scale(Interval i, double f, DoubleBinaryOperator op) {
    double m = op.applyAsDouble(i.months(), f);
    double d = op.applyAsDouble(i.days(), f);
    double t = op.applyAsDouble(i.micros(), f);
    if (Double.isNaN(m) || Math.abs(m) > Integer.MAX_VALUE || Math.abs(d) > Integer.MAX_VALUE) {
      throw Errors.datetimeOverflow("interval out of range");
    }
    int months = (int) m;
    int days = (int) d;
    double monthRemainderDays = tsround((m - months) * 30);
    double secRemainder =
        tsround((d - days + monthRemainderDays - (int) monthRemainderDays) * 86400);
    long extraDays = 0;
    if (Math.abs(secRemainder) >= 86400) {
      extraDays = (long) (secRemainder / 86400);
      secRemainder -= extraDays * 86400;
    }
    double time = Math.rint(t + secRemainder * 1e6);
    if (Double.isNaN(time) || Math.abs(time) >= 9.2e18) {
      throw Errors.datetimeOverflow("interval out of range");
    }
    return new Interval(
        months, checkedInt(days + extraDays + (long) (int) monthRemainderDays), (long) time);
  }

  static Interval divide(Interval i, double f) {
    if (f == 0) {
      throw Errors.divisionByZero();
    }
    return scale(i, f, (x, y) -> x / y);
  }

  static LocalDate makeDate(int y, int m, int d) {
    try {
      return LocalDate.of(y < 0 ? y + 1 : y, m, d);
    } catch (DateTimeException e) {
      throw Errors.datetimeOverflow("date field value out of range: " + y + "-" + m + "-" + d);
    }
  }

  static LocalTime makeTime(int h, int m, double sec) {
    if (h < 0 || h > 24 || m < 0 || m > 59 || sec < 0 || sec > 60 || Double.isNaN(sec)) {
      throw Errors.datetimeOverflow("time field value out of range: " + h + ":" + m + ":" + sec);
    }
    long micros = (long) Math.rint(sec * 1e6) + (h * 3600L + m * 60L) * 1_000_000L;
    if (micros > DAY) {
      throw Errors.datetimeOverflow("time field value out of range: " + h + ":" + m + ":" + sec);
    }
    return micros == DAY
        ? LocalTime.MAX.truncatedTo(ChronoUnit.MICROS)
        : LocalTime.ofNanoOfDay(micros * 1000);
  }

  static Instant makeTimestamptz(Object[] a, ZoneId z) {
    LocalDateTime t =
        makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2])
            .atTime(makeTime((Integer) a[3], (Integer) a[4], (Double) a[5]));
    return t.atZone(z).toInstant();
  }

  static Instant toTimestamp(double seconds) {
    if (Double.isNaN(seconds)) {
      throw Errors.datetimeOverflow("timestamp cannot be NaN");
    }
    if (Double.isInfinite(seconds) || Math.abs(seconds) > 9.2e12) {
      throw Errors.datetimeOverflow("timestamp out of range: \"" + seconds + "\"");
    }
    return instant((long) Math.rint(seconds * 1e6));
  }

  /** A window size as microseconds: positive, without months (they have no fixed length). */
  static long windowMicros(Interval i) {
    if (i.months() != 0) {
      throw Errors.invalidParameter("window size with month is not supported");
    }
    long m = i.days() * DAY + i.micros();
    if (m <= 0) {
      throw Errors.invalidParameter("window size must be positive");
    }
    return m;
  }

  static long windowOffset(Interval i) {
    if (i.months() != 0) {
      throw Errors.invalidParameter("window offset with month is not supported");
    }
    return i.days() * DAY + i.micros();
  }

  static long dateBin(Interval stride, long source, long origin) {
    if (stride.months() != 0) {
      throw Errors.unsupported(
          "timestamps cannot be binned into intervals containing months or years");
    }
    long s = stride.days() * DAY + stride.micros();
    if (s <= 0) {
      throw Errors.invalidParameter("stride must be greater than zero");
    }
    long delta = source - origin;
    return origin + Math.floorDiv(delta, s) * s;
  }
}

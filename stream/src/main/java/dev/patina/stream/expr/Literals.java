package dev.patina.stream.expr;

import dev.patina.stream.expr.BoundExpr.Literal;
import dev.patina.stream.expr.BoundExpr.UntypedLiteral;
import dev.patina.stream.sql.Expr.IntervalField;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import dev.patina.stream.types.InvalidValueException;
import dev.patina.stream.types.PgText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;

/**
 * Literals: numbers as PostgreSQL types them, string literals (untyped until context decides),
 * typed literals ({@code DATE '2020-01-01'}) and interval literals with SQL-standard field
 * qualifiers ({@code INTERVAL '1' HOUR}, {@code INTERVAL '1:30' MINUTE TO SECOND}).
 */
public final class Literals {
  private Literals() {}

  /**
   * A numeric literal: integer if it fits 32 bits, bigint if 64, numeric otherwise or when it has a
   * point or an exponent (as PostgreSQL types {@code 1}, {@code 3000000000}, {@code 1.5}, {@code
   * 1e3}).
   */
  public static Literal number(String text) {
    boolean integral = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(Character.isDigit(c) || (i == 0 && (c == '-' || c == '+')))) {
        integral = false;
        break;
      }
    }
    if (integral) {
      try {
        long v = Long.parseLong(text);
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
          return new Literal((int) v, DataType.INT32);
        }
        return new Literal(v, DataType.INT64);
      } catch (NumberFormatException e) {
        // too big: numeric
      }
    }
    try {
      BigDecimal d = new BigDecimal(text);
      d = d.scale() < 0 ? d.setScale(0) : d;
      if (d.unscaledValue().bitLength() > 96
          && d.setScale(0, RoundingMode.DOWN).unscaledValue().bitLength() > 96) {
        // beyond RisingWave's decimal: RisingWave reads it as a double (PostgreSQL keeps numeric)
        return new Literal(Double.parseDouble(text), DataType.FLOAT64);
      }
      return new Literal(Num.fit(d), DataType.DECIMAL);
    } catch (NumberFormatException e) {
      throw Errors.invalidText("invalid input syntax for type numeric: \"" + text + "\"");
    }
  }

  /** A string literal, of unknown type until coerced. */
  public static UntypedLiteral string(String value) {
    return new UntypedLiteral(value);
  }

  /** {@code TYPE 'text'}: the text read in the type's input syntax. */
  public static Literal typed(DataType type, String text) {
    return new Literal(parse(type, text), type);
  }

  /** Reads a value in {@code type}'s text input syntax (timestamptz in the session's zone). */
  public static Object parse(DataType type, String text) {
    return parse(type, text, EvalContext.current().timeZone());
  }

  /**
   * Reads a value in {@code type}'s text input syntax, timestamptz without offset in {@code zone}.
   */
  public static Object parse(DataType type, String text, ZoneId zone) {
    try {
      if (type == DataType.VARCHAR) {
        return text;
      }
      return PgText.decode(type, text, zone);
    } catch (InvalidValueException e) {
      throw Errors.from(e);
    }
  }

  /**
   * An interval literal with an optional qualifier ({@code from} null when none): a bare number is
   * a count of the last field's unit ({@code '1.5' HOUR} is 01:30:00), {@code 'm:s'} under {@code
   * MINUTE TO SECOND} is minutes and seconds, and fields below the last one are dropped ({@code '1
   * day 02:03:04' HOUR TO MINUTE} is {@code 1 day 02:03:00}); {@code precision} rounds seconds.
   */
  public static Literal interval(
      String text, IntervalField from, IntervalField to, Integer precision) {
    return new Literal(parseInterval(text, from, to, precision), DataType.INTERVAL);
  }

  static Interval parseInterval(String text, IntervalField from, IntervalField to, Integer prec) {
    IntervalField last = to != null ? to : from;
    String s = text.strip();
    Interval v;
    try {
      if (last != null && s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)")) {
        v = Interval.parse(s + " " + unitName(last));
      } else if (from == IntervalField.MINUTE
          && to == IntervalField.SECOND
          && s.matches("[+-]?\\d+:\\d+(\\.\\d*)?")) {
        v = Interval.parse((s.startsWith("-") ? "-00:" + s.substring(1) : "00:" + s));
      } else {
        v = Interval.parse(s);
      }
    } catch (InvalidValueException e) {
      throw Errors.from(e);
    }
    if (last == null) {
      return roundSeconds(v, prec);
    }
    long hour = 3_600_000_000L;
    return switch (last) {
      case YEAR -> new Interval(v.months() - v.months() % 12, 0, 0);
      case MONTH -> new Interval(v.months(), 0, 0);
      case DAY -> new Interval(v.months(), v.days(), 0);
      case HOUR -> new Interval(v.months(), v.days(), v.micros() - v.micros() % hour);
      case MINUTE -> new Interval(v.months(), v.days(), v.micros() - v.micros() % 60_000_000L);
      case SECOND -> roundSeconds(v, prec);
    };
  }

  private static Interval roundSeconds(Interval v, Integer prec) {
    if (prec == null || prec >= 6) {
      return v;
    }
    long micros =
        BigDecimal.valueOf(v.micros())
            .movePointLeft(6)
            .setScale(prec, RoundingMode.HALF_UP)
            .movePointRight(6)
            .longValueExact();
    return new Interval(v.months(), v.days(), micros);
  }

  private static String unitName(IntervalField f) {
    return switch (f) {
      case YEAR -> "years";
      case MONTH -> "months";
      case DAY -> "days";
      case HOUR -> "hours";
      case MINUTE -> "minutes";
      case SECOND -> "seconds";
    };
  }
}

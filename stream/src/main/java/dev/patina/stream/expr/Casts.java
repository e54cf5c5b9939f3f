package dev.patina.stream.expr;

import dev.patina.stream.expr.BoundExpr.Cast;
import dev.patina.stream.expr.BoundExpr.Literal;
import dev.patina.stream.expr.BoundExpr.Param;
import dev.patina.stream.expr.BoundExpr.UntypedLiteral;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import dev.patina.stream.types.InvalidValueException;
import dev.patina.stream.types.Jsonb;
import dev.patina.stream.types.ListType;
import dev.patina.stream.types.NonFiniteDecimal;
import dev.patina.stream.types.PgText;
import dev.patina.stream.types.ScalarType;
import dev.patina.stream.types.StructType;
import dev.patina.stream.types.StructValue;
import dev.patina.stream.types.Variant;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Casts between types: which casts exist in which {@link CastContext} (RisingWave's cast table,
 * which follows PostgreSQL's {@code pg_cast}), and their implementations with PostgreSQL's
 * semantics (integer narrowing checks, float to integer rounding half to even, numeric to integer
 * half away from zero, {@code true::text = 'true'}, text input in each type's input syntax).
 *
 * <p>The numeric types form a chain {@code smallint → integer → bigint → numeric → real → double}
 * with implicit casts forward and assignment casts backward, as do {@code date → timestamp →
 * timestamptz}; every type casts to varchar by assignment and from varchar explicitly.
 */
public final class Casts {
  private Casts() {}

  private static final List<ScalarType> NUMERIC_CHAIN =
      List.of(
          ScalarType.INT16,
          ScalarType.INT32,
          ScalarType.INT64,
          ScalarType.DECIMAL,
          ScalarType.FLOAT32,
          ScalarType.FLOAT64);

  private static final List<ScalarType> DATE_CHAIN =
      List.of(ScalarType.DATE, ScalarType.TIMESTAMP, ScalarType.TIMESTAMPTZ);

  /** The weakest context in which {@code from} casts to {@code to}, or null when it cannot. */
  public static CastContext castContext(DataType from, DataType to) {
    if (from.equals(to)) {
      return CastContext.IMPLICIT;
    }
    if (from == ScalarType.SERIAL && to == ScalarType.TIMESTAMPTZ) {
      return CastContext.EXPLICIT; // RisingWave: the time a row id was generated
    }
    if (from == ScalarType.SERIAL) {
      return castContext(DataType.INT64, to);
    }
    if (to == ScalarType.SERIAL) {
      return castContext(from, DataType.INT64);
    }
    if (from instanceof ListType f && to instanceof ListType t) {
      return castContext(f.element(), t.element());
    }
    if (from instanceof StructType f && to instanceof StructType t) {
      if (f.fields().size() != t.fields().size()) {
        return null;
      }
      CastContext worst = CastContext.IMPLICIT;
      for (int i = 0; i < f.fields().size(); i++) {
        CastContext c = castContext(f.fields().get(i).type(), t.fields().get(i).type());
        if (c == null) {
          return null;
        }
        worst = c.compareTo(worst) > 0 ? c : worst;
      }
      return worst;
    }
    if (to == DataType.VARCHAR) {
      return CastContext.ASSIGNMENT;
    }
    if (from == DataType.VARCHAR) {
      return CastContext.EXPLICIT;
    }
    if (!(from instanceof ScalarType f) || !(to instanceof ScalarType t)) {
      return null;
    }
    int fi = NUMERIC_CHAIN.indexOf(f);
    int ti = NUMERIC_CHAIN.indexOf(t);
    if (fi >= 0 && ti >= 0) {
      return fi < ti ? CastContext.IMPLICIT : CastContext.ASSIGNMENT;
    }
    fi = DATE_CHAIN.indexOf(f);
    ti = DATE_CHAIN.indexOf(t);
    if (fi >= 0 && ti >= 0) {
      return fi < ti ? CastContext.IMPLICIT : CastContext.ASSIGNMENT;
    }
    return switch (f) {
      case INT16, INT32, INT64 ->
          t == ScalarType.INT256
              ? CastContext.IMPLICIT
              : f == ScalarType.INT32 && t == ScalarType.BOOLEAN ? CastContext.EXPLICIT : null;
      case INT256 -> t == ScalarType.FLOAT64 ? CastContext.EXPLICIT : null;
      case BOOLEAN -> t == ScalarType.INT32 ? CastContext.EXPLICIT : null;
      case TIME -> t == ScalarType.INTERVAL ? CastContext.IMPLICIT : null;
      case TIMESTAMP, TIMESTAMPTZ -> t == ScalarType.TIME ? CastContext.ASSIGNMENT : null;
      case INTERVAL -> t == ScalarType.TIME ? CastContext.ASSIGNMENT : null;
      case JSONB ->
          switch (t) {
            case BOOLEAN, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64, VARIANT ->
                CastContext.EXPLICIT;
            default -> null;
          };
      case VARIANT -> t == ScalarType.JSONB ? CastContext.EXPLICIT : null;
      default -> null;
    };
  }

  /** Whether {@code from} casts to {@code to} in context {@code where}. */
  public static boolean canCast(DataType from, DataType to, CastContext where) {
    CastContext c = castContext(from, to);
    return c != null && c.allowedIn(where);
  }

  /**
   * {@code e} cast to {@code target} in context {@code where}. An untyped literal becomes a literal
   * of the target type (its text parsed now, so bad input fails at bind time with 22P02/22007); an
   * untyped parameter takes the target type.
   *
   * @throws dev.patina.stream.pgwire.SqlException 42846 "cannot cast type X to Y" when no such cast
   *     exists; 42804 when it exists only in a stronger context
   */
  public static BoundExpr cast(BoundExpr e, DataType target, CastContext where) {
    if (e instanceof UntypedLiteral u) {
      return new Literal(u.text() == null ? null : Literals.parse(target, u.text()), target);
    }
    if (e instanceof Param p && p.declared() == null) {
      return new Param(p.index(), target);
    }
    DataType from = e.type();
    if (from.equals(target)) {
      return e;
    }
    CastContext c = castContext(from, target);
    if (c == null) {
      throw Errors.cannotCoerce("cannot cast type " + from.sqlName() + " to " + target.sqlName());
    }
    if (!c.allowedIn(where)) {
      throw Errors.datatypeMismatch(
          "cannot cast type "
              + from.sqlName()
              + " to "
              + target.sqlName()
              + " in "
              + where.name().toLowerCase(java.util.Locale.ROOT)
              + " context");
    }
    if (e instanceof Literal l && l.value() == null) {
      return new Literal(null, target);
    }
    Volatility v = volatility(from, target);
    return new Cast(e, target, function(from, target), v);
  }

  /** Casts a runtime value (non-null or null) from one type to another, in any context. */
  public static Object castValue(Object value, DataType from, DataType to) {
    if (value == null || from.equals(to)) {
      return value;
    }
    if (castContext(from, to) == null) {
      throw Errors.cannotCoerce("cannot cast type " + from.sqlName() + " to " + to.sqlName());
    }
    return function(from, to).apply(new Object[] {value});
  }

  /** Whether a cast reads the session's TimeZone. */
  private static Volatility volatility(DataType from, DataType to) {
    if (from instanceof ListType f && to instanceof ListType t) {
      return volatility(f.element(), t.element());
    }
    if (from instanceof StructType f && to instanceof StructType t) {
      Volatility v = Volatility.IMMUTABLE;
      for (int i = 0; i < f.fields().size(); i++) {
        v = v.max(volatility(f.fields().get(i).type(), t.fields().get(i).type()));
      }
      return v;
    }
    boolean zoned = (mentionsZone(from) || mentionsZone(to)) && !from.equals(to);
    return zoned ? Volatility.STABLE : Volatility.IMMUTABLE;
  }

  private static boolean mentionsZone(DataType t) {
    return switch (t) {
      case ListType l -> mentionsZone(l.element());
      case StructType s -> s.fields().stream().anyMatch(f -> mentionsZone(f.type()));
      case ScalarType s -> s == ScalarType.TIMESTAMPTZ;
    };
  }

  /** The implementation of a cast that {@link #castContext} allows. */
  static ScalarFn function(DataType from, DataType to) {
    if (from == ScalarType.SERIAL && to == ScalarType.TIMESTAMPTZ) {
      return a -> rowIdTime((Long) a[0]);
    }
    if (from == ScalarType.SERIAL) {
      return function(DataType.INT64, to);
    }
    if (to == ScalarType.SERIAL) {
      return function(from, DataType.INT64);
    }
    if (from.equals(to)) {
      return a -> a[0];
    }
    if (to == DataType.VARCHAR) {
      return a -> toText(from, a[0]);
    }
    if (from == DataType.VARCHAR) {
      return a -> Literals.parse(to, (String) a[0], EvalContext.current().timeZone());
    }
    if (from instanceof ListType f && to instanceof ListType t) {
      ScalarFn el = function(f.element(), t.element());
      return a -> {
        List<?> in = (List<?>) a[0];
        List<Object> out = new ArrayList<>(in.size());
        for (Object o : in) {
          out.add(o == null ? null : el.apply(new Object[] {o}));
        }
        return Collections.unmodifiableList(out);
      };
    }
    if (from instanceof StructType f && to instanceof StructType t) {
      ScalarFn[] fs = new ScalarFn[f.fields().size()];
      for (int i = 0; i < fs.length; i++) {
        fs[i] = function(f.fields().get(i).type(), t.fields().get(i).type());
      }
      return a -> {
        StructValue in = (StructValue) a[0];
        List<Object> out = new ArrayList<>(fs.length);
        for (int i = 0; i < fs.length; i++) {
          Object o = in.fields().get(i);
          out.add(o == null ? null : fs[i].apply(new Object[] {o}));
        }
        return new StructValue(out);
      };
    }
    ScalarType f = (ScalarType) from;
    ScalarType t = (ScalarType) to;
    return switch (t) {
      case INT16 -> a -> Num.toShort(toLong(f, a[0], t));
      case INT32 -> a -> Num.toInt(toLong(f, a[0], t));
      case INT64 -> a -> toLong(f, a[0], t);
      case INT256 -> a -> BigInteger.valueOf(((Number) a[0]).longValue());
      case DECIMAL -> a -> toDecimal(f, a[0]);
      case FLOAT32 ->
          a -> {
            double d = toDouble(f, a[0]);
            float r = (float) d;
            if (Double.isFinite(d)) {
              Num.checkFloat(r, false, d == 0);
            }
            return r;
          };
      case FLOAT64 -> a -> toDouble(f, a[0]);
      case BOOLEAN ->
          a ->
              switch (f) {
                case INT32 -> ((Integer) a[0]) != 0;
                case JSONB -> jsonScalar((Jsonb) a[0], t, Boolean.class);
                default -> throw new IllegalStateException();
              };
      case TIMESTAMP ->
          a ->
              switch (a[0]) {
                case LocalDate d -> d.atStartOfDay();
                case Instant i -> LocalDateTime.ofInstant(i, EvalContext.current().timeZone());
                default -> throw new IllegalStateException();
              };
      case TIMESTAMPTZ ->
          a ->
              switch (a[0]) {
                case LocalDate d -> d.atStartOfDay(EvalContext.current().timeZone()).toInstant();
                case LocalDateTime d -> d.atZone(EvalContext.current().timeZone()).toInstant();
                default -> throw new IllegalStateException();
              };
      case DATE ->
          a ->
              switch (a[0]) {
                case LocalDateTime d -> d.toLocalDate();
                case Instant i -> LocalDate.ofInstant(i, EvalContext.current().timeZone());
                default -> throw new IllegalStateException();
              };
      case TIME ->
          a ->
              switch (a[0]) {
                case LocalDateTime d -> d.toLocalTime();
                case Instant i -> LocalTime.ofInstant(i, EvalContext.current().timeZone());
                case Interval i ->
                    LocalTime.ofNanoOfDay(Math.floorMod(i.micros(), 86_400_000_000L) * 1000);
                default -> throw new IllegalStateException();
              };
      case INTERVAL -> a -> Interval.ofMicros(((LocalTime) a[0]).toNanoOfDay() / 1000);
      case VARIANT -> a -> Variant.fromJsonb((Jsonb) a[0]);
      case JSONB -> a -> ((Variant) a[0]).toJsonb();
      default -> throw new IllegalStateException("no cast from " + f + " to " + t);
    };
  }

  /** RisingWave's row id epoch, 2021-04-01T00:00:00Z, in Unix milliseconds. */
  public static final long ROW_ID_EPOCH_MILLIS = 1_617_235_200_000L;

  /** Bits of a row id below its timestamp (vnode and sequence). */
  public static final int ROW_ID_TIMESTAMP_SHIFT = 22;

  /**
   * The time a RisingWave row id was generated: row ids are {@code (millis since
   * ROW_ID_EPOCH_MILLIS) << 22 | vnode << 12 | sequence}, and {@code serial::timestamptz} reads the
   * milliseconds back. Row id generators should use this layout for the cast to mean anything.
   */
  public static Instant rowIdTime(long rowId) {
    return Instant.ofEpochMilli((rowId >> ROW_ID_TIMESTAMP_SHIFT) + ROW_ID_EPOCH_MILLIS);
  }

  private static long toLong(ScalarType f, Object v, ScalarType t) {
    return switch (f) {
      case INT16, INT32, INT64, SERIAL -> ((Number) v).longValue();
      case FLOAT32, FLOAT64 -> Num.doubleToLong(((Number) v).doubleValue(), t);
      case DECIMAL -> Num.decimalToLong(v, t);
      case BOOLEAN -> (Boolean) v ? 1 : 0;
      case JSONB -> {
        Object d = jsonScalar((Jsonb) v, t, BigDecimal.class);
        yield Num.decimalToLong(d, t);
      }
      default -> throw new IllegalStateException();
    };
  }

  private static Object toDecimal(ScalarType f, Object v) {
    return switch (f) {
      case INT16, INT32, INT64, SERIAL -> BigDecimal.valueOf(((Number) v).longValue());
      case FLOAT32 -> Num.decimalOf((Float) v, 6);
      case FLOAT64 -> Num.decimalOf((Double) v, 15);
      case JSONB -> Num.fit(jsonScalar((Jsonb) v, ScalarType.DECIMAL, BigDecimal.class));
      default -> throw new IllegalStateException();
    };
  }

  private static double toDouble(ScalarType f, Object v) {
    return switch (f) {
      case INT16, INT32, INT64, SERIAL, FLOAT32, FLOAT64 -> ((Number) v).doubleValue();
      case INT256 -> ((BigInteger) v).doubleValue();
      case DECIMAL -> Num.toDouble(v);
      case JSONB -> jsonScalar((Jsonb) v, ScalarType.FLOAT64, BigDecimal.class).doubleValue();
      default -> throw new IllegalStateException();
    };
  }

  private static <T> T jsonScalar(Jsonb j, ScalarType t, Class<T> cls) {
    Object v = j.value();
    if (cls.isInstance(v)) {
      return cls.cast(v);
    }
    String kind = Json.typeof(v);
    throw Errors.invalidParameter("cannot cast jsonb " + kind + " to type " + t.sqlName());
  }

  /** A value as text, as {@code CAST(v AS varchar)} gives it ({@code true}, not {@code t}). */
  static String toText(DataType type, Object v) {
    if (type == DataType.BOOLEAN) {
      return (Boolean) v ? "true" : "false";
    }
    if (type == DataType.VARCHAR) {
      return (String) v;
    }
    if (type == DataType.DECIMAL && v instanceof NonFiniteDecimal n) {
      return n.toString();
    }
    return PgText.encode(type, v, EvalContext.current().timeZone());
  }

  /** A value in its type's output form ({@code t} for true), as concat and {@code ||} print it. */
  static String outputText(DataType type, Object v) {
    if (type == DataType.VARCHAR) {
      return (String) v;
    }
    if (type == DataType.DECIMAL && v instanceof NonFiniteDecimal n) {
      return n.toString();
    }
    return PgText.encode(type, v, EvalContext.current().timeZone());
  }

  static RuntimeException invalid(InvalidValueException e) {
    return Errors.from(e);
  }
}

package dev.patina.stream.state;

import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import dev.patina.stream.types.Jsonb;
import dev.patina.stream.types.ListType;
import dev.patina.stream.types.NonFiniteDecimal;
import dev.patina.stream.types.ScalarType;
import dev.patina.stream.types.StructType;
import dev.patina.stream.types.StructValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The memcomparable encoding of values: byte strings whose unsigned lexicographic order is the SQL
 * order of the values (PostgreSQL's, for every type), so that a sorted store scans rows in key
 * order. Values that SQL calls equal encode to equal bytes: {@code 1.0} and {@code 1.00}, {@code
 * 0.0} and {@code -0.0}, every NaN, {@code '1 mon'} and {@code '30 days'}; the encoding therefore
 * also serves as a hash and equality key for grouping, joins and DISTINCT.
 *
 * <p>Each value starts with a null marker that is not subject to the direction ({@code 0}: null
 * first, {@code 1}: a value, {@code 2}: null last); the value's bytes follow, complemented for
 * descending order. Variable-length parts are self-delimiting so that concatenated keys compare
 * column by column. Keys are not decoded: the value of a state table row holds the row itself.
 */
public final class Memcomparable {
  private Memcomparable() {}

  private static final byte NULL_FIRST = 0;
  private static final byte VALUE = 1;
  private static final byte NULL_LAST = 2;
  private static final BigInteger MICROS_PER_DAY = BigInteger.valueOf(86_400_000_000L);

  /** The key of {@code row}'s columns {@code cols} with the given types and orders. */
  public static byte[] encode(
      Object[] row, int[] cols, List<DataType> types, List<OrderType> orders) {
    ByteBuf out = new ByteBuf();
    for (int i = 0; i < cols.length; i++) {
      encode(out, types.get(i), row[cols[i]], orders.get(i));
    }
    return out.toArray();
  }

  /** The key of all of {@code values}, ascending with nulls last. */
  public static byte[] encode(List<DataType> types, Object[] values) {
    ByteBuf out = new ByteBuf();
    for (int i = 0; i < values.length; i++) {
      encode(out, types.get(i), values[i], OrderType.ASC);
    }
    return out.toArray();
  }

  /** The key of one value. */
  public static byte[] encode(DataType type, Object value, OrderType order) {
    ByteBuf out = new ByteBuf(16);
    encode(out, type, value, order);
    return out.toArray();
  }

  static void encode(ByteBuf out, DataType type, Object v, OrderType order) {
    if (v == null) {
      out.put(order.nullsFirst() ? NULL_FIRST : NULL_LAST);
      return;
    }
    out.put(VALUE);
    int start = out.length();
    value(out, type, v);
    if (order.descending()) {
      out.invertFrom(start);
    }
  }

  private static void value(ByteBuf out, DataType type, Object v) {
    switch (type) {
      case ScalarType s -> scalar(out, s, v);
      case ListType l -> {
        for (Object e : (List<?>) v) {
          out.put(1);
          encode(out, l.element(), e, OrderType.ASC);
        }
        out.put(0);
      }
      case StructType st -> {
        StructValue sv = (StructValue) v;
        for (int i = 0; i < st.fields().size(); i++) {
          encode(out, st.fields().get(i).type(), sv.fields().get(i), OrderType.ASC);
        }
      }
    }
  }

  private static void scalar(ByteBuf out, ScalarType type, Object v) {
    switch (type) {
      case BOOLEAN -> out.put(((Boolean) v) ? 1 : 0);
      case INT16 -> {
        int x = ((Number) v).shortValue() ^ 0x8000;
        out.put(x >>> 8);
        out.put(x);
      }
      case INT32 -> out.putInt(((Number) v).intValue() ^ Integer.MIN_VALUE);
      case INT64, SERIAL -> out.putLong(((Number) v).longValue() ^ Long.MIN_VALUE);
      case FLOAT32 -> out.putLong(doubleBits(((Number) v).floatValue()));
      case FLOAT64 -> out.putLong(doubleBits(((Number) v).doubleValue()));
      case DECIMAL -> decimal(out, v);
      case VARCHAR -> escaped(out, ((String) v).getBytes(StandardCharsets.UTF_8));
      case BYTEA -> escaped(out, (byte[]) v);
      case DATE -> out.putLong(((LocalDate) v).toEpochDay() ^ Long.MIN_VALUE);
      case TIME -> out.putLong(((LocalTime) v).toNanoOfDay() / 1000);
      case TIMESTAMP -> out.putLong(micros((LocalDateTime) v) ^ Long.MIN_VALUE);
      case TIMESTAMPTZ -> out.putLong(micros((Instant) v) ^ Long.MIN_VALUE);
      case INTERVAL -> interval(out, (Interval) v);
      case JSONB -> escaped(out, ((Jsonb) v).toString().getBytes(StandardCharsets.UTF_8));
      case VARIANT -> escaped(out, ((dev.patina.stream.types.Variant) v).serialize());
      case INT256 -> {
        byte[] b = ((BigInteger) v).toByteArray();
        byte[] fixed = new byte[32];
        byte fill = (byte) (((BigInteger) v).signum() < 0 ? 0xFF : 0);
        int pad = 32 - b.length;
        for (int i = 0; i < 32; i++) {
          fixed[i] = i < pad ? fill : b[i - pad];
        }
        fixed[0] ^= (byte) 0x80;
        out.put(fixed);
      }
    }
  }

  /** Order-preserving bits of a double: NaN greatest, -0.0 equal to 0.0. */
  private static long doubleBits(double d) {
    if (Double.isNaN(d)) {
      return -1L;
    }
    if (d == 0.0) {
      d = 0.0;
    }
    long bits = Double.doubleToLongBits(d);
    return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
  }

  /** Microseconds since 1970-01-01 of a timestamp (RisingWave's precision). */
  public static long micros(LocalDateTime t) {
    return Math.addExact(
        Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L), t.getNano() / 1000);
  }

  /** Microseconds since 1970-01-01 of an instant. */
  public static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  /** PostgreSQL's interval order: months count as 30 days, days as 24 hours. */
  private static void interval(ByteBuf out, Interval iv) {
    BigInteger total =
        BigInteger.valueOf(iv.months() * 30L + iv.days())
            .multiply(MICROS_PER_DAY)
            .add(BigInteger.valueOf(iv.micros()));
    byte[] b = total.toByteArray();
    byte fill = (byte) (total.signum() < 0 ? 0xFF : 0);
    int pad = 16 - b.length;
    for (int i = 0; i < 16; i++) {
      byte x = i < pad ? fill : b[i - pad];
      out.put(i == 0 ? x ^ 0x80 : x);
    }
  }

  /**
   * Decimals: a class byte (-inf, negative, zero, positive, +inf, NaN), then for nonzero finite
   * values the decimal exponent and the digits, complemented for negative values.
   */
  private static void decimal(ByteBuf out, Object v) {
    if (v instanceof NonFiniteDecimal n) {
      out.put(
          switch (n) {
            case NEGATIVE_INFINITY -> 1;
            case POSITIVE_INFINITY -> 5;
            case NAN -> 6;
          });
      return;
    }
    BigDecimal d = (BigDecimal) v;
    int sign = d.signum();
    if (sign == 0) {
      out.put(3);
      return;
    }
    out.put(sign < 0 ? 2 : 4);
    BigDecimal s = d.abs().stripTrailingZeros();
    String digits = s.unscaledValue().toString();
    int exponent = digits.length() - s.scale();
    int start = out.length();
    out.putInt(exponent ^ Integer.MIN_VALUE);
    for (int i = 0; i < digits.length(); i++) {
      out.put(digits.charAt(i) - '0' + 1);
    }
    out.put(0);
    if (sign < 0) {
      out.invertFrom(start);
    }
  }

  /** Bytes with 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x00. */
  private static void escaped(ByteBuf out, byte[] b) {
    for (byte x : b) {
      out.put(x);
      if (x == 0) {
        out.put(0xFF);
      }
    }
    out.put(0);
    out.put(0);
  }
}

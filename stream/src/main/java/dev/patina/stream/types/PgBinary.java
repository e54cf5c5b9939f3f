package dev.patina.stream.types;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's binary format for every {@link DataType} (DataRow columns in format 1, binary Bind
 * parameters): big-endian integers and IEEE floats, numeric as base-10000 digits, dates and times
 * counted from 2000-01-01 in days or microseconds, intervals as (micros, days, months), jsonb as
 * version 1 plus text, one-dimensional arrays and records with element OIDs.
 */
public final class PgBinary {
  private PgBinary() {}

  private static final LocalDate PG_EPOCH_DATE = LocalDate.of(2000, 1, 1);
  private static final LocalDateTime PG_EPOCH = PG_EPOCH_DATE.atStartOfDay();
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L; // 2000-01-01 in Unix micros

  private static final int NUMERIC_POS = 0x0000;
  private static final int NUMERIC_NEG = 0x4000;
  private static final int NUMERIC_NAN = 0xC000;
  private static final int NUMERIC_PINF = 0xD000;
  private static final int NUMERIC_NINF = 0xF000;

  /** Encodes a non-null value. */
  public static byte[] encode(DataType type, Object value) {
    Out out = new Out();
    write(out, type, value);
    return out.toByteArray();
  }

  private static final class Out extends ByteArrayOutputStream {
    void int16(int v) {
      write(v >>> 8);
      write(v);
    }

    void int32(int v) {
      int16(v >>> 16);
      int16(v);
    }

    void int64(long v) {
      int32((int) (v >>> 32));
      int32((int) v);
    }

    void bytes(byte[] b) {
      write(b, 0, b.length);
    }
  }

  private static void write(Out out, DataType type, Object v) {
    switch (type) {
      case ScalarType s -> writeScalar(out, s, v);
      case ListType l -> writeList(out, l, (List<?>) v);
      case StructType st -> {
        StructValue sv = (StructValue) v;
        out.int32(st.fields().size());
        for (int i = 0; i < st.fields().size(); i++) {
          DataType ft = st.fields().get(i).type();
          out.int32(ft.oid());
          writeElement(out, ft, sv.fields().get(i));
        }
      }
    }
  }

  private static void writeElement(Out out, DataType type, Object v) {
    if (v == null) {
      out.int32(-1);
      return;
    }
    byte[] data = encode(type, v);
    out.int32(data.length);
    out.bytes(data);
  }

  private static void writeList(Out out, ListType type, List<?> list) {
    if (type.element() instanceof ListType) {
      throw new InvalidValueException(
          "0A000", "binary format of multi-dimensional arrays is not supported");
    }
    boolean hasNull = list.contains(null);
    if (list.isEmpty()) { // PostgreSQL sends empty arrays with no dimensions
      out.int32(0);
      out.int32(0);
      out.int32(type.element().oid());
      return;
    }
    out.int32(1);
    out.int32(hasNull ? 1 : 0);
    out.int32(type.element().oid());
    out.int32(list.size());
    out.int32(1);
    for (Object e : list) {
      writeElement(out, type.element(), e);
    }
  }

  private static void writeScalar(Out out, ScalarType type, Object v) {
    switch (type) {
      case BOOLEAN -> out.write((Boolean) v ? 1 : 0);
      case INT16 -> out.int16((Short) v);
      case INT32 -> out.int32((Integer) v);
      case INT64, SERIAL -> out.int64((Long) v);
      case INT256 -> {
        byte[] raw = ((BigInteger) v).toByteArray();
        byte[] fixed = new byte[32];
        byte pad = (byte) (((BigInteger) v).signum() < 0 ? 0xFF : 0);
        java.util.Arrays.fill(fixed, pad);
        System.arraycopy(
            raw,
            Math.max(0, raw.length - 32),
            fixed,
            Math.max(0, 32 - raw.length),
            Math.min(32, raw.length));
        out.bytes(fixed);
      }
      case FLOAT32 -> out.int32(Float.floatToRawIntBits((Float) v));
      case FLOAT64 -> out.int64(Double.doubleToRawLongBits((Double) v));
      case DECIMAL -> writeNumeric(out, v);
      case VARCHAR -> out.bytes(((String) v).getBytes(StandardCharsets.UTF_8));
      case BYTEA -> out.bytes((byte[]) v);
      case DATE ->
          out.int32(Math.toIntExact(ChronoUnit.DAYS.between(PG_EPOCH_DATE, (LocalDate) v)));
      case TIME -> out.int64(((LocalTime) v).toNanoOfDay() / 1000);
      case TIMESTAMP -> out.int64(ChronoUnit.MICROS.between(PG_EPOCH, (LocalDateTime) v));
      case TIMESTAMPTZ -> {
        Instant i = (Instant) v;
        long micros =
            Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
        out.int64(micros - PG_EPOCH_MICROS);
      }
      case INTERVAL -> {
        Interval iv = (Interval) v;
        out.int64(iv.micros());
        out.int32(iv.days());
        out.int32(iv.months());
      }
      case JSONB -> {
        out.write(1);
        out.bytes(v.toString().getBytes(StandardCharsets.UTF_8));
      }
      // the JSON text, as RisingWave's ToSql of a variant writes it
      case VARIANT -> out.bytes(v.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void writeNumeric(Out out, Object v) {
    if (v instanceof NonFiniteDecimal n) {
      out.int16(0);
      out.int16(0);
      out.int16(
          switch (n) {
            case NAN -> NUMERIC_NAN;
            case POSITIVE_INFINITY -> NUMERIC_PINF;
            case NEGATIVE_INFINITY -> NUMERIC_NINF;
          });
      // PostgreSQL reads the dscale of special values out of their header bits: 32 for the
      // infinities, 0 for NaN. Clients ignore it; sending the same keeps the bytes identical.
      out.int16(n == NonFiniteDecimal.NAN ? 0 : 32);
      return;
    }
    BigDecimal d = (BigDecimal) v;
    int dscale = Math.max(0, d.scale());
    String plain = d.abs().setScale(dscale, RoundingMode.UNNECESSARY).toPlainString();
    int dot = plain.indexOf('.');
    String intPart = dot < 0 ? plain : plain.substring(0, dot);
    String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
    if (intPart.equals("0")) {
      intPart = "";
    }
    intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
    fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
    int intGroups = intPart.length() / 4;
    List<Integer> digits = new ArrayList<>();
    for (int i = 0; i < intPart.length(); i += 4) {
      digits.add(Integer.parseInt(intPart.substring(i, i + 4)));
    }
    for (int i = 0; i < fracPart.length(); i += 4) {
      digits.add(Integer.parseInt(fracPart.substring(i, i + 4)));
    }
    int weight = intGroups - 1;
    int start = 0;
    while (start < digits.size() && digits.get(start) == 0) {
      start++;
      weight--;
    }
    int end = digits.size();
    while (end > start && digits.get(end - 1) == 0) {
      end--;
    }
    if (start == end) {
      weight = 0;
    }
    out.int16(end - start);
    out.int16(weight);
    out.int16(d.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS);
    out.int16(dscale);
    for (int i = start; i < end; i++) {
      out.int16(digits.get(i));
    }
  }

  /**
   * Decodes a binary value of {@code type}.
   *
   * @throws InvalidValueException if the bytes are not a valid value (wrong length, bad digits)
   */
  public static Object decode(DataType type, byte[] data) {
    ByteBuffer buf = ByteBuffer.wrap(data);
    try {
      Object v = read(buf, type, data.length, 0);
      if (buf.hasRemaining()) {
        throw InvalidValueException.binary(type, "trailing bytes");
      }
      return v;
    } catch (BufferUnderflowException e) {
      throw InvalidValueException.binary(type, "too short");
    } catch (DateTimeException | ArithmeticException e) {
      throw InvalidValueException.binary(type, "out of range");
    }
  }

  private static Object read(ByteBuffer buf, DataType type, int length, int depth) {
    if (depth > 100) {
      throw InvalidValueException.binary(type, "nested too deeply");
    }
    return switch (type) {
      case ScalarType s -> readScalar(buf, s, length);
      case ListType l -> readList(buf, l, depth);
      case StructType st -> {
        int n = buf.getInt();
        if (n != st.fields().size()) {
          throw InvalidValueException.binary(type, "wrong number of columns: " + n);
        }
        List<Object> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          buf.getInt(); // element OID: the struct type says what it is
          fields.add(readElement(buf, st.fields().get(i).type(), depth));
        }
        yield new StructValue(fields);
      }
    };
  }

  private static Object readElement(ByteBuffer buf, DataType type, int depth) {
    int len = buf.getInt();
    if (len == -1) {
      return null;
    }
    if (len < 0 || len > buf.remaining()) {
      throw InvalidValueException.binary(type, "bad element length " + len);
    }
    ByteBuffer slice = buf.slice(buf.position(), len);
    buf.position(buf.position() + len);
    Object v = read(slice, type, len, depth + 1);
    if (slice.hasRemaining()) {
      throw InvalidValueException.binary(type, "trailing bytes in element");
    }
    return v;
  }

  private static List<Object> readList(ByteBuffer buf, ListType type, int depth) {
    int ndim = buf.getInt();
    buf.getInt(); // has-null flag
    buf.getInt(); // element OID
    if (ndim == 0) {
      return new ArrayList<>();
    }
    if (ndim < 0 || ndim > 6) {
      throw InvalidValueException.binary(type, "invalid number of dimensions: " + ndim);
    }
    int[] dims = new int[ndim];
    for (int i = 0; i < ndim; i++) {
      dims[i] = buf.getInt();
      buf.getInt(); // lower bound
      if (dims[i] < 0 || dims[i] > buf.remaining()) {
        throw InvalidValueException.binary(type, "invalid array length " + dims[i]);
      }
    }
    return readDims(buf, type, dims, 0, depth);
  }

  private static List<Object> readDims(
      ByteBuffer buf, ListType type, int[] dims, int dim, int depth) {
    List<Object> out = new ArrayList<>(dims[dim]);
    for (int i = 0; i < dims[dim]; i++) {
      if (dim + 1 < dims.length) {
        if (!(type.element() instanceof ListType inner)) {
          throw InvalidValueException.binary(type, "too many dimensions");
        }
        out.add(readDims(buf, inner, dims, dim + 1, depth));
      } else {
        out.add(readElement(buf, type.element(), depth));
      }
    }
    return out;
  }

  private static Object readScalar(ByteBuffer buf, ScalarType type, int length) {
    return switch (type) {
      case BOOLEAN -> {
        byte b = buf.get();
        if (b != 0 && b != 1) {
          throw InvalidValueException.binary(type, "invalid boolean byte " + b);
        }
        yield b == 1;
      }
      case INT16 -> buf.getShort();
      case INT32 -> buf.getInt();
      case INT64, SERIAL -> buf.getLong();
      case INT256 -> {
        byte[] b = new byte[32];
        buf.get(b);
        yield new BigInteger(b);
      }
      case FLOAT32 -> buf.getFloat();
      case FLOAT64 -> buf.getDouble();
      case DECIMAL -> readNumeric(buf);
      case VARCHAR -> utf8(buf, type);
      case BYTEA -> {
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        yield b;
      }
      case DATE -> PG_EPOCH_DATE.plusDays(buf.getInt());
      case TIME -> {
        long micros = buf.getLong();
        if (micros < 0 || micros >= 86_400_000_000L) {
          throw InvalidValueException.binary(type, "out of range");
        }
        yield LocalTime.ofNanoOfDay(micros * 1000);
      }
      case TIMESTAMP -> PG_EPOCH.plus(buf.getLong(), ChronoUnit.MICROS);
      case TIMESTAMPTZ -> {
        long unixMicros = Math.addExact(buf.getLong(), PG_EPOCH_MICROS);
        yield Instant.ofEpochSecond(
            Math.floorDiv(unixMicros, 1_000_000L), Math.floorMod(unixMicros, 1_000_000L) * 1000);
      }
      case INTERVAL -> {
        long micros = buf.getLong();
        int days = buf.getInt();
        int months = buf.getInt();
        yield new Interval(months, days, micros);
      }
      case JSONB -> {
        byte version = buf.get();
        if (version != 1) {
          throw InvalidValueException.binary(type, "unsupported jsonb version number " + version);
        }
        yield Jsonb.parse(utf8(buf, type));
      }
      case VARIANT -> Variant.parse(utf8(buf, type));
    };
  }

  private static String utf8(ByteBuffer buf, DataType type) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(buf)
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidValueException("22021", "invalid byte sequence for encoding \"UTF8\"");
    }
  }

  private static Object readNumeric(ByteBuffer buf) {
    int ndigits = buf.getShort() & 0xFFFF;
    int weight = buf.getShort();
    int sign = buf.getShort() & 0xFFFF;
    int dscale = buf.getShort() & 0xFFFF;
    switch (sign) {
      case NUMERIC_NAN -> {
        return NonFiniteDecimal.NAN;
      }
      case NUMERIC_PINF -> {
        return NonFiniteDecimal.POSITIVE_INFINITY;
      }
      case NUMERIC_NINF -> {
        return NonFiniteDecimal.NEGATIVE_INFINITY;
      }
      case NUMERIC_POS, NUMERIC_NEG -> {}
      default -> throw InvalidValueException.binary(DataType.DECIMAL, "invalid sign");
    }
    if (dscale > 0x3FFF || ndigits > 0x7FFF) {
      throw InvalidValueException.binary(DataType.DECIMAL, "invalid scale or length");
    }
    BigInteger unscaled = BigInteger.ZERO;
    BigInteger base = BigInteger.valueOf(10_000);
    for (int i = 0; i < ndigits; i++) {
      int d = buf.getShort();
      if (d < 0 || d >= 10_000) {
        throw InvalidValueException.binary(DataType.DECIMAL, "invalid digit");
      }
      unscaled = unscaled.multiply(base).add(BigInteger.valueOf(d));
    }
    // value = unscaled * 10000^(weight - ndigits + 1)
    BigDecimal value = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
    if (sign == NUMERIC_NEG) {
      value = value.negate();
    }
    return value.setScale(dscale, RoundingMode.DOWN);
  }
}

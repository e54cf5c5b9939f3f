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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The value encoding of rows: compact, exact (a decimal keeps its scale, an interval its three
 * fields) and not order-preserving. A row starts with its column count, so rows written before
 * columns were added decode with nulls in the new columns.
 */
public final class RowCodec {
  private RowCodec() {}

  /** Encodes {@code row}, whose values have the given types. */
  public static byte[] encode(List<DataType> types, Object[] row) {
    ByteBuf out = new ByteBuf(16 + row.length * 8);
    varint(out, row.length);
    for (int i = 0; i < row.length; i++) {
      write(out, types.get(i), row[i]);
    }
    return out.toArray();
  }

  /** Decodes a row of {@code types.size()} columns. */
  public static Object[] decode(List<DataType> types, byte[] data) {
    Reader in = new Reader(data);
    int n = (int) in.varint();
    Object[] row = new Object[types.size()];
    for (int i = 0; i < n && i < row.length; i++) {
      row[i] = read(in, types.get(i));
    }
    return row;
  }

  private static void write(ByteBuf out, DataType type, Object v) {
    if (v == null) {
      out.put(0);
      return;
    }
    out.put(1);
    switch (type) {
      case ScalarType s -> scalar(out, s, v);
      case ListType l -> {
        List<?> list = (List<?>) v;
        varint(out, list.size());
        for (Object e : list) {
          write(out, l.element(), e);
        }
      }
      case StructType st -> {
        StructValue sv = (StructValue) v;
        for (int i = 0; i < st.fields().size(); i++) {
          write(out, st.fields().get(i).type(), sv.fields().get(i));
        }
      }
    }
  }

  private static void scalar(ByteBuf out, ScalarType type, Object v) {
    switch (type) {
      case BOOLEAN -> out.put((Boolean) v ? 1 : 0);
      case INT16 -> zigzag(out, (Short) v);
      case INT32 -> zigzag(out, (Integer) v);
      case INT64, SERIAL -> zigzag(out, (Long) v);
      case FLOAT32 -> out.putInt(Float.floatToRawIntBits((Float) v));
      case FLOAT64 -> out.putLong(Double.doubleToRawLongBits((Double) v));
      case DECIMAL -> {
        switch (v) {
          case NonFiniteDecimal n -> out.put(1 + n.ordinal());
          case BigDecimal d -> {
            out.put(0);
            zigzag(out, d.scale());
            bytes(out, d.unscaledValue().toByteArray());
          }
          default -> throw new IllegalArgumentException("not a decimal: " + v);
        }
      }
      case VARCHAR -> bytes(out, ((String) v).getBytes(StandardCharsets.UTF_8));
      case BYTEA -> bytes(out, (byte[]) v);
      case DATE -> zigzag(out, ((LocalDate) v).toEpochDay());
      case TIME -> varint(out, ((LocalTime) v).toNanoOfDay());
      case TIMESTAMP -> {
        LocalDateTime t = (LocalDateTime) v;
        zigzag(out, t.toEpochSecond(ZoneOffset.UTC));
        varint(out, t.getNano());
      }
      case TIMESTAMPTZ -> {
        Instant t = (Instant) v;
        zigzag(out, t.getEpochSecond());
        varint(out, t.getNano());
      }
      case INTERVAL -> {
        Interval iv = (Interval) v;
        zigzag(out, iv.months());
        zigzag(out, iv.days());
        zigzag(out, iv.micros());
      }
      case JSONB -> bytes(out, v.toString().getBytes(StandardCharsets.UTF_8));
      case INT256 -> bytes(out, ((BigInteger) v).toByteArray());
      case VARIANT -> bytes(out, ((dev.patina.stream.types.Variant) v).serialize());
    }
  }

  private static Object read(Reader in, DataType type) {
    if (in.u8() == 0) {
      return null;
    }
    return switch (type) {
      case ScalarType s -> scalar(in, s);
      case ListType l -> {
        int n = (int) in.varint();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(read(in, l.element()));
        }
        yield java.util.Collections.unmodifiableList(list);
      }
      case StructType st -> {
        Object[] fields = new Object[st.fields().size()];
        for (int i = 0; i < fields.length; i++) {
          fields[i] = read(in, st.fields().get(i).type());
        }
        yield new StructValue(Arrays.asList(fields));
      }
    };
  }

  private static Object scalar(Reader in, ScalarType type) {
    return switch (type) {
      case BOOLEAN -> in.u8() != 0;
      case INT16 -> (short) in.zigzag();
      case INT32 -> (int) in.zigzag();
      case INT64, SERIAL -> in.zigzag();
      case FLOAT32 -> Float.intBitsToFloat(in.int32());
      case FLOAT64 -> Double.longBitsToDouble(in.int64());
      case DECIMAL -> {
        int kind = in.u8();
        if (kind != 0) {
          yield NonFiniteDecimal.values()[kind - 1];
        }
        int scale = (int) in.zigzag();
        yield new BigDecimal(new BigInteger(in.bytes()), scale);
      }
      case VARCHAR -> new String(in.bytes(), StandardCharsets.UTF_8);
      case BYTEA -> in.bytes();
      case DATE -> LocalDate.ofEpochDay(in.zigzag());
      case TIME -> LocalTime.ofNanoOfDay(in.varint());
      case TIMESTAMP -> LocalDateTime.ofEpochSecond(in.zigzag(), (int) in.varint(), ZoneOffset.UTC);
      case TIMESTAMPTZ -> Instant.ofEpochSecond(in.zigzag(), in.varint());
      case INTERVAL -> new Interval((int) in.zigzag(), (int) in.zigzag(), in.zigzag());
      case JSONB -> Jsonb.parse(new String(in.bytes(), StandardCharsets.UTF_8));
      case INT256 -> new BigInteger(in.bytes());
      case VARIANT -> dev.patina.stream.types.Variant.deserialize(in.bytes());
    };
  }

  private static void varint(ByteBuf out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.put((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.put((int) v);
  }

  private static void zigzag(ByteBuf out, long v) {
    varint(out, (v << 1) ^ (v >> 63));
  }

  private static void bytes(ByteBuf out, byte[] b) {
    varint(out, b.length);
    out.put(b);
  }

  private static final class Reader {
    private final byte[] data;
    private int pos;

    Reader(byte[] data) {
      this.data = data;
    }

    int u8() {
      return data[pos++] & 0xFF;
    }

    long varint() {
      long v = 0;
      int shift = 0;
      while (true) {
        int b = u8();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
        shift += 7;
      }
    }

    long zigzag() {
      long v = varint();
      return (v >>> 1) ^ -(v & 1);
    }

    int int32() {
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v = (v << 8) | u8();
      }
      return v;
    }

    long int64() {
      return ((long) int32() << 32) | (int32() & 0xFFFFFFFFL);
    }

    byte[] bytes() {
      int n = (int) varint();
      byte[] b = Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return b;
    }
  }
}

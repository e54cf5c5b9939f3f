package dev.patina.stream.expr.agg;

import dev.patina.stream.types.Interval;
import dev.patina.stream.types.Jsonb;
import dev.patina.stream.types.NonFiniteDecimal;
import dev.patina.stream.types.StructValue;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A self-describing binary form of runtime values (each tagged with its Java class), for
 * accumulator state: state is written at checkpoints and read back at recovery by the same code, so
 * the format only needs to round-trip, not to be stable across versions.
 */
final class StateCodec {
  private StateCodec() {}

  /** Writes to a byte array. */
  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  static byte[] encode(Writer w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static void write(DataOutputStream out, Object v) throws IOException {
    switch (v) {
      case null -> out.writeByte(0);
      case Boolean b -> {
        out.writeByte(1);
        out.writeBoolean(b);
      }
      case Short s -> {
        out.writeByte(2);
        out.writeShort(s);
      }
      case Integer i -> {
        out.writeByte(3);
        out.writeInt(i);
      }
      case Long l -> {
        out.writeByte(4);
        out.writeLong(l);
      }
      case Float f -> {
        out.writeByte(5);
        out.writeFloat(f);
      }
      case Double d -> {
        out.writeByte(6);
        out.writeDouble(d);
      }
      case BigDecimal d -> {
        out.writeByte(7);
        out.writeInt(d.scale());
        bytes(out, d.unscaledValue().toByteArray());
      }
      case NonFiniteDecimal n -> {
        out.writeByte(8);
        out.writeByte(n.ordinal());
      }
      case String s -> {
        out.writeByte(9);
        bytes(out, s.getBytes(StandardCharsets.UTF_8));
      }
      case byte[] b -> {
        out.writeByte(10);
        bytes(out, b);
      }
      case LocalDate d -> {
        out.writeByte(11);
        out.writeLong(d.toEpochDay());
      }
      case LocalTime t -> {
        out.writeByte(12);
        out.writeLong(t.toNanoOfDay());
      }
      case LocalDateTime t -> {
        out.writeByte(13);
        out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
        out.writeInt(t.getNano());
      }
      case Instant i -> {
        out.writeByte(14);
        out.writeLong(i.getEpochSecond());
        out.writeInt(i.getNano());
      }
      case Interval i -> {
        out.writeByte(15);
        out.writeInt(i.months());
        out.writeInt(i.days());
        out.writeLong(i.micros());
      }
      case Jsonb j -> {
        out.writeByte(16);
        bytes(out, j.toString().getBytes(StandardCharsets.UTF_8));
      }
      case List<?> l -> {
        out.writeByte(17);
        out.writeInt(l.size());
        for (Object o : l) {
          write(out, o);
        }
      }
      case StructValue s -> {
        out.writeByte(18);
        out.writeInt(s.fields().size());
        for (Object o : s.fields()) {
          write(out, o);
        }
      }
      case BigInteger b -> {
        out.writeByte(19);
        bytes(out, b.toByteArray());
      }
      default -> throw new IllegalArgumentException("cannot encode " + v.getClass());
    }
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }

  static Object read(DataInputStream in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case 0 -> null;
      case 1 -> in.readBoolean();
      case 2 -> in.readShort();
      case 3 -> in.readInt();
      case 4 -> in.readLong();
      case 5 -> in.readFloat();
      case 6 -> in.readDouble();
      case 7 -> {
        int scale = in.readInt();
        yield new BigDecimal(new BigInteger(bytes(in)), scale);
      }
      case 8 -> NonFiniteDecimal.values()[in.readByte()];
      case 9 -> new String(bytes(in), StandardCharsets.UTF_8);
      case 10 -> bytes(in);
      case 11 -> LocalDate.ofEpochDay(in.readLong());
      case 12 -> LocalTime.ofNanoOfDay(in.readLong());
      case 13 -> LocalDateTime.ofEpochSecond(in.readLong(), in.readInt(), ZoneOffset.UTC);
      case 14 -> Instant.ofEpochSecond(in.readLong(), in.readInt());
      case 15 -> new Interval(in.readInt(), in.readInt(), in.readLong());
      case 16 -> Jsonb.parse(new String(bytes(in), StandardCharsets.UTF_8));
      case 17 -> {
        int n = in.readInt();
        List<Object> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(read(in));
        }
        yield Collections.unmodifiableList(l);
      }
      case 18 -> {
        int n = in.readInt();
        List<Object> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(read(in));
        }
        yield new StructValue(l);
      }
      case 19 -> new BigInteger(bytes(in));
      default -> throw new IOException("corrupt accumulator state: tag " + tag);
    };
  }

  static void writeRow(DataOutputStream out, Object[] row) throws IOException {
    out.writeInt(row.length);
    for (Object o : row) {
      write(out, o);
    }
  }

  static Object[] readRow(DataInputStream in) throws IOException {
    Object[] row = new Object[in.readInt()];
    for (int i = 0; i < row.length; i++) {
      row[i] = read(in);
    }
    return row;
  }
}

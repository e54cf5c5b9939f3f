package dev.patina.stream.types;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code variant} value: RisingWave's semi-structured type after Parquet's Variant encoding.
 * Unlike jsonb, its scalars keep their type ({@code int16}, {@code int32}, {@code int64}, {@code
 * double}, {@code decimal16}, {@code string}, {@code binary}, {@code date}, {@code time},
 * timestamps), which {@code variant_typeof} reports; objects hold fields sorted by name and arrays
 * hold variants.
 *
 * <p>JSON text parses as Parquet's {@code parse_json} does: integers become {@code int64}, other
 * numbers {@code double}. The text form is compact JSON ({@code {"a":10,"b":[1,2]}}), non-finite
 * doubles as strings. Equality and ordering are those of the canonical {@link #serialize()} bytes
 * (RisingWave compares variants byte-wise), which is why a variant can be no key of a grouping,
 * join, ORDER BY or DISTINCT.
 */
public final class Variant {
  /** A variant's type, with the name {@code variant_typeof} gives. */
  public enum Kind {
    NULL("null"),
    BOOLEAN("boolean"),
    INT16("int16"),
    INT32("int32"),
    INT64("int64"),
    DOUBLE("double"),
    DECIMAL("decimal16"),
    STRING("string"),
    BINARY("binary"),
    DATE("date"),
    TIME("time"),
    TIMESTAMP("timestamp_ntz_micros"),
    TIMESTAMPTZ("timestamp_micros"),
    ARRAY("array"),
    OBJECT("object");

    private final String typeName;

    Kind(String typeName) {
      this.typeName = typeName;
    }

    public String typeName() {
      return typeName;
    }
  }

  public static final Variant NULL = new Variant(Kind.NULL, null);

  private final Kind kind;
  private final Object value;

  private Variant(Kind kind, Object value) {
    this.kind = kind;
    this.value = value;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The value: null, Boolean, Short, Integer, Long, Double, BigDecimal, String, byte[], LocalDate,
   * LocalTime, LocalDateTime, Instant, {@code List<Variant>} or {@code Map<String, Variant>}.
   */
  public Object value() {
    return value;
  }

  public String typeName() {
    return kind.typeName();
  }

  // ---------------------------------------------------------------------------------------------
  // Construction

  /** An array of variants. */
  public static Variant array(List<Variant> elements) {
    return new Variant(Kind.ARRAY, List.copyOf(elements));
  }

  /**
   * An object; field names must be unique (a variant object cannot hold two fields of one name).
   */
  public static Variant object(List<String> names, List<Variant> values) {
    TreeMap<String, Variant> m = new TreeMap<>();
    for (int i = 0; i < names.size(); i++) {
      if (m.put(names.get(i), values.get(i)) != null) {
        throw new IllegalArgumentException("duplicate field name: " + names.get(i));
      }
    }
    return new Variant(Kind.OBJECT, Collections.unmodifiableMap(m));
  }

  /** A scalar of a Java value (see {@link #value()}); Float widens to double, Byte to int16. */
  public static Variant scalar(Object v) {
    return switch (v) {
      case null -> NULL;
      case Boolean b -> new Variant(Kind.BOOLEAN, b);
      case Byte b -> new Variant(Kind.INT16, (short) b.byteValue());
      case Short s -> new Variant(Kind.INT16, s);
      case Integer i -> new Variant(Kind.INT32, i);
      case Long l -> new Variant(Kind.INT64, l);
      case Float f -> new Variant(Kind.DOUBLE, (double) f);
      case Double d -> new Variant(Kind.DOUBLE, d);
      case BigDecimal d -> new Variant(Kind.DECIMAL, d);
      case String s -> new Variant(Kind.STRING, s);
      case byte[] b -> new Variant(Kind.BINARY, b.clone());
      case LocalDate d -> new Variant(Kind.DATE, d);
      case LocalTime t -> new Variant(Kind.TIME, t);
      case LocalDateTime t -> new Variant(Kind.TIMESTAMP, t);
      case Instant t -> new Variant(Kind.TIMESTAMPTZ, t);
      case Variant x -> x;
      default -> throw new IllegalArgumentException("not a variant scalar: " + v.getClass());
    };
  }

  /** Parses JSON text ({@code 'text'::variant}); throws {@link InvalidValueException}. */
  public static Variant parse(String text) {
    return fromJson(Jsonb.parseTree(text, true));
  }

  /** A jsonb value as a variant ({@code jsonb::variant}). */
  public static Variant fromJsonb(Jsonb j) {
    return fromJson(j.value());
  }

  private static Variant fromJson(Object tree) {
    return switch (tree) {
      case null -> NULL;
      case Boolean b -> scalar(b);
      case String s -> scalar(s);
      case Double d -> scalar(d);
      case BigDecimal d -> {
        if (d.scale() == 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
          yield scalar(d.longValueExact());
        }
        yield scalar(d.doubleValue());
      }
      case List<?> l -> {
        List<Variant> out = new ArrayList<>(l.size());
        for (Object o : l) {
          out.add(fromJson(o));
        }
        yield array(out);
      }
      case Map<?, ?> m -> {
        List<String> names = new ArrayList<>();
        List<Variant> values = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          names.add((String) e.getKey());
          values.add(fromJson(e.getValue()));
        }
        yield object(names, values);
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + tree.getClass());
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Access

  /**
   * The value at a JSON path of {@code $}, {@code .field}, {@code ["field"]} and {@code [index]}
   * (negative indexes count from the end), or null where the path leads nowhere.
   *
   * @throws IllegalArgumentException if the path is malformed ("invalid variant path")
   */
  public Variant get(String path) {
    Variant v = this;
    for (Object token : parsePath(path)) {
      if (token instanceof String field) {
        if (v.kind != Kind.OBJECT) {
          return null;
        }
        v = v.fields().get(field);
      } else {
        if (v.kind != Kind.ARRAY) {
          return null;
        }
        List<Variant> l = v.elements();
        long i = (Long) token;
        if (i < 0) {
          i += l.size();
        }
        v = i >= 0 && i < l.size() ? l.get((int) i) : null;
      }
      if (v == null) {
        return null;
      }
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Variant> fields() {
    return (Map<String, Variant>) value;
  }

  @SuppressWarnings("unchecked")
  private List<Variant> elements() {
    return (List<Variant>) value;
  }

  /** Field names (String) and indexes (Long) of a path. */
  static List<Object> parsePath(String path) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    int n = path.length();
    if (n == 0 || path.charAt(0) != '$') {
      throw invalidPath(path);
    }
    i++;
    while (i < n) {
      char c = path.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') {
          i++;
        }
        if (i == start) {
          throw invalidPath(path);
        }
        out.add(path.substring(start, i));
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw invalidPath(path);
        }
        String inner = path.substring(i + 1, close).strip();
        if (inner.length() >= 2
            && (inner.startsWith("\"") && inner.endsWith("\"")
                || inner.startsWith("'") && inner.endsWith("'"))) {
          out.add(inner.substring(1, inner.length() - 1));
        } else {
          try {
            out.add(Long.parseLong(inner));
          } catch (NumberFormatException e) {
            throw invalidPath(path);
          }
        }
        i = close + 1;
      } else {
        throw invalidPath(path);
      }
    }
    return out;
  }

  private static IllegalArgumentException invalidPath(String path) {
    return new IllegalArgumentException("invalid variant path: " + path);
  }

  // ---------------------------------------------------------------------------------------------
  // Conversions

  /** The JSON tree jsonb holds ({@code variant::jsonb}); non-finite doubles become strings. */
  public Jsonb toJsonb() {
    return Jsonb.of(toJson());
  }

  private Object toJson() {
    return switch (kind) {
      case NULL -> null;
      case BOOLEAN, STRING -> value;
      case INT16, INT32, INT64 -> BigDecimal.valueOf(((Number) value).longValue());
      case DOUBLE -> {
        double d = (Double) value;
        yield Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : nonFinite(d);
      }
      case DECIMAL -> value;
      case BINARY, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> scalarText();
      case ARRAY -> {
        List<Object> out = new ArrayList<>();
        for (Variant v : elements()) {
          out.add(v.toJson());
        }
        yield out;
      }
      case OBJECT -> {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Variant> e : fields().entrySet()) {
          out.put(e.getKey(), e.getValue().toJson());
        }
        yield out;
      }
    };
  }

  private static String nonFinite(double d) {
    return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
  }

  /** The text of a scalar JSON has no literal for (binary as base64, dates ISO 8601). */
  private String scalarText() {
    return switch (value) {
      case byte[] b -> Base64.getEncoder().encodeToString(b);
      case LocalDateTime t -> t.toString().replace('T', ' ');
      case Instant t ->
          t.atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ') + "+00:00";
      default -> value.toString();
    };
  }

  /** Compact JSON text ({@code variant::varchar} and the output format). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    write(sb);
    return sb.toString();
  }

  private void write(StringBuilder sb) {
    switch (kind) {
      case NULL -> sb.append("null");
      case BOOLEAN, INT16, INT32, INT64 -> sb.append(value);
      case DOUBLE -> {
        double d = (Double) value;
        if (Double.isFinite(d)) {
          // a double keeps a fraction or exponent in its text, so that it reads back as one
          String t = PgText.formatFloat64(d);
          sb.append(t);
          if (t.indexOf('.') < 0 && t.indexOf('e') < 0) {
            sb.append(".0");
          }
        } else {
          Jsonb.quote(sb, nonFinite(d));
        }
      }
      case DECIMAL -> sb.append(((BigDecimal) value).toPlainString());
      case STRING -> Jsonb.quote(sb, (String) value);
      case BINARY, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> Jsonb.quote(sb, scalarText());
      case ARRAY -> {
        sb.append('[');
        List<Variant> l = elements();
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          l.get(i).write(sb);
        }
        sb.append(']');
      }
      case OBJECT -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Variant> e : fields().entrySet()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          Jsonb.quote(sb, e.getKey());
          sb.append(':');
          e.getValue().write(sb);
        }
        sb.append('}');
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Storage

  /** The canonical bytes: a tag per value, then its payload. Equal variants, equal bytes. */
  public byte[] serialize() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void write(DataOutputStream out) throws IOException {
    out.writeByte(kind.ordinal());
    switch (kind) {
      case NULL -> {}
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case INT16 -> out.writeShort((Short) value);
      case INT32 -> out.writeInt((Integer) value);
      case INT64 -> out.writeLong((Long) value);
      case DOUBLE -> out.writeLong(Double.doubleToLongBits((Double) value));
      case DECIMAL -> {
        BigDecimal d = (BigDecimal) value;
        out.writeInt(d.scale());
        writeBytes(out, d.unscaledValue().toByteArray());
      }
      case STRING ->
          writeBytes(out, ((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      case BINARY -> writeBytes(out, (byte[]) value);
      case DATE -> out.writeLong(((LocalDate) value).toEpochDay());
      case TIME -> out.writeLong(((LocalTime) value).toNanoOfDay());
      case TIMESTAMP -> {
        LocalDateTime t = (LocalDateTime) value;
        out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
        out.writeInt(t.getNano());
      }
      case TIMESTAMPTZ -> {
        Instant t = (Instant) value;
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
      }
      case ARRAY -> {
        out.writeInt(elements().size());
        for (Variant v : elements()) {
          v.write(out);
        }
      }
      case OBJECT -> {
        out.writeInt(fields().size());
        for (Map.Entry<String, Variant> e : fields().entrySet()) {
          writeBytes(out, e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          e.getValue().write(out);
        }
      }
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  /** The variant {@link #serialize()} gave these bytes for. */
  public static Variant deserialize(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Variant read(DataInputStream in) throws IOException {
    Kind k = Kind.values()[in.readUnsignedByte()];
    return switch (k) {
      case NULL -> NULL;
      case BOOLEAN -> scalar(in.readBoolean());
      case INT16 -> scalar(in.readShort());
      case INT32 -> scalar(in.readInt());
      case INT64 -> scalar(in.readLong());
      case DOUBLE -> scalar(Double.longBitsToDouble(in.readLong()));
      case DECIMAL -> {
        int scale = in.readInt();
        yield scalar(new BigDecimal(new BigInteger(readBytes(in)), scale));
      }
      case STRING -> scalar(new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8));
      case BINARY -> new Variant(Kind.BINARY, readBytes(in));
      case DATE -> scalar(LocalDate.ofEpochDay(in.readLong()));
      case TIME -> scalar(LocalTime.ofNanoOfDay(in.readLong()));
      case TIMESTAMP ->
          scalar(LocalDateTime.ofEpochSecond(in.readLong(), in.readInt(), ZoneOffset.UTC));
      case TIMESTAMPTZ -> scalar(Instant.ofEpochSecond(in.readLong(), in.readInt()));
      case ARRAY -> {
        int n = in.readInt();
        List<Variant> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(read(in));
        }
        yield array(l);
      }
      case OBJECT -> {
        int n = in.readInt();
        List<String> names = new ArrayList<>(n);
        List<Variant> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          names.add(new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8));
          values.add(read(in));
        }
        yield object(names, values);
      }
    };
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Variant v && Arrays.equals(serialize(), v.serialize());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(serialize());
  }

  /** Byte-wise order of the serialized forms, as RisingWave orders variants. */
  public static int compare(Variant a, Variant b) {
    return Arrays.compareUnsigned(a.serialize(), b.serialize());
  }
}

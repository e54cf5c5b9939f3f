package dev.patina.stream.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's text format for every {@link DataType}: what a DataRow carries for a column in
 * format 0, and what a client sends for a text parameter.
 *
 * <p>Output is RisingWave's, which is PostgreSQL's except in a few documented places:
 *
 * <ul>
 *   <li>floats print the shortest digits that read back exactly (as PostgreSQL 12+ does) but switch
 *       to exponent notation at other magnitudes: float64 prints {@code 1000000000000000} and
 *       {@code 0.00001} where PostgreSQL prints {@code 1e+15} and {@code 1e-05} (see {@link
 *       #formatFloat64(double)} and {@link #formatFloat32(float)});
 *   <li>fractional seconds print 3 or 6 digits ({@code 12:00:00.500}), not trimmed;
 *   <li>timestamptz prints its offset as {@code +00:00}, not {@code +00}, and drops the seconds of
 *       historical offsets ({@code -04:56} for PostgreSQL's {@code -04:56:02}).
 * </ul>
 *
 * Input accepts what PostgreSQL accepts for the common spellings of each type, including
 * PostgreSQL's own output.
 */
public final class PgText {
  private PgText() {}

  private static final HexFormat HEX = HexFormat.of();

  /** Encodes a non-null value, printing timestamptz in UTC. */
  public static String encode(DataType type, Object value) {
    return encode(type, value, ZoneOffset.UTC);
  }

  /** Encodes a non-null value, printing timestamptz in {@code zone} (the session's TimeZone). */
  public static String encode(DataType type, Object value, ZoneId zone) {
    StringBuilder sb = new StringBuilder();
    write(sb, type, value, zone);
    return sb.toString();
  }

  /** Encodes a non-null value into UTF-8 bytes. */
  public static byte[] encodeBytes(DataType type, Object value, ZoneId zone) {
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    return encode(type, value, zone).getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder sb, DataType type, Object value, ZoneId zone) {
    switch (type) {
      case ScalarType s -> writeScalar(sb, s, value, zone);
      case ListType l -> writeList(sb, l, (List<?>) value, zone);
      case StructType st -> writeStruct(sb, st, (StructValue) value, zone);
    }
  }

  private static void writeScalar(StringBuilder sb, ScalarType type, Object v, ZoneId zone) {
    switch (type) {
      case BOOLEAN -> sb.append((Boolean) v ? 't' : 'f');
      case INT16, INT32, INT64, SERIAL, INT256 -> sb.append(v);
      case FLOAT32 -> sb.append(formatFloat32((Float) v));
      case FLOAT64 -> sb.append(formatFloat64((Double) v));
      case DECIMAL -> {
        if (v instanceof BigDecimal d) {
          sb.append(d.toPlainString());
        } else {
          sb.append(v);
        }
      }
      case VARCHAR -> sb.append((String) v);
      case BYTEA -> sb.append("\\x").append(HEX.formatHex((byte[]) v));
      case DATE -> writeDate(sb, (LocalDate) v, true);
      case TIME -> writeTime(sb, (LocalTime) v);
      case TIMESTAMP -> {
        LocalDateTime t = (LocalDateTime) v;
        writeDate(sb, t.toLocalDate(), false);
        sb.append(' ');
        writeTime(sb, t.toLocalTime());
        if (t.getYear() <= 0) {
          sb.append(" BC");
        }
      }
      case TIMESTAMPTZ -> {
        ZonedDateTime z = ((Instant) v).atZone(zone);
        writeDate(sb, z.toLocalDate(), false);
        sb.append(' ');
        writeTime(sb, z.toLocalTime());
        int offset = z.getOffset().getTotalSeconds();
        sb.append(offset < 0 ? '-' : '+');
        offset = Math.abs(offset);
        Interval.twoDigits(sb, offset / 3600);
        sb.append(':');
        // Like RisingWave (chrono's %:z), seconds of historical local mean times are dropped:
        // -04:56:02 prints as -04:56 where PostgreSQL prints -04:56:02.
        Interval.twoDigits(sb, (offset / 60) % 60);
        if (z.getYear() <= 0) {
          sb.append(" BC");
        }
      }
      case INTERVAL, JSONB, VARIANT -> sb.append(v);
    }
  }

  private static void writeDate(StringBuilder sb, LocalDate d, boolean era) {
    int year = d.getYear();
    boolean bc = year <= 0;
    if (bc) {
      year = 1 - year;
    }
    if (year < 1000) {
      sb.append(year < 10 ? "000" : year < 100 ? "00" : "0");
    }
    sb.append(year).append('-');
    Interval.twoDigits(sb, d.getMonthValue());
    sb.append('-');
    Interval.twoDigits(sb, d.getDayOfMonth());
    if (era && bc) {
      sb.append(" BC");
    }
  }

  /** {@code HH:MM:SS} and, like chrono (RisingWave), 3, 6 or 9 fractional digits as needed. */
  private static void writeTime(StringBuilder sb, LocalTime t) {
    Interval.twoDigits(sb, t.getHour());
    sb.append(':');
    Interval.twoDigits(sb, t.getMinute());
    sb.append(':');
    Interval.twoDigits(sb, t.getSecond());
    int nano = t.getNano();
    if (nano == 0) {
      return;
    }
    String digits = Integer.toString(1_000_000_000 + nano).substring(1);
    if (nano % 1_000_000 == 0) {
      sb.append('.').append(digits, 0, 3);
    } else if (nano % 1000 == 0) {
      sb.append('.').append(digits, 0, 6);
    } else {
      sb.append('.').append(digits);
    }
  }

  /** RisingWave's array output: elements quoted when empty, "null", or holding special chars. */
  private static void writeList(StringBuilder sb, ListType type, List<?> list, ZoneId zone) {
    sb.append('{');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object e = list.get(i);
      if (e == null) {
        sb.append("NULL");
        continue;
      }
      String s = encode(type.element(), e, zone);
      boolean quote =
          !(type.element() instanceof ListType)
              && (s.isEmpty() || s.equalsIgnoreCase("null") || needsQuote(s, "{}"));
      if (quote) {
        quoteBackslash(sb, s);
      } else {
        sb.append(s);
      }
    }
    sb.append('}');
  }

  private static void writeStruct(
      StringBuilder sb, StructType type, StructValue value, ZoneId zone) {
    sb.append('(');
    for (int i = 0; i < type.fields().size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object f = value.fields().get(i);
      if (f == null) {
        continue;
      }
      String s = encode(type.fields().get(i).type(), f, zone);
      if (s.isEmpty() || needsQuote(s, "()")) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
          char c = s.charAt(k);
          if (c == '"') {
            sb.append("\"\"");
          } else if (c == '\\') {
            sb.append("\\\\");
          } else {
            sb.append(c);
          }
        }
        sb.append('"');
      } else {
        sb.append(s);
      }
    }
    sb.append(')');
  }

  private static boolean needsQuote(String s, String brackets) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"', '\\', ',', ' ', '\t', '\n', '\r', '\u000B', '\f' -> {
          return true;
        }
        default -> {
          if (brackets.indexOf(c) >= 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void quoteBackslash(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  // ---------------------------------------------------------------------------------------------
  // Floats

  /**
   * A float64 as RisingWave prints it: the shortest decimal that reads back as the same double (the
   * digits PostgreSQL 12+ prints too), in plain notation when the decimal exponent is within [-5,
   * 15] and as {@code 1.5e+16} / {@code 1e-06} otherwise; {@code NaN}, {@code Infinity}, {@code
   * -Infinity}, {@code -0}.
   */
  public static String formatFloat64(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
    }
    Ryu.Decimal r = Ryu.shortest(Math.abs(d));
    return (d < 0 ? "-" : "") + layout(r, 16, -5);
  }

  /** A float32 as RisingWave prints it: shortest digits, plain for exponents within [-6, 12]. */
  public static String formatFloat32(float f) {
    if (Float.isNaN(f)) {
      return "NaN";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "Infinity" : "-Infinity";
    }
    if (f == 0) {
      return Float.floatToRawIntBits(f) < 0 ? "-0" : "0";
    }
    Ryu.Decimal r = Ryu.shortest(Math.abs(f));
    return (f < 0 ? "-" : "") + layout(r, 13, -6);
  }

  /** Ryu's layout with RisingWave's touches (no ".0", exponent sign and two digits). */
  private static String layout(Ryu.Decimal v, int maxIntDigits, int minExponent) {
    String digits = Long.toString(v.mantissa());
    int length = digits.length();
    int k = v.exponent(); // v = digits * 10^k
    int kk = length + k; // 10^(kk-1) <= v < 10^kk
    StringBuilder sb = new StringBuilder();
    if (0 <= k && kk <= maxIntDigits) {
      sb.append(digits);
      sb.repeat('0', k);
    } else if (0 < kk && kk <= maxIntDigits) {
      sb.append(digits, 0, kk).append('.').append(digits, kk, length);
    } else if (minExponent < kk && kk <= 0) {
      sb.append("0.");
      sb.repeat('0', -kk);
      sb.append(digits);
    } else {
      sb.append(digits.charAt(0));
      if (length > 1) {
        sb.append('.').append(digits, 1, length);
      }
      int exp = kk - 1;
      sb.append('e').append(exp < 0 ? '-' : '+');
      if (Math.abs(exp) < 10) {
        sb.append('0');
      }
      sb.append(Math.abs(exp));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Decoding

  /** Decodes text input, reading timestamptz without an offset as UTC. */
  public static Object decode(DataType type, String text) {
    return decode(type, text, ZoneOffset.UTC);
  }

  /**
   * Decodes text input for {@code type}; a timestamptz without an offset is read in {@code zone}.
   *
   * @throws InvalidValueException if the text is not a valid value of the type
   */
  public static Object decode(DataType type, String text, ZoneId zone) {
    return switch (type) {
      case ScalarType s -> decodeScalar(s, text, zone);
      case ListType l -> new ArrayParser(l, text, zone).parse();
      case StructType s -> new RecordParser(s, text, zone).parse();
    };
  }

  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static Object decodeScalar(ScalarType type, String text, ZoneId zone) {
    String s = type == ScalarType.VARCHAR ? text : text.strip();
    try {
      return switch (type) {
        case BOOLEAN -> parseBoolean(s, text);
        case INT16 -> {
          long v = parseInteger(type, s, text);
          if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw InvalidValueException.outOfRange(type, text);
          }
          yield (short) v;
        }
        case INT32 -> {
          long v = parseInteger(type, s, text);
          if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw InvalidValueException.outOfRange(type, text);
          }
          yield (int) v;
        }
        case INT64, SERIAL -> parseInteger(type, s, text);
        case INT256 -> {
          if (!s.matches("[+-]?\\d+")) {
            throw InvalidValueException.syntax(type, text);
          }
          BigInteger v = new BigInteger(s);
          if (v.bitLength() > 255) {
            throw InvalidValueException.outOfRange(type, text);
          }
          yield v;
        }
        case FLOAT32 -> {
          Double special = floatSpecial(s);
          if (special != null) {
            yield special.floatValue();
          }
          checkFloat(type, s, text);
          float f = Float.parseFloat(s);
          if (Float.isInfinite(f) || (f == 0 && !isZero(s))) {
            throw InvalidValueException.outOfRange(type, text);
          }
          yield f;
        }
        case FLOAT64 -> {
          Double special = floatSpecial(s);
          if (special != null) {
            yield special;
          }
          checkFloat(type, s, text);
          double d = Double.parseDouble(s);
          if (Double.isInfinite(d) || (d == 0 && !isZero(s))) {
            throw InvalidValueException.outOfRange(type, text);
          }
          yield d;
        }
        case DECIMAL -> parseDecimal(s, text);
        case VARCHAR -> text;
        case BYTEA -> parseBytea(text);
        case DATE -> parseDate(s, text);
        case TIME -> parseTime(s, text, type);
        case TIMESTAMP -> parseTimestamp(s, text, zone, false);
        case TIMESTAMPTZ -> parseTimestamp(s, text, zone, true);
        case INTERVAL -> Interval.parse(text);
        case JSONB -> Jsonb.parse(text);
        case VARIANT -> Variant.parse(text);
      };
    } catch (DateTimeException | ArithmeticException e) {
      throw new InvalidValueException(
          InvalidValueException.DATETIME_OVERFLOW,
          "date/time field value out of range: \"" + text + "\"");
    }
  }

  private static boolean parseBoolean(String s, String text) {
    String l = s.toLowerCase(Locale.ROOT);
    if (!l.isEmpty()) {
      if ("true".startsWith(l) || "yes".startsWith(l) || l.equals("1") || l.equals("on")) {
        return true;
      }
      if ("false".startsWith(l)
          || "no".startsWith(l)
          || l.equals("0")
          || (l.length() >= 2 && "off".startsWith(l))) {
        return false;
      }
    }
    throw InvalidValueException.syntax(DataType.BOOLEAN, text);
  }

  private static long parseInteger(ScalarType type, String s, String text) {
    if (!s.matches("[+-]?\\d+")) {
      throw InvalidValueException.syntax(type, text);
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw InvalidValueException.outOfRange(type, text);
    }
  }

  private static Double floatSpecial(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan" -> Double.NaN;
      case "infinity", "+infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
      default -> null;
    };
  }

  private static void checkFloat(ScalarType type, String s, String text) {
    if (!FLOAT.matcher(s).matches()) {
      throw InvalidValueException.syntax(type, text);
    }
  }

  private static boolean isZero(String s) {
    int e = s.toLowerCase(Locale.ROOT).indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    for (int i = 0; i < mantissa.length(); i++) {
      char c = mantissa.charAt(i);
      if (c >= '1' && c <= '9') {
        return false;
      }
    }
    return true;
  }

  private static Object parseDecimal(String s, String text) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan" -> {
        return NonFiniteDecimal.NAN;
      }
      case "infinity", "+infinity", "inf", "+inf" -> {
        return NonFiniteDecimal.POSITIVE_INFINITY;
      }
      case "-infinity", "-inf" -> {
        return NonFiniteDecimal.NEGATIVE_INFINITY;
      }
      default -> {}
    }
    if (!FLOAT.matcher(s).matches()) {
      throw InvalidValueException.syntax(DataType.DECIMAL, text);
    }
    try {
      BigDecimal d = new BigDecimal(s);
      return d.scale() < 0 ? d.setScale(0) : d;
    } catch (NumberFormatException e) {
      throw InvalidValueException.outOfRange(DataType.DECIMAL, text);
    }
  }

  private static byte[] parseBytea(String text) {
    if (text.startsWith("\\x") || text.startsWith("\\X")) {
      String hex = text.substring(2).replaceAll("[ \\t\\n\\r]", "");
      if (hex.length() % 2 != 0) {
        throw new InvalidValueException(
            InvalidValueException.INVALID_TEXT, "invalid hexadecimal data: odd number of digits");
      }
      try {
        return HEX.parseHex(hex);
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException(
            InvalidValueException.INVALID_TEXT, "invalid hexadecimal digit in \"" + text + "\"");
      }
    }
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length);
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b != '\\') {
        out.write(b);
      } else if (i + 1 < raw.length && raw[i + 1] == '\\') {
        out.write('\\');
        i++;
      } else if (i + 3 < raw.length
          && isOctal(raw[i + 1], '3')
          && isOctal(raw[i + 2], '7')
          && isOctal(raw[i + 3], '7')) {
        out.write((raw[i + 1] - '0') * 64 + (raw[i + 2] - '0') * 8 + (raw[i + 3] - '0'));
        i += 3;
      } else {
        throw InvalidValueException.syntax(DataType.BYTEA, text);
      }
    }
    return out.toByteArray();
  }

  private static boolean isOctal(byte b, char max) {
    return b >= '0' && b <= max;
  }

  private static final Pattern DATE =
      Pattern.compile("(\\d{1,7})-(\\d{1,2})-(\\d{1,2})(?:\\s+(BC|AD))?", Pattern.CASE_INSENSITIVE);

  private static LocalDate parseDate(String s, String text) {
    Matcher m = DATE.matcher(s);
    if (!m.matches()) {
      throw new InvalidValueException(
          InvalidValueException.INVALID_DATETIME,
          "invalid input syntax for type date: \"" + text + "\"");
    }
    int year = Integer.parseInt(m.group(1));
    if (m.group(4) != null && m.group(4).equalsIgnoreCase("BC")) {
      year = 1 - year;
    }
    return LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  private static final Pattern TIME =
      Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?");

  private static LocalTime parseTime(String s, String text, DataType type) {
    Matcher m = TIME.matcher(s);
    if (!m.matches()) {
      throw new InvalidValueException(
          InvalidValueException.INVALID_DATETIME,
          "invalid input syntax for type " + type.sqlName() + ": \"" + text + "\"");
    }
    return time(m, 1);
  }

  private static LocalTime time(Matcher m, int group) {
    int hour = Integer.parseInt(m.group(group));
    int minute = Integer.parseInt(m.group(group + 1));
    int second = m.group(group + 2) == null ? 0 : Integer.parseInt(m.group(group + 2));
    long nanos = 0;
    String frac = m.group(group + 3);
    if (frac != null && !frac.isEmpty()) {
      // Round to microseconds, as PostgreSQL does.
      BigDecimal f = new BigDecimal("0." + frac).setScale(6, java.math.RoundingMode.HALF_EVEN);
      nanos = f.movePointRight(9).longValueExact();
    }
    LocalTime t = LocalTime.of(hour, minute, second);
    return nanos >= 1_000_000_000L ? t.plusSeconds(1) : t.plusNanos(nanos);
  }

  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "(\\d{1,7})-(\\d{1,2})-(\\d{1,2})"
              + "(?:[Tt ]\\s*(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?)?"
              + "\\s*(Z|z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|\\s(?!(?:BC|AD)$)[A-Za-z][A-Za-z0-9_/+-]*)?"
              + "(?:\\s+(BC|AD))?",
          Pattern.CASE_INSENSITIVE);

  private static Object parseTimestamp(String s, String text, ZoneId zone, boolean withZone) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.equals("epoch")) {
      return withZone ? Instant.EPOCH : LocalDateTime.of(1970, 1, 1, 0, 0);
    }
    Matcher m = TIMESTAMP.matcher(s);
    if (!m.matches()) {
      throw new InvalidValueException(
          InvalidValueException.INVALID_DATETIME,
          "invalid input syntax for type "
              + (withZone ? "timestamp with time zone" : "timestamp")
              + ": \""
              + text
              + "\"");
    }
    int year = Integer.parseInt(m.group(1));
    if (m.group(9) != null && m.group(9).equalsIgnoreCase("BC")) {
      year = 1 - year;
    }
    LocalDate date = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT : time(m, 4);
    LocalDateTime local = LocalDateTime.of(date, time);
    if (!withZone) {
      return local; // timestamp without time zone ignores a zone, as PostgreSQL does
    }
    String z = m.group(8);
    if (z == null) {
      return local.atZone(zone).toInstant();
    }
    z = z.strip();
    ZoneId id;
    if (z.equalsIgnoreCase("z") || z.equalsIgnoreCase("utc") || z.equalsIgnoreCase("gmt")) {
      id = ZoneOffset.UTC;
    } else if (z.startsWith("+") || z.startsWith("-")) {
      id = parseOffset(z);
    } else {
      try {
        id = ZoneId.of(z);
      } catch (DateTimeException e) {
        throw new InvalidValueException("22023", "time zone \"" + z + "\" not recognized");
      }
    }
    return local.atZone(id).toInstant();
  }

  private static ZoneOffset parseOffset(String z) {
    int sign = z.charAt(0) == '-' ? -1 : 1;
    String digits = z.substring(1).replace(":", "");
    int hours;
    int minutes = 0;
    int seconds = 0;
    if (digits.length() <= 2) {
      hours = Integer.parseInt(digits);
    } else {
      int h = digits.length() % 2 == 1 ? 1 : 2;
      hours = Integer.parseInt(digits.substring(0, h));
      minutes = Integer.parseInt(digits.substring(h, h + 2));
      if (digits.length() > h + 2) {
        seconds = Integer.parseInt(digits.substring(h + 2));
      }
    }
    return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
  }

  /** PostgreSQL's {@code array_isspace}: ASCII whitespace only. */
  private static boolean isArraySpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
  }

  private static String stripArraySpace(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && isArraySpace(s.charAt(b))) {
      b++;
    }
    while (e > b && isArraySpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(b, e);
  }

  /** Reads PostgreSQL's array text ({@code {1,"a b",NULL,{2}}}). */
  private static final class ArrayParser {
    private final ListType type;
    private final String s;
    private final ZoneId zone;
    private int pos;

    ArrayParser(ListType type, String s, ZoneId zone) {
      this.type = type;
      this.s = s;
      this.zone = zone;
    }

    InvalidValueException error() {
      return new InvalidValueException(
          InvalidValueException.INVALID_TEXT, "malformed array literal: \"" + s + "\"");
    }

    List<Object> parse() {
      skipSpace();
      List<Object> out = list(type, 0);
      skipSpace();
      if (pos != s.length()) {
        throw error();
      }
      return out;
    }

    void skipSpace() {
      while (pos < s.length() && isArraySpace(s.charAt(pos))) {
        pos++;
      }
    }

    List<Object> list(ListType t, int depth) {
      if (depth > 100 || pos >= s.length() || s.charAt(pos) != '{') {
        throw error();
      }
      pos++;
      List<Object> out = new ArrayList<>();
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        return out;
      }
      while (true) {
        skipSpace();
        if (pos >= s.length()) {
          throw error();
        }
        char c = s.charAt(pos);
        if (c == '{' && t.element() instanceof ListType inner) {
          out.add(list(inner, depth + 1));
        } else if (c == '"') {
          out.add(decode(t.element(), quoted(), zone));
        } else {
          int start = pos;
          while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != '}') {
            if (s.charAt(pos) == '"' || s.charAt(pos) == '{') {
              throw error();
            }
            pos++;
          }
          String raw = stripArraySpace(s.substring(start, pos));
          if (raw.isEmpty()) {
            throw error();
          }
          out.add(raw.equalsIgnoreCase("NULL") ? null : decode(t.element(), raw, zone));
        }
        skipSpace();
        if (pos >= s.length()) {
          throw error();
        }
        char d = s.charAt(pos++);
        if (d == '}') {
          return out;
        }
        if (d != ',') {
          throw error();
        }
      }
    }

    String quoted() {
      pos++;
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error();
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          if (pos >= s.length()) {
            throw error();
          }
          c = s.charAt(pos++);
        }
        sb.append(c);
      }
    }
  }

  /** Reads PostgreSQL's record text ({@code (1,"a b",)}). */
  private static final class RecordParser {
    private final StructType type;
    private final String s;
    private final ZoneId zone;
    private int pos;

    RecordParser(StructType type, String s, ZoneId zone) {
      this.type = type;
      this.s = s.strip();
      this.zone = zone;
    }

    InvalidValueException error() {
      return new InvalidValueException(
          InvalidValueException.INVALID_TEXT, "malformed record literal: \"" + s + "\"");
    }

    StructValue parse() {
      if (!s.startsWith("(")) {
        throw error();
      }
      pos = 1;
      List<Object> fields = new ArrayList<>();
      int n = type.fields().size();
      if (n == 0) {
        if (!s.equals("()")) {
          throw error();
        }
        return new StructValue(fields);
      }
      for (int i = 0; i < n; i++) {
        StringBuilder sb = new StringBuilder();
        boolean quotedAny = false;
        while (true) {
          if (pos >= s.length()) {
            throw error();
          }
          char c = s.charAt(pos);
          if (c == ',' || c == ')') {
            break;
          }
          pos++;
          if (c == '"') {
            quotedAny = true;
            while (true) {
              if (pos >= s.length()) {
                throw error();
              }
              char q = s.charAt(pos++);
              if (q == '"') {
                if (pos < s.length() && s.charAt(pos) == '"') {
                  sb.append('"');
                  pos++;
                  continue;
                }
                break;
              }
              if (q == '\\') {
                if (pos >= s.length()) {
                  throw error();
                }
                q = s.charAt(pos++);
              }
              sb.append(q);
            }
          } else if (c == '\\') {
            if (pos >= s.length()) {
              throw error();
            }
            sb.append(s.charAt(pos++));
          } else {
            sb.append(c);
          }
        }
        char sep = s.charAt(pos++);
        if (sb.isEmpty() && !quotedAny) {
          fields.add(null);
        } else {
          fields.add(decode(type.fields().get(i).type(), sb.toString(), zone));
        }
        if ((sep == ')') != (i == n - 1)) {
          throw error();
        }
      }
      if (pos != s.length()) {
        throw error();
      }
      return new StructValue(fields);
    }
  }
}

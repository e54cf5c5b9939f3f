package dev.patina.stream.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.PostgresProcess;
import dev.patina.stream.pgwire.RawClient;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Patina's encodings against a real PostgreSQL: for random values of every type PostgreSQL also
 * has, PostgreSQL reads Patina's text and answers with its own text and binary encodings.
 *
 * <ul>
 *   <li>Binary: PostgreSQL's bytes decode to the same value, and equal Patina's bytes (floats
 *       aside, whose NaN payloads PostgreSQL canonicalizes).
 *   <li>Text: equal to Patina's, except where RisingWave prints differently on purpose (float
 *       layout, fractional seconds, timestamptz offsets); there PostgreSQL's text must decode to
 *       the same value, and floats must have exactly the same shortest digits.
 * </ul>
 *
 * Skipped with a printed reason where PostgreSQL is not installed.
 */
@AddLifecycleHook(PostgresConformanceTest.NeedsPostgres.class)
class PostgresConformanceTest {
  /** Skips the whole container, with the reason, where PostgreSQL is not installed. */
  static final class NeedsPostgres implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      if (PostgresProcess.findBin() != null) {
        return SkipResult.doNotSkip();
      }
      String reason = "PostgreSQL is not installed (apt-get install postgresql-15)";
      System.out.println("PostgresConformanceTest skipped: " + reason);
      return SkipResult.skip(reason);
    }
  }

  private static final Set<ScalarType> TEXT_DIFFERS =
      Set.of(
          ScalarType.FLOAT32,
          ScalarType.FLOAT64,
          ScalarType.TIME,
          ScalarType.TIMESTAMP,
          ScalarType.TIMESTAMPTZ);

  private static PostgresProcess pg;
  private static RawClient client;
  private static final StructType ST = StructType.of("x", DataType.INT32, "y", DataType.VARCHAR);
  private static int checked;

  @BeforeContainer
  static void startPostgres() throws Exception {
    pg = PostgresProcess.start(PostgresProcess.findBin());
    client = new RawClient(pg.port);
    client.startup(Map.of("user", "postgres", "database", "postgres", "TimeZone", "UTC"));
    client.readUntilReady();
    client.query("create type patina_st as (x int4, y varchar)");
    client.readUntilReady();
  }

  @AfterContainer
  static void stopPostgres() throws Exception {
    if (pg != null) {
      System.out.println(
          "PostgresConformanceTest: " + checked + " values agree with " + pg.version.strip());
      client.close();
      pg.close();
    }
  }

  /** Every type PostgreSQL also has: scalars, lists of them, and a struct. */
  @Provide
  Arbitrary<Tuple.Tuple2<DataType, Object>> typedValues() {
    List<DataType> types = new ArrayList<>();
    for (ScalarType s : ScalarType.values()) {
      if (s != ScalarType.SERIAL && s != ScalarType.INT256 && s != ScalarType.VARIANT) {
        types.add(s);
        types.add(DataType.list(s));
      }
    }
    types.add(ST);
    return Arbitraries.of(types).flatMap(t -> Generators.values(t).map(v -> Tuple.of(t, v)));
  }

  @Property(tries = 3000)
  void encodingsMatchPostgres(@ForAll("typedValues") Tuple.Tuple2<DataType, Object> tv)
      throws IOException {
    String ours = PgText.encode(tv.get1(), tv.get2());
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(ours)) {
      return; // unpaired surrogates: not text PostgreSQL can hold
    }
    if (HUGE_HOURS.matcher(ours).find() && involvesInterval(tv.get1())) {
      return; // PostgreSQL cannot read back its own output past 2^31 hours
    }
    check(client, tv.get1(), tv.get2(), ours);
    checked++;
  }

  private static String pgType(DataType t) {
    return switch (t) {
      case ScalarType s ->
          switch (s) {
            case BOOLEAN -> "boolean";
            case INT16 -> "int2";
            case INT32 -> "int4";
            case INT64, SERIAL -> "int8";
            case FLOAT32 -> "float4";
            case FLOAT64 -> "float8";
            case DECIMAL -> "numeric";
            case VARCHAR -> "varchar";
            case BYTEA -> "bytea";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case INTERVAL -> "interval";
            case JSONB -> "jsonb";
            case INT256, VARIANT -> throw new IllegalArgumentException();
          };
      case ListType l -> pgType(l.element()) + "[]";
      case StructType s -> "patina_st";
    };
  }

  private static void check(RawClient c, DataType type, Object value, String ours)
      throws IOException {
    String name = pgType(type);
    c.send('P', body("", "select $1::" + name + ", $1::" + name, (short) 1, 25));
    byte[] param = ours.getBytes(StandardCharsets.UTF_8);
    c.send(
        'B',
        body("", "", (short) 0, (short) 1, param.length, param, (short) 2, (short) 0, (short) 1));
    c.send('E', body("", 0));
    c.send('S', new byte[0]);
    List<RawClient.Msg> msgs = c.readUntilReady();
    RawClient.Msg row = msgs.stream().filter(m -> m.type() == 'D').findFirst().orElse(null);
    String context = type + " value " + ours;
    assertTrue(
        row != null,
        () ->
            "PostgreSQL refused "
                + context
                + ": "
                + msgs.stream().filter(m -> m.type() == 'E').map(RawClient.Msg::fields).toList());
    ByteBuffer b = ByteBuffer.wrap(row.body());
    b.getShort();
    byte[] text = new byte[b.getInt()];
    b.get(text);
    byte[] binary = new byte[b.getInt()];
    b.get(binary);
    String theirs = new String(text, StandardCharsets.UTF_8);

    Object fromBinary = PgBinary.decode(type, binary);
    assertTrue(
        Values.equal(value, fromBinary),
        () -> context + ": PostgreSQL's binary decodes to " + fromBinary);
    if (!involvesFloat(type)) {
      assertEquals(
          java.util.HexFormat.of().formatHex(binary),
          java.util.HexFormat.of().formatHex(PgBinary.encode(type, value)),
          context);
    }
    Object fromText = PgText.decode(type, theirs);
    assertTrue(
        Values.equal(value, fromText),
        () -> context + ": PostgreSQL's text " + theirs + " decodes to " + fromText);
    if (type instanceof ScalarType s && (s == ScalarType.FLOAT32 || s == ScalarType.FLOAT64)) {
      // Ryū as PostgreSQL builds it (without accepting bounds) must give PostgreSQL's digits.
      assertEquals(digits(theirs), postgresDigits(value), context + " vs PostgreSQL's " + theirs);
    } else if (!textDiffers(type)) {
      assertEquals(theirs, ours, context);
    }
  }

  private static final java.util.regex.Pattern HUGE_HOURS =
      java.util.regex.Pattern.compile("\\d{10,}:");

  private static boolean involvesInterval(DataType t) {
    return t == DataType.INTERVAL || (t instanceof ListType l && involvesInterval(l.element()));
  }

  private static boolean involvesFloat(DataType t) {
    return t == DataType.FLOAT32
        || t == DataType.FLOAT64
        || (t instanceof ListType l && involvesFloat(l.element()));
  }

  private static boolean textDiffers(DataType t) {
    return switch (t) {
      case ScalarType s -> TEXT_DIFFERS.contains(s);
      case ListType l -> textDiffers(l.element());
      case StructType s -> false;
    };
  }

  private static String postgresDigits(Object v) {
    double d = v instanceof Float f ? f : (Double) v;
    if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
      return digits(PgText.encode(v instanceof Float ? DataType.FLOAT32 : DataType.FLOAT64, v));
    }
    Ryu.Decimal r =
        v instanceof Float f ? Ryu.shortest(Math.abs(f), false) : Ryu.shortest(Math.abs(d), false);
    return digits((d < 0 ? "-" : "") + r.mantissa() + "e" + r.exponent());
  }

  /** The significant digits and exponent of a float's text, whatever its layout. */
  private static String digits(String text) {
    if (!Character.isDigit(text.charAt(text.length() - 1))) {
      return text; // NaN, Infinity
    }
    BigDecimal d = new BigDecimal(text).stripTrailingZeros();
    return d.unscaledValue() + "e" + (-d.scale());
  }

  static byte[] body(Object... parts) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    for (Object o : parts) {
      switch (o) {
        case String s -> RawClient.cstr(d, s);
        case Short s -> d.writeShort(s);
        case Integer i -> d.writeInt(i);
        case byte[] bytes -> d.write(bytes);
        default -> throw new IllegalArgumentException(o.toString());
      }
    }
    return b.toByteArray();
  }
}

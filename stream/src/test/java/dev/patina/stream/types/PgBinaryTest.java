package dev.patina.stream.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class PgBinaryTest {
  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void knownEncodings() {
    // numeric 12345.678: ndigits 3, weight 1, sign +, dscale 3, digits 1 2345 6780
    assertEquals(
        "0003" + "0001" + "0000" + "0003" + "0001" + "0929" + "1a7c",
        hex(PgBinary.encode(DataType.DECIMAL, new BigDecimal("12345.678"))));
    assertEquals("0000000000000000", hex(PgBinary.encode(DataType.DECIMAL, BigDecimal.ZERO)));
    assertEquals("00000000c0000000", hex(PgBinary.encode(DataType.DECIMAL, NonFiniteDecimal.NAN)));
    assertEquals(
        "0001" + "fffe" + "4000" + "0008" + "0005", // -0.00000005
        hex(PgBinary.encode(DataType.DECIMAL, new BigDecimal("-0.00000005"))));
    assertEquals("00000000", hex(PgBinary.encode(DataType.DATE, LocalDate.of(2000, 1, 1))));
    assertEquals("ffffffff", hex(PgBinary.encode(DataType.DATE, LocalDate.of(1999, 12, 31))));
    assertEquals(
        "00000001"
            + "00000001"
            + "00000017"
            + "00000002"
            + "00000001"
            + "00000004"
            + "00000007"
            + "ffffffff",
        hex(PgBinary.encode(DataType.list(DataType.INT32), Arrays.asList(7, null))));
    assertEquals("017b7d", hex(PgBinary.encode(DataType.JSONB, Jsonb.parse("{}"))));
  }

  @Test
  void malformedInputIsRejectedNotCrashed() {
    assertThrows(InvalidValueException.class, () -> PgBinary.decode(DataType.INT32, new byte[3]));
    assertThrows(InvalidValueException.class, () -> PgBinary.decode(DataType.INT32, new byte[5]));
    assertThrows(
        InvalidValueException.class, () -> PgBinary.decode(DataType.BOOLEAN, new byte[] {2}));
    assertThrows(
        InvalidValueException.class,
        () -> PgBinary.decode(DataType.DECIMAL, HexFormat.of().parseHex("0001000000000000ffff")));
    assertThrows(
        InvalidValueException.class,
        () ->
            PgBinary.decode(
                DataType.list(DataType.INT32),
                HexFormat.of().parseHex("00000001000000000000001700ffffff00000001")));
    assertThrows(
        InvalidValueException.class,
        () -> PgBinary.decode(DataType.VARCHAR, new byte[] {(byte) 0xC3}));
  }

  @Provide
  Arbitrary<Tuple.Tuple2<DataType, Object>> typedValues() {
    return Generators.types(false).flatMap(t -> Generators.values(t).map(v -> Tuple.of(t, v)));
  }

  @Property(tries = 3000)
  void binaryRoundTrips(@ForAll("typedValues") Tuple.Tuple2<DataType, Object> tv) {
    DataType type = tv.get1();
    Object value = tv.get2();
    byte[] bytes = PgBinary.encode(type, value);
    Object back = PgBinary.decode(type, bytes);
    assertTrue(Values.equal(value, back), () -> type + ": " + value + " came back as " + back);
    assertArrayEquals(bytes, PgBinary.encode(type, back));
    if (type.typeLength() > 0) {
      assertEquals(type.typeLength(), bytes.length);
    }
  }

  @Property(tries = 2000)
  void randomBytesNeverThrowAnythingButInvalidValue(
      @ForAll("typedValues") Tuple.Tuple2<DataType, Object> tv, @ForAll byte[] junk) {
    try {
      PgBinary.decode(tv.get1(), junk);
    } catch (InvalidValueException expected) {
      // fine
    }
  }
}

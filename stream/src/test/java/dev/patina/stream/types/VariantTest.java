package dev.patina.stream.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The variant value: parsing, types, paths, text, jsonb and storage round trips. */
class VariantTest {
  @Test
  void jsonTextParsesAsParseJson() {
    assertEquals("int64", Variant.parse("1").typeName());
    assertEquals("double", Variant.parse("1.5").typeName());
    assertEquals("double", Variant.parse("1e2").typeName());
    assertEquals("string", Variant.parse("\"hello\"").typeName());
    assertEquals("boolean", Variant.parse("true").typeName());
    assertEquals("null", Variant.parse("null").typeName());
    assertEquals("array", Variant.parse("[1,2]").typeName());
    assertEquals("object", Variant.parse("{\"a\":1}").typeName());
    assertThrows(InvalidValueException.class, () -> Variant.parse("{"));
  }

  @Test
  void scalarsKeepTheirType() {
    assertEquals("int16", Variant.scalar((short) 1).typeName());
    assertEquals("int32", Variant.scalar(1).typeName());
    assertEquals("int64", Variant.scalar(1L).typeName());
    assertEquals("double", Variant.scalar(1.5f).typeName());
    assertEquals("decimal16", Variant.scalar(new BigDecimal("1.0")).typeName());
    assertEquals("date", Variant.scalar(LocalDate.of(2024, 1, 2)).typeName());
    assertEquals("binary", Variant.scalar(new byte[] {1}).typeName());
    // an int32 and an int64 of the same number are different variants
    assertNotEquals(Variant.scalar(1), Variant.scalar(1L));
  }

  @Test
  void textIsCompactJsonWithFieldsSortedByName() {
    Variant v = Variant.parse("{ \"b\": [1, 2], \"a\": 10 }");
    assertEquals("{\"a\":10,\"b\":[1,2]}", v.toString());
    assertEquals("\"plain\"", Variant.scalar("plain").toString());
    assertEquals("\"NaN\"", Variant.scalar(Double.NaN).toString());
    assertEquals("1.5", Variant.scalar(1.5).toString());
  }

  @Test
  void pathsReachFieldsAndElements() {
    Variant v = Variant.parse("{\"a\":[1,1.5,true,null,\"x\",{\"b\":[2]}]}");
    assertEquals("array", v.get("$.a").typeName());
    assertEquals("int64", v.get("$.a[0]").typeName());
    assertEquals("double", v.get("$.a[1]").typeName());
    assertEquals("null", v.get("$.a[3]").typeName());
    assertEquals("object", v.get("$.a[-1]").typeName());
    assertEquals("2", v.get("$.a[5].b[0]").toString());
    assertEquals("2", v.get("$[\"a\"][5][\"b\"][0]").toString());
    assertEquals(v, v.get("$"));
    assertNull(v.get("$.missing"));
    assertNull(v.get("$.a.b"));
    assertNull(v.get("$.a[9]"));
    assertNull(Variant.scalar("plain").get("$.a"));
    for (String bad : List.of("$.", "a", "", "$[x]", "$[1", "$a")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> v.get(bad), bad);
      assertTrue(e.getMessage().startsWith("invalid variant path"), e.getMessage());
    }
  }

  @Test
  void objectsRefuseDuplicateFieldNames() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Variant.object(List.of("a", "a"), List.of(Variant.NULL, Variant.NULL)));
  }

  @Test
  void jsonbRoundTrip() {
    Jsonb j = Jsonb.parse("{\"a\": [1, 2.5, \"s\", null, false]}");
    Variant v = Variant.fromJsonb(j);
    assertEquals("int64", v.get("$.a[0]").typeName());
    assertEquals("double", v.get("$.a[1]").typeName());
    assertEquals(j, v.toJsonb());
    assertEquals(Jsonb.parse("\"Infinity\""), Variant.scalar(Double.POSITIVE_INFINITY).toJsonb());
  }

  @Test
  void serializationRoundTripsAndDecidesEquality() {
    Variant v =
        Variant.object(
            List.of("n", "d", "s", "l"),
            List.of(
                Variant.scalar((short) -3),
                Variant.scalar(new BigDecimal("-12.340")),
                Variant.scalar("ü"),
                Variant.array(
                    List.of(
                        Variant.scalar(LocalDate.of(1999, 12, 31)),
                        Variant.scalar(java.time.Instant.ofEpochSecond(-5, 7000)),
                        Variant.NULL))));
    byte[] bytes = v.serialize();
    Variant back = Variant.deserialize(bytes);
    assertEquals(v, back);
    assertEquals(v.hashCode(), back.hashCode());
    assertArrayEquals(bytes, back.serialize());
    assertEquals(v.toString(), back.toString());
    assertEquals(0, Variant.compare(v, back));
    assertTrue(Variant.compare(Variant.scalar(1), Variant.scalar(2)) < 0);
  }

  @Test
  void textAndBinaryCodecs() {
    Variant v = Variant.parse("{\"a\":10}");
    assertEquals("{\"a\":10}", PgText.encode(DataType.VARIANT, v));
    assertEquals(v, PgText.decode(DataType.VARIANT, "{\"a\": 10}"));
    assertEquals(1307, DataType.VARIANT.oid());
    assertTrue(DataType.list(DataType.VARIANT).containsVariant());
    assertTrue(
        new StructType(List.of(new StructType.Field("v", DataType.VARIANT))).containsVariant());
    assertEquals(false, DataType.JSONB.containsVariant());
  }
}

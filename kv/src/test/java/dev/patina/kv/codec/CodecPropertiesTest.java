package dev.patina.kv.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CodecPropertiesTest {

  @Property(tries = 500)
  void memcomparableRoundTrips(@ForAll @Size(max = 40) byte[] key) {
    byte[] enc = MemComparable.encode(key);
    assertEquals(MemComparable.encodedLength(key.length), enc.length);
    assertArrayEquals(key, MemComparable.decodeAll(enc));
  }

  @Property(tries = 1000)
  void memcomparablePreservesOrder(
      @ForAll @Size(max = 20) byte[] a, @ForAll @Size(max = 20) byte[] b) {
    int raw = Integer.signum(Arrays.compareUnsigned(a, b));
    int enc =
        Integer.signum(Arrays.compareUnsigned(MemComparable.encode(a), MemComparable.encode(b)));
    assertEquals(raw, enc);
  }

  @Property(tries = 1000)
  void orderHoldsWithTimestampsAppended(
      @ForAll @Size(max = 12) byte[] a,
      @ForAll @Size(max = 12) byte[] b,
      @ForAll long ta,
      @ForAll long tb) {
    // key ++ !ts: all versions of a key sort together, newest (largest ts) first.
    byte[] ka = new ByteWriter().put(MemComparable.encode(a)).putU64Desc(ta).toByteArray();
    byte[] kb = new ByteWriter().put(MemComparable.encode(b)).putU64Desc(tb).toByteArray();
    int c = Integer.signum(Arrays.compareUnsigned(ka, kb));
    int keys = Integer.signum(Arrays.compareUnsigned(a, b));
    if (keys != 0) {
      assertEquals(keys, c);
    } else {
      assertEquals(Integer.signum(Long.compareUnsigned(tb, ta)), c);
    }
  }

  @Test
  void knownEncodingsMatchTikv() {
    // From tikv_util::codec::bytes tests.
    HexFormat h = HexFormat.of();
    assertEquals("0000000000000000f7", h.formatHex(MemComparable.encode(new byte[0])));
    assertEquals("0000000000000000f8", h.formatHex(MemComparable.encode(new byte[] {0})));
    assertEquals("0102030000000000fa", h.formatHex(MemComparable.encode(new byte[] {1, 2, 3})));
    assertEquals(
        "0102030405060708ff0000000000000000f7",
        h.formatHex(MemComparable.encode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
  }

  @Test
  void badPaddingIsRejected() {
    byte[] enc = MemComparable.encode(new byte[] {1, 2, 3});
    enc[5] = 9;
    assertThrows(CodecException.class, () -> MemComparable.decodeAll(enc));
    assertThrows(CodecException.class, () -> MemComparable.decodeAll(new byte[] {1, 2}));
    byte[] marker = MemComparable.encode(new byte[] {1});
    marker[8] = (byte) 0x10;
    assertThrows(CodecException.class, () -> MemComparable.decodeAll(marker));
  }

  @Property(tries = 1000)
  void varIntsRoundTrip(@ForAll long v) {
    byte[] u = new ByteWriter().putVarU64(v).toByteArray();
    assertEquals(v, new ByteReader(u).getVarU64());
    byte[] i = new ByteWriter().putVarI64(v).toByteArray();
    assertEquals(v, new ByteReader(i).getVarI64());
    assertTrue(u.length <= 10);
  }

  @Test
  void knownVarInts() {
    HexFormat h = HexFormat.of();
    assertEquals("ac02", h.formatHex(new ByteWriter().putVarU64(300).toByteArray()));
    assertEquals("01", h.formatHex(new ByteWriter().putVarI64(-1).toByteArray()));
    assertEquals("02", h.formatHex(new ByteWriter().putVarI64(1).toByteArray()));
    assertEquals(
        "ffffffffffffffffff01", h.formatHex(new ByteWriter().putVarU64(-1L).toByteArray()));
    assertThrows(CodecException.class, () -> new ByteReader(new byte[] {(byte) 0x80}).getVarU64());
  }
}

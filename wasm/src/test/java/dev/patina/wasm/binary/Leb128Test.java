package dev.patina.wasm.binary;

import static dev.patina.wasm.binary.WasmBytes.bytes;
import static dev.patina.wasm.binary.WasmBytes.concat;
import static dev.patina.wasm.binary.WasmBytes.sleb;
import static dev.patina.wasm.binary.WasmBytes.uleb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.MalformedException;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** LEB128 edges: round trips at every bit length, and the spec's errors for bad encodings. */
class Leb128Test {
  private static BinaryReader reader(byte[] b) {
    return new BinaryReader(b);
  }

  /** A value with exactly {@code bits} significant bits, from random bits. */
  private static long withBitLength(long random, int bits) {
    if (bits == 0) {
      return 0;
    }
    long v = bits == 64 ? random : random & ((1L << bits) - 1);
    return v | 1L << (bits - 1);
  }

  @Property
  void u32RoundTripsAtEveryBitLength(@ForAll long random, @ForAll @IntRange(max = 32) int bits) {
    long v = withBitLength(random, bits);
    BinaryReader r = reader(uleb(v));
    assertEquals((int) v, r.u32());
    assertTrue(r.atEnd());
  }

  @Property
  void s32RoundTripsAtEveryBitLength(@ForAll long random, @ForAll @IntRange(max = 32) int bits) {
    int v = (int) withBitLength(random, bits);
    BinaryReader r = reader(sleb(v));
    assertEquals(v, r.s32());
    assertTrue(r.atEnd());
  }

  @Property
  void s64RoundTripsAtEveryBitLength(@ForAll long random, @ForAll @IntRange(max = 64) int bits) {
    long v = withBitLength(random, bits);
    BinaryReader r = reader(sleb(v));
    assertEquals(v, r.s64());
    assertTrue(r.atEnd());
  }

  @Property
  void s33RoundTrips(@ForAll @IntRange(min = -(1 << 30), max = 1 << 30) int small, @ForAll long r) {
    long v = (r & 1) == 0 ? small : (r >> 31); // also values beyond 32 bits
    v = Math.max(Math.min(v, (1L << 32) - 1), -(1L << 32));
    assertEquals(v, reader(sleb(v)).s33());
  }

  /** Padding with redundant 0x80 / 0xFF groups is allowed up to the maximal length. */
  @Property
  void paddedEncodingsWithinMaximalLengthAreAccepted(@ForAll @IntRange(max = 127) int v) {
    byte[] padded = bytes(v | 0x80, 0x80, 0x80, 0x80, 0x00);
    assertEquals(v, reader(padded).u32());
  }

  @Property
  void overlongU32IsTooLong(@ForAll @IntRange(max = 15) int lastBits) {
    byte[] b = bytes(0x80, 0x80, 0x80, 0x80, 0x80 | lastBits, 0x00);
    assertMalformed("integer representation too long", () -> reader(b).u32());
  }

  @Property
  void oversizedU32IsTooLarge(@ForAll @IntRange(min = 16, max = 127) int lastBits) {
    // The fifth byte may only carry 4 bits; the check comes before the continuation bit's.
    byte[] b = bytes(0xFF, 0xFF, 0xFF, 0xFF, lastBits);
    assertMalformed("integer too large", () -> reader(b).u32());
    byte[] c = bytes(0xFF, 0xFF, 0xFF, 0xFF, lastBits | 0x80, 0x00);
    assertMalformed("integer too large", () -> reader(c).u32());
  }

  @Test
  void signedLastByteMustSignExtend() {
    assertEquals(-1, reader(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x7F)).s32());
    assertEquals(Integer.MIN_VALUE, reader(bytes(0x80, 0x80, 0x80, 0x80, 0x78)).s32());
    assertMalformed("integer too large", () -> reader(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x4F)).s32());
    assertMalformed("integer too large", () -> reader(bytes(0x80, 0x80, 0x80, 0x80, 0x70)).s32());
    assertMalformed("integer too large", () -> reader(bytes(0x80, 0x80, 0x80, 0x80, 0x1F)).s32());
    assertMalformed(
        "integer representation too long",
        () -> reader(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)).s32());
    byte[] s64Max = concat(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00));
    assertEquals(Long.MAX_VALUE, reader(s64Max).s64());
    byte[] s64Bad = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
    assertMalformed("integer too large", () -> reader(s64Bad).s64());
    byte[] s64Long = bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
    assertMalformed("integer representation too long", () -> reader(s64Long).s64());
  }

  @Property
  void truncatedEncodingsAreUnexpectedEnd(@ForAll long v, @ForAll @IntRange(min = 1) int cut) {
    byte[] full = sleb(v);
    byte[] truncated = Arrays.copyOf(full, Math.max(0, full.length - 1 - cut % full.length));
    assertMalformed("unexpected end", () -> reader(truncated).s64());
  }

  @Test
  void lengthIsCheckedAgainstTheBytesLeft() {
    assertMalformed("length out of bounds", () -> reader(bytes(0x05, 1, 2, 3)).length());
    assertEquals(3, reader(bytes(0x03, 1, 2, 3)).length());
  }

  @Test
  void namesMustBeUtf8() {
    assertEquals("é", reader(bytes(2, 0xC3, 0xA9)).name());
    assertMalformed("malformed UTF-8 encoding", () -> reader(bytes(2, 0xC0, 0x80)).name());
    assertMalformed("malformed UTF-8 encoding", () -> reader(bytes(3, 0xED, 0xA0, 0x80)).name());
    assertMalformed(
        "malformed UTF-8 encoding", () -> reader(bytes(4, 0xF4, 0x90, 0x80, 0x80)).name());
  }

  static void assertMalformed(String reason, Runnable action) {
    MalformedException e = assertThrows(MalformedException.class, action::run);
    assertEquals(reason, e.reason().substring(0, Math.min(reason.length(), e.reason().length())));
  }
}

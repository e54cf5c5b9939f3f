package dev.patina.wasm.text;

import dev.patina.wasm.ValType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes the primitive encodings of the binary format: bytes, LEB128
 * integers, little-endian floats, length-prefixed names and vectors. The mirror image of {@link
 * dev.patina.wasm.binary.BinaryReader}.
 */
public final class BinaryWriter {
  private byte[] buf;
  private int size;

  public BinaryWriter() {
    this(64);
  }

  public BinaryWriter(int capacity) {
    buf = new byte[Math.max(capacity, 16)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public int size() {
    return size;
  }

  public void reset() {
    size = 0;
  }

  public BinaryWriter u8(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  /** An unsigned LEB128 of the 32-bit pattern {@code v}. */
  public BinaryWriter u32(int v) {
    return u64(v & 0xFFFFFFFFL);
  }

  /** An unsigned LEB128 of the 64-bit pattern {@code v}. */
  public BinaryWriter u64(long v) {
    ensure(10);
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      buf[size++] = (byte) (v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  /** A signed LEB128 (s32, s33 and s64 all use this: the shortest form of {@code v}). */
  public BinaryWriter s64(long v) {
    ensure(10);
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      buf[size++] = (byte) (done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  public BinaryWriter s32(int v) {
    return s64(v);
  }

  public BinaryWriter f32(int bits) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[size++] = (byte) (bits >>> (8 * i));
    }
    return this;
  }

  public BinaryWriter f64(long bits) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (bits >>> (8 * i));
    }
    return this;
  }

  public BinaryWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  public BinaryWriter bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
    return this;
  }

  /** The contents of another writer. */
  public BinaryWriter bytes(BinaryWriter other) {
    return bytes(other.buf, 0, other.size);
  }

  /** A length-prefixed byte string (a name or a data segment's bytes). */
  public BinaryWriter vec(byte[] b) {
    u32(b.length);
    return bytes(b);
  }

  /** A length-prefixed copy of another writer's contents (a section or a function body). */
  public BinaryWriter sized(BinaryWriter other) {
    u32(other.size);
    return bytes(other);
  }

  public BinaryWriter name(String s) {
    return vec(s.getBytes(StandardCharsets.UTF_8));
  }

  public BinaryWriter valType(ValType t) {
    return u8(t.code());
  }

  /** Appends this writer's bytes from {@code from} on to {@code out} and drops them here. */
  public void moveTail(int from, BinaryWriter out) {
    out.bytes(buf, from, size - from);
    size = from;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}

package dev.patina.wasm.binary;

import dev.patina.wasm.MalformedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the primitive encodings of the binary format (bytes, LEB128 integers, IEEE floats, names)
 * from a byte array, within a window {@code [position, limit)}. Every error is a {@link
 * MalformedException} naming the byte offset, with the specification's wording.
 */
public class BinaryReader {
  protected final byte[] bytes;
  protected int position;
  protected int limit;

  public BinaryReader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  public BinaryReader(byte[] bytes, int position, int limit) {
    this.bytes = bytes;
    this.position = position;
    this.limit = limit;
  }

  public byte[] bytes() {
    return bytes;
  }

  public int position() {
    return position;
  }

  public void position(int newPosition) {
    this.position = newPosition;
  }

  public int limit() {
    return limit;
  }

  public void limit(int newLimit) {
    this.limit = newLimit;
  }

  public boolean atEnd() {
    return position >= limit;
  }

  public int remaining() {
    return limit - position;
  }

  /** A malformed-module error at the current position. */
  public MalformedException error(String reason) {
    return error(reason, position);
  }

  public static MalformedException error(String reason, int offset) {
    return new MalformedException(reason, "byte offset 0x" + Integer.toHexString(offset));
  }

  /**
   * The reference interpreter's wording for running out of bytes, wherever it happens; spec tests
   * that expect the shorter "unexpected end" match it as a prefix.
   */
  public static final String UNEXPECTED_END = "unexpected end of section or function";

  public int u8() {
    if (position >= limit) {
      throw error(UNEXPECTED_END);
    }
    return bytes[position++] & 0xFF;
  }

  public int peekU8() {
    if (position >= limit) {
      throw error(UNEXPECTED_END);
    }
    return bytes[position] & 0xFF;
  }

  /** An unsigned 32-bit LEB128; the result is the bit pattern (compare unsigned). */
  public int u32() {
    return (int) unsigned(32);
  }

  /** An unsigned 32-bit LEB128 that must fit in a non-negative int (a count or a size). */
  public int u32AsInt(String what) {
    int start = position;
    int v = u32();
    if (v < 0) {
      throw error(what + " too large", start);
    }
    return v;
  }

  /** A signed 32-bit LEB128. */
  public int s32() {
    return (int) signed(32);
  }

  /** A signed 33-bit LEB128 (block types). */
  public long s33() {
    return signed(33);
  }

  /** A signed 64-bit LEB128. */
  public long s64() {
    return signed(64);
  }

  /** An unsigned 64-bit LEB128 (memory64 limits and offsets). */
  public long u64() {
    return unsigned(64);
  }

  /**
   * An unsigned LEB128 of at most {@code bits} bits (1..64). As in the specification, the last
   * possible byte must not carry bits beyond the width ("integer too large", checked first) nor a
   * continuation bit ("integer representation too long").
   */
  public long unsigned(int bits) {
    long result = 0;
    int start = position;
    for (int shift = 0; ; shift += 7) {
      if (position >= limit) {
        throw error(UNEXPECTED_END, start);
      }
      int b = bytes[position++] & 0xFF;
      int remainingBits = bits - shift; // value bits this byte may still carry
      if (remainingBits < 7 && (b & 0x7F) >= 1 << remainingBits) {
        throw error("integer too large", position - 1);
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      if (remainingBits <= 7) {
        throw error("integer representation too long", position);
      }
    }
  }

  /**
   * A signed LEB128 of at most {@code bits} bits (1..64), sign-extended. In the last possible byte,
   * the unused bits must all equal the sign bit ("integer too large", checked first) and the
   * continuation bit must be clear ("integer representation too long").
   */
  private long signed(int bits) {
    long result = 0;
    int start = position;
    for (int shift = 0; ; shift += 7) {
      if (position >= limit) {
        throw error(UNEXPECTED_END, start);
      }
      int b = bytes[position++] & 0xFF;
      int remainingBits = bits - shift;
      if (remainingBits < 7) {
        // The sign bit and every bit above it, within the 7 payload bits.
        int mask = (-1 << (remainingBits - 1)) & 0x7F;
        if ((b & mask) != 0 && (b & mask) != mask) {
          throw error("integer too large", position - 1);
        }
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        int width = shift + 7;
        if (width < 64 && (b & 0x40) != 0) {
          result |= -1L << width;
        }
        return result;
      }
      if (remainingBits <= 7) {
        throw error("integer representation too long", position);
      }
    }
  }

  public int f32Bits() {
    if (limit - position < 4) {
      position = limit;
      throw error(UNEXPECTED_END);
    }
    int v =
        (bytes[position] & 0xFF)
            | (bytes[position + 1] & 0xFF) << 8
            | (bytes[position + 2] & 0xFF) << 16
            | (bytes[position + 3] & 0xFF) << 24;
    position += 4;
    return v;
  }

  public long f64Bits() {
    long lo = f32Bits() & 0xFFFFFFFFL;
    long hi = f32Bits() & 0xFFFFFFFFL;
    return lo | hi << 32;
  }

  public byte[] bytes(int n) {
    if (n < 0 || limit - position < n) {
      throw error(UNEXPECTED_END);
    }
    byte[] out = new byte[n];
    System.arraycopy(bytes, position, out, 0, n);
    position += n;
    return out;
  }

  /**
   * A vector length or byte count: an unsigned 32-bit LEB128 that cannot exceed the bytes left,
   * counted from the length's own first byte as the reference interpreter does ("length out of
   * bounds"). This also bounds what a decoder allocates for a hostile count.
   */
  public int length() {
    int start = position;
    long n = u32() & 0xFFFFFFFFL;
    if (n > limit - start) {
      throw error("length out of bounds", start);
    }
    return (int) n;
  }

  /** A length-prefixed UTF-8 name. */
  public String name() {
    int start = position;
    int length = length();
    if (length > limit - position) {
      throw error(UNEXPECTED_END, start);
    }
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, position, length))
              .toString();
      position += length;
      return s;
    } catch (CharacterCodingException e) {
      throw error("malformed UTF-8 encoding", start);
    }
  }
}

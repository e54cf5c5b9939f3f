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

  public int u8() {
    if (position >= limit) {
      throw error("unexpected end");
    }
    return bytes[position++] & 0xFF;
  }

  public int peekU8() {
    if (position >= limit) {
      throw error("unexpected end");
    }
    return bytes[position] & 0xFF;
  }

  /** An unsigned 32-bit LEB128; the result is the bit pattern (compare unsigned). */
  public int u32() {
    long result = 0;
    int shift = 0;
    int start = position;
    while (true) {
      if (position >= limit) {
        throw error("unexpected end", start);
      }
      int b = bytes[position++] & 0xFF;
      if (shift == 28 && (b & 0x70) != 0) {
        throw error(
            (b & 0x80) != 0 ? "integer representation too long" : "integer too large", start);
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (int) result;
      }
      shift += 7;
      if (shift > 28) {
        throw error("integer representation too long", start);
      }
    }
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
    long result = 0;
    int shift = 0;
    int start = position;
    while (true) {
      if (position >= limit) {
        throw error("unexpected end", start);
      }
      int b = bytes[position++] & 0xFF;
      if (shift == 63 && (b & 0x7E) != 0) {
        throw error(
            (b & 0x80) != 0 ? "integer representation too long" : "integer too large", start);
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
      if (shift > 63) {
        throw error("integer representation too long", start);
      }
    }
  }

  private long signed(int bits) {
    long result = 0;
    int shift = 0;
    int start = position;
    int maxBytes = (bits + 6) / 7;
    for (int i = 0; ; i++) {
      if (position >= limit) {
        throw error("unexpected end", start);
      }
      int b = bytes[position++] & 0xFF;
      if (i == maxBytes - 1) {
        // The last byte: the bits beyond the width must all equal the sign bit.
        int used = bits - 7 * i; // value bits in this byte, 1..7
        if ((b & 0x80) != 0) {
          throw error("integer representation too long", start);
        }
        int extraBits = 7 - used;
        int signAndExtra = (b >> (used - 1)) & 0x7F;
        if (signAndExtra != 0 && signAndExtra != (1 << (extraBits + 1)) - 1) {
          throw error("integer too large", start);
        }
        result |= (long) (b & 0x7F) << shift;
        shift += 7;
        if (shift < 64) {
          result = (result << (64 - shift)) >> (64 - shift);
        }
        return bits == 64 ? result : (result << (64 - bits)) >> (64 - bits);
      }
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        if (shift < 64 && (b & 0x40) != 0) {
          result |= -1L << shift;
        }
        return result;
      }
    }
  }

  public int f32Bits() {
    if (limit - position < 4) {
      position = limit;
      throw error("unexpected end");
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
      throw error("unexpected end");
    }
    byte[] out = new byte[n];
    System.arraycopy(bytes, position, out, 0, n);
    position += n;
    return out;
  }

  /** A length-prefixed UTF-8 name. */
  public String name() {
    int start = position;
    int length = u32();
    if (length < 0 || limit - position < length) {
      throw error(length < 0 ? "length out of bounds" : "unexpected end", start);
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

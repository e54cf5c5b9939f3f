package dev.patina.kv.codec;

import java.util.Arrays;

/** A cursor over bytes that decodes what {@link ByteWriter} encodes; never reads past the end. */
public final class ByteReader {
  private final byte[] data;
  private int pos;
  private final int end;

  public ByteReader(byte[] data) {
    this(data, 0, data.length);
  }

  public ByteReader(byte[] data, int off, int end) {
    this.data = data;
    this.pos = off;
    this.end = end;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  public int remaining() {
    return end - pos;
  }

  public int position() {
    return pos;
  }

  public int get() {
    if (pos >= end) {
      throw new CodecException("unexpected end of data");
    }
    return data[pos++] & 0xff;
  }

  public byte[] getBytes(int n) {
    if (n < 0 || n > end - pos) {
      throw new CodecException("unexpected end of data: need " + n + " bytes, have " + (end - pos));
    }
    byte[] out = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  public long getU64() {
    if (end - pos < 8) {
      throw new CodecException("unexpected end of data: need 8 bytes for u64");
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (data[pos + i] & 0xffL);
    }
    pos += 8;
    return v;
  }

  public long getU64Desc() {
    return ~getU64();
  }

  /** TiKV's {@code decode_var_u64}: at most 10 bytes, the 10th at most 1. */
  public long getVarU64() {
    long res = 0;
    for (int i = 0; i < 10; i++) {
      if (pos >= end) {
        throw new CodecException("unexpected end of data in var-int");
      }
      int b = data[pos++] & 0xff;
      if (i == 9 && b > 1) {
        throw new CodecException("var-int overflows u64");
      }
      res |= (long) (b & 0x7f) << (7 * i);
      if (b < 0x80) {
        return res;
      }
    }
    throw new CodecException("var-int overflows u64");
  }

  public long getVarI64() {
    long v = getVarU64();
    long vx = v >>> 1;
    return (v & 1) == 0 ? vx : ~vx;
  }

  public byte[] getCompactBytes() {
    long n = getVarI64();
    if (n < 0 || n > end - pos) {
      throw new CodecException("compact bytes length " + n + " exceeds the data left");
    }
    return getBytes((int) n);
  }
}

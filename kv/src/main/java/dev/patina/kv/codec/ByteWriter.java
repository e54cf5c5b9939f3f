package dev.patina.kv.codec;

import java.util.Arrays;

/**
 * A growable byte buffer with TiKV's number encodings: big-endian {@code u64}, the descending
 * {@code u64} (bitwise NOT, so larger numbers sort first), LEB128 var-ints and TiKV's zig-zag
 * {@code var_i64}.
 */
public final class ByteWriter {
  private byte[] buf;
  private int len;

  public ByteWriter(int capacity) {
    buf = new byte[Math.max(capacity, 8)];
  }

  public ByteWriter() {
    this(32);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  public ByteWriter put(int b) {
    ensure(1);
    buf[len++] = (byte) b;
    return this;
  }

  public ByteWriter put(byte[] bytes) {
    return put(bytes, 0, bytes.length);
  }

  public ByteWriter put(byte[] bytes, int off, int n) {
    ensure(n);
    System.arraycopy(bytes, off, buf, len, n);
    len += n;
    return this;
  }

  /** Big-endian unsigned 64-bit number (TiKV's {@code encode_u64}). */
  public ByteWriter putU64(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[len + i] = (byte) v;
      v >>>= 8;
    }
    len += 8;
    return this;
  }

  /** Descending 64-bit number (TiKV's {@code encode_u64_desc}: {@code !v}, big-endian). */
  public ByteWriter putU64Desc(long v) {
    return putU64(~v);
  }

  /** LEB128 unsigned var-int (TiKV's {@code encode_var_u64}). */
  public ByteWriter putVarU64(long v) {
    ensure(10);
    while (Long.compareUnsigned(v, 0x80) >= 0) {
      buf[len++] = (byte) (v | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
    return this;
  }

  /** Zig-zag signed var-int (TiKV's {@code encode_var_i64}). */
  public ByteWriter putVarI64(long v) {
    long vx = v << 1;
    if (v < 0) {
      vx = ~vx;
    }
    return putVarU64(vx);
  }

  /** Length-prefixed bytes (TiKV's {@code encode_compact_bytes}: var_i64 length, then data). */
  public ByteWriter putCompactBytes(byte[] data) {
    putVarI64(data.length);
    return put(data);
  }

  public int length() {
    return len;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }
}

package dev.patina.stream.state;

import java.util.Arrays;

/** A growable byte array for building keys and values. */
final class ByteBuf {
  private byte[] buf;
  private int len;

  ByteBuf(int capacity) {
    buf = new byte[Math.max(capacity, 8)];
  }

  ByteBuf() {
    this(32);
  }

  int length() {
    return len;
  }

  void reset() {
    len = 0;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  void put(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  void put(byte[] b) {
    put(b, 0, b.length);
  }

  void put(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  void putInt(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  /** Inverts the bytes from {@code from} to the end (descending order). */
  void invertFrom(int from) {
    for (int i = from; i < len; i++) {
      buf[i] = (byte) ~buf[i];
    }
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, len);
  }
}

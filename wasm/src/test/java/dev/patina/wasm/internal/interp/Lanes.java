package dev.patina.wasm.internal.interp;

/**
 * Test helper: a v128 as two longs (bytes 0-7, bytes 8-15, little-endian) converted to and from
 * plain lane arrays, the representation the reference model works on. Float lanes are kept as raw
 * bits so that NaN payloads are never touched by the conversion.
 */
final class Lanes {
  private Lanes() {}

  static byte[] i8(long[] v) {
    byte[] r = new byte[16];
    for (int i = 0; i < 16; i++) {
      r[i] = (byte) (v[i / 8] >>> (8 * (i % 8)));
    }
    return r;
  }

  static long[] ofI8(byte[] x) {
    long[] v = new long[2];
    for (int i = 0; i < 16; i++) {
      v[i / 8] |= (x[i] & 0xFFL) << (8 * (i % 8));
    }
    return v;
  }

  static short[] i16(long[] v) {
    short[] r = new short[8];
    for (int i = 0; i < 8; i++) {
      r[i] = (short) (v[i / 4] >>> (16 * (i % 4)));
    }
    return r;
  }

  static long[] ofI16(short[] x) {
    long[] v = new long[2];
    for (int i = 0; i < 8; i++) {
      v[i / 4] |= (x[i] & 0xFFFFL) << (16 * (i % 4));
    }
    return v;
  }

  static int[] i32(long[] v) {
    int[] r = new int[4];
    for (int i = 0; i < 4; i++) {
      r[i] = (int) (v[i / 2] >>> (32 * (i % 2)));
    }
    return r;
  }

  static long[] ofI32(int[] x) {
    long[] v = new long[2];
    for (int i = 0; i < 4; i++) {
      v[i / 2] |= (x[i] & 0xFFFF_FFFFL) << (32 * (i % 2));
    }
    return v;
  }

  static long[] i64(long[] v) {
    return v.clone();
  }

  static float f32(int bits) {
    return Float.intBitsToFloat(bits);
  }

  static double f64(long bits) {
    return Double.longBitsToDouble(bits);
  }

  /** The 128 / w lanes of v, each sign- or zero-extended to a long. */
  static long[] ints(long[] v, int w, boolean signed) {
    int n = 128 / w;
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      int bit = i * w;
      long raw = w == 64 ? v[i] : (v[bit / 64] >>> (bit % 64)) & ((1L << w) - 1);
      r[i] = signed && w < 64 ? (raw << (64 - w)) >> (64 - w) : raw;
    }
    return r;
  }

  /** The v128 whose w-bit lanes are the low bits of the given values. */
  static long[] ofInts(long[] lanes, int w) {
    long[] v = new long[2];
    long mask = w == 64 ? -1L : (1L << w) - 1;
    for (int i = 0; i < lanes.length; i++) {
      int bit = i * w;
      v[bit / 64] |= (lanes[i] & mask) << (bit % 64);
    }
    return v;
  }

  static String hex(long[] v) {
    return String.format("[%016x %016x]", v[1], v[0]);
  }
}

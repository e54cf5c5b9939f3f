package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.Swar.H8;
import static dev.patina.wasm.internal.interp.Swar.ONES8;
import static dev.patina.wasm.internal.interp.Swar.put;

/**
 * The i8x16 instructions. Arguments are absolute slot indices: {@code d} the destination, {@code
 * a}, {@code b} the operands (v128s occupy two slots), {@code c} a scalar count. The destination
 * may alias an operand: each method reads everything before {@link Swar#put} writes.
 */
final class SimdInt8 {
  private static final int W = 8;

  private SimdInt8() {}

  static void eq(long[] s, int d, int a, int b) {
    put(s, d, Swar.eq(s[a], s[b], H8, W), Swar.eq(s[a + 1], s[b + 1], H8, W));
  }

  static void ne(long[] s, int d, int a, int b) {
    put(s, d, Swar.ne(s[a], s[b], H8, W), Swar.ne(s[a + 1], s[b + 1], H8, W));
  }

  static void ltS(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltS(s[a], s[b], H8, W), Swar.ltS(s[a + 1], s[b + 1], H8, W));
  }

  static void ltU(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltU(s[a], s[b], H8, W), Swar.ltU(s[a + 1], s[b + 1], H8, W));
  }

  static void gtS(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltS(s[b], s[a], H8, W), Swar.ltS(s[b + 1], s[a + 1], H8, W));
  }

  static void gtU(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltU(s[b], s[a], H8, W), Swar.ltU(s[b + 1], s[a + 1], H8, W));
  }

  static void leS(long[] s, int d, int a, int b) {
    put(s, d, Swar.leS(s[a], s[b], H8, W), Swar.leS(s[a + 1], s[b + 1], H8, W));
  }

  static void leU(long[] s, int d, int a, int b) {
    put(s, d, Swar.leU(s[a], s[b], H8, W), Swar.leU(s[a + 1], s[b + 1], H8, W));
  }

  static void geS(long[] s, int d, int a, int b) {
    put(s, d, Swar.leS(s[b], s[a], H8, W), Swar.leS(s[b + 1], s[a + 1], H8, W));
  }

  static void geU(long[] s, int d, int a, int b) {
    put(s, d, Swar.leU(s[b], s[a], H8, W), Swar.leU(s[b + 1], s[a + 1], H8, W));
  }

  static void abs(long[] s, int d, int a) {
    put(s, d, Swar.abs(s[a], H8, W), Swar.abs(s[a + 1], H8, W));
  }

  static void neg(long[] s, int d, int a) {
    put(s, d, Swar.neg(s[a], H8), Swar.neg(s[a + 1], H8));
  }

  static void popcnt(long[] s, int d, int a) {
    put(s, d, popcnt(s[a]), popcnt(s[a + 1]));
  }

  /** Bit counts of each byte: pairs, then nibbles, then bytes (the classic bit-slice sum). */
  private static long popcnt(long x) {
    x -= (x >>> 1) & 0x5555_5555_5555_5555L;
    x = (x & 0x3333_3333_3333_3333L) + ((x >>> 2) & 0x3333_3333_3333_3333L);
    return (x + (x >>> 4)) & 0x0F0F_0F0F_0F0F_0F0FL;
  }

  static void allTrue(long[] s, int d, int a) {
    s[d] = Swar.allNonZero(s[a], ONES8, H8) && Swar.allNonZero(s[a + 1], ONES8, H8) ? 1 : 0;
  }

  static void bitmask(long[] s, int d, int a) {
    s[d] = signBits(s[a]) | signBits(s[a + 1]) << 8;
  }

  /**
   * The sign bits of the eight bytes, byte k at bit k. After isolating them at bits 8k, the product
   * moves bit 8k to bit 56 + k; every partial product lands on a distinct bit, so nothing carries.
   */
  private static int signBits(long x) {
    return (int) ((((x & H8) >>> 7) * 0x0102_0408_1020_4080L) >>> 56);
  }

  static void narrowS(long[] s, int d, int a, int b) {
    put(s, d, narrowS(s[a], s[a + 1]), narrowS(s[b], s[b + 1]));
  }

  static void narrowU(long[] s, int d, int a, int b) {
    put(s, d, narrowU(s[a], s[a + 1]), narrowU(s[b], s[b + 1]));
  }

  /** Eight i16 lanes (lanes 0-3 in lo) saturated to signed bytes. */
  private static long narrowS(long lo, long hi) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      int v = (short) ((i < 4 ? lo : hi) >>> (16 * (i & 3)));
      r |= (long) (Math.clamp(v, Byte.MIN_VALUE, Byte.MAX_VALUE) & 0xFF) << (8 * i);
    }
    return r;
  }

  /** Eight signed i16 lanes saturated to unsigned bytes. */
  private static long narrowU(long lo, long hi) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      int v = (short) ((i < 4 ? lo : hi) >>> (16 * (i & 3)));
      r |= (long) Math.clamp(v, 0, 0xFF) << (8 * i);
    }
    return r;
  }

  static void shl(long[] s, int d, int a, int c) {
    int n = (int) s[c] & 7;
    put(s, d, Swar.shl(s[a], n, ONES8, W), Swar.shl(s[a + 1], n, ONES8, W));
  }

  static void shrS(long[] s, int d, int a, int c) {
    int n = (int) s[c] & 7;
    put(s, d, Swar.shrS(s[a], n, ONES8, H8, W), Swar.shrS(s[a + 1], n, ONES8, H8, W));
  }

  static void shrU(long[] s, int d, int a, int c) {
    int n = (int) s[c] & 7;
    put(s, d, Swar.shrU(s[a], n, ONES8, W), Swar.shrU(s[a + 1], n, ONES8, W));
  }

  static void add(long[] s, int d, int a, int b) {
    put(s, d, Swar.add(s[a], s[b], H8), Swar.add(s[a + 1], s[b + 1], H8));
  }

  static void sub(long[] s, int d, int a, int b) {
    put(s, d, Swar.sub(s[a], s[b], H8), Swar.sub(s[a + 1], s[b + 1], H8));
  }

  static void addSatS(long[] s, int d, int a, int b) {
    put(s, d, Swar.addSatS(s[a], s[b], H8, W), Swar.addSatS(s[a + 1], s[b + 1], H8, W));
  }

  static void addSatU(long[] s, int d, int a, int b) {
    put(s, d, Swar.addSatU(s[a], s[b], H8, W), Swar.addSatU(s[a + 1], s[b + 1], H8, W));
  }

  static void subSatS(long[] s, int d, int a, int b) {
    put(s, d, Swar.subSatS(s[a], s[b], H8, W), Swar.subSatS(s[a + 1], s[b + 1], H8, W));
  }

  static void subSatU(long[] s, int d, int a, int b) {
    put(s, d, Swar.subSatU(s[a], s[b], H8, W), Swar.subSatU(s[a + 1], s[b + 1], H8, W));
  }

  static void minS(long[] s, int d, int a, int b) {
    put(s, d, Swar.minS(s[a], s[b], H8, W), Swar.minS(s[a + 1], s[b + 1], H8, W));
  }

  static void minU(long[] s, int d, int a, int b) {
    put(s, d, Swar.minU(s[a], s[b], H8, W), Swar.minU(s[a + 1], s[b + 1], H8, W));
  }

  static void maxS(long[] s, int d, int a, int b) {
    put(s, d, Swar.maxS(s[a], s[b], H8, W), Swar.maxS(s[a + 1], s[b + 1], H8, W));
  }

  static void maxU(long[] s, int d, int a, int b) {
    put(s, d, Swar.maxU(s[a], s[b], H8, W), Swar.maxU(s[a + 1], s[b + 1], H8, W));
  }

  static void avgrU(long[] s, int d, int a, int b) {
    put(s, d, Swar.avgrU(s[a], s[b], H8), Swar.avgrU(s[a + 1], s[b + 1], H8));
  }
}

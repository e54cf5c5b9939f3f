package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.Swar.H32;
import static dev.patina.wasm.internal.interp.Swar.ONES32;
import static dev.patina.wasm.internal.interp.Swar.put;

/**
 * The i32x4 instructions, including those that widen i16x8 operands (extend, extmul, dot,
 * extadd_pairwise). Each half holds two lanes; arguments as in {@link SimdInt8}.
 */
final class SimdInt32 {
  private static final int W = 32;

  private SimdInt32() {}

  /** Two i32 lanes as one half: lane 0 in the low 32 bits. */
  static long pack(int lane0, int lane1) {
    return (lane0 & 0xFFFF_FFFFL) | (long) lane1 << 32;
  }

  static void eq(long[] s, int d, int a, int b) {
    put(s, d, Swar.eq(s[a], s[b], H32, W), Swar.eq(s[a + 1], s[b + 1], H32, W));
  }

  static void ne(long[] s, int d, int a, int b) {
    put(s, d, Swar.ne(s[a], s[b], H32, W), Swar.ne(s[a + 1], s[b + 1], H32, W));
  }

  static void ltS(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltS(s[a], s[b], H32, W), Swar.ltS(s[a + 1], s[b + 1], H32, W));
  }

  static void ltU(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltU(s[a], s[b], H32, W), Swar.ltU(s[a + 1], s[b + 1], H32, W));
  }

  static void gtS(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltS(s[b], s[a], H32, W), Swar.ltS(s[b + 1], s[a + 1], H32, W));
  }

  static void gtU(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltU(s[b], s[a], H32, W), Swar.ltU(s[b + 1], s[a + 1], H32, W));
  }

  static void leS(long[] s, int d, int a, int b) {
    put(s, d, Swar.leS(s[a], s[b], H32, W), Swar.leS(s[a + 1], s[b + 1], H32, W));
  }

  static void leU(long[] s, int d, int a, int b) {
    put(s, d, Swar.leU(s[a], s[b], H32, W), Swar.leU(s[a + 1], s[b + 1], H32, W));
  }

  static void geS(long[] s, int d, int a, int b) {
    put(s, d, Swar.leS(s[b], s[a], H32, W), Swar.leS(s[b + 1], s[a + 1], H32, W));
  }

  static void geU(long[] s, int d, int a, int b) {
    put(s, d, Swar.leU(s[b], s[a], H32, W), Swar.leU(s[b + 1], s[a + 1], H32, W));
  }

  static void abs(long[] s, int d, int a) {
    put(s, d, Swar.abs(s[a], H32, W), Swar.abs(s[a + 1], H32, W));
  }

  static void neg(long[] s, int d, int a) {
    put(s, d, Swar.neg(s[a], H32), Swar.neg(s[a + 1], H32));
  }

  static void allTrue(long[] s, int d, int a) {
    s[d] = Swar.allNonZero(s[a], ONES32, H32) && Swar.allNonZero(s[a + 1], ONES32, H32) ? 1 : 0;
  }

  static void bitmask(long[] s, int d, int a) {
    s[d] = signBits(s[a]) | signBits(s[a + 1]) << 2;
  }

  private static int signBits(long x) {
    return (int) (((x >>> 31) & 1) | ((x >>> 62) & 2));
  }

  static void shl(long[] s, int d, int a, int c) {
    int n = (int) s[c] & 31;
    put(s, d, Swar.shl(s[a], n, ONES32, W), Swar.shl(s[a + 1], n, ONES32, W));
  }

  static void shrS(long[] s, int d, int a, int c) {
    int n = (int) s[c] & 31;
    put(s, d, Swar.shrS(s[a], n, ONES32, H32, W), Swar.shrS(s[a + 1], n, ONES32, H32, W));
  }

  static void shrU(long[] s, int d, int a, int c) {
    int n = (int) s[c] & 31;
    put(s, d, Swar.shrU(s[a], n, ONES32, W), Swar.shrU(s[a + 1], n, ONES32, W));
  }

  static void add(long[] s, int d, int a, int b) {
    put(s, d, Swar.add(s[a], s[b], H32), Swar.add(s[a + 1], s[b + 1], H32));
  }

  static void sub(long[] s, int d, int a, int b) {
    put(s, d, Swar.sub(s[a], s[b], H32), Swar.sub(s[a + 1], s[b + 1], H32));
  }

  static void mul(long[] s, int d, int a, int b) {
    put(s, d, mul(s[a], s[b]), mul(s[a + 1], s[b + 1]));
  }

  private static long mul(long x, long y) {
    return pack((int) x * (int) y, (int) (x >>> 32) * (int) (y >>> 32));
  }

  static void minS(long[] s, int d, int a, int b) {
    put(s, d, Swar.minS(s[a], s[b], H32, W), Swar.minS(s[a + 1], s[b + 1], H32, W));
  }

  static void minU(long[] s, int d, int a, int b) {
    put(s, d, Swar.minU(s[a], s[b], H32, W), Swar.minU(s[a + 1], s[b + 1], H32, W));
  }

  static void maxS(long[] s, int d, int a, int b) {
    put(s, d, Swar.maxS(s[a], s[b], H32, W), Swar.maxS(s[a + 1], s[b + 1], H32, W));
  }

  static void maxU(long[] s, int d, int a, int b) {
    put(s, d, Swar.maxU(s[a], s[b], H32, W), Swar.maxU(s[a + 1], s[b + 1], H32, W));
  }

  static void dot(long[] s, int d, int a, int b) {
    put(s, d, dot(s[a], s[b]), dot(s[a + 1], s[b + 1]));
  }

  /**
   * Each i32 lane is the sum of the products of its two i16 lane pairs. The sum wraps in int
   * arithmetic, as the spec's modular addition does; only 2 * (-32768)^2 overflows.
   */
  private static long dot(long x, long y) {
    return pack(dot((int) x, (int) y), dot((int) (x >>> 32), (int) (y >>> 32)));
  }

  private static int dot(int x, int y) {
    return (short) x * (short) y + (x >> 16) * (y >> 16);
  }

  static void extendLowS(long[] s, int d, int a) {
    long x = s[a];
    put(s, d, pack((short) x, (short) (x >>> 16)), pack((short) (x >>> 32), (short) (x >>> 48)));
  }

  static void extendHighS(long[] s, int d, int a) {
    long x = s[a + 1];
    put(s, d, pack((short) x, (short) (x >>> 16)), pack((short) (x >>> 32), (short) (x >>> 48)));
  }

  static void extendLowU(long[] s, int d, int a) {
    long x = s[a];
    put(s, d, extendU(x), extendU(x >>> 32));
  }

  static void extendHighU(long[] s, int d, int a) {
    long x = s[a + 1];
    put(s, d, extendU(x), extendU(x >>> 32));
  }

  /** The two low i16 lanes of x, zero-extended to i32 lanes. */
  private static long extendU(long x) {
    return (x & 0xFFFF) | (x & 0xFFFF_0000L) << 16;
  }

  static void extmulLowS(long[] s, int d, int a, int b) {
    long x = s[a];
    long y = s[b];
    put(s, d, mulS(x, y), mulS(x >>> 32, y >>> 32));
  }

  static void extmulHighS(long[] s, int d, int a, int b) {
    long x = s[a + 1];
    long y = s[b + 1];
    put(s, d, mulS(x, y), mulS(x >>> 32, y >>> 32));
  }

  static void extmulLowU(long[] s, int d, int a, int b) {
    long x = s[a];
    long y = s[b];
    put(s, d, mulU(x, y), mulU(x >>> 32, y >>> 32));
  }

  static void extmulHighU(long[] s, int d, int a, int b) {
    long x = s[a + 1];
    long y = s[b + 1];
    put(s, d, mulU(x, y), mulU(x >>> 32, y >>> 32));
  }

  /** Products of the two low signed i16 lanes of x and y, as i32 lanes (they always fit). */
  private static long mulS(long x, long y) {
    return pack((short) x * (short) y, (short) (x >>> 16) * (short) (y >>> 16));
  }

  /** Unsigned 16-bit products fit 32 bits; int multiplication keeps the right bit pattern. */
  private static long mulU(long x, long y) {
    int x0 = (int) x & 0xFFFF;
    int x1 = (int) (x >>> 16) & 0xFFFF;
    int y0 = (int) y & 0xFFFF;
    int y1 = (int) (y >>> 16) & 0xFFFF;
    return pack(x0 * y0, x1 * y1);
  }

  static void extaddPairwiseS(long[] s, int d, int a) {
    put(s, d, pairsS(s[a]), pairsS(s[a + 1]));
  }

  static void extaddPairwiseU(long[] s, int d, int a) {
    put(s, d, pairsU(s[a]), pairsU(s[a + 1]));
  }

  private static long pairsS(long x) {
    return pack((short) x + (short) (x >>> 16), (short) (x >>> 32) + (short) (x >>> 48));
  }

  /** The even i16 lanes plus the odd ones moved down; 65535 + 65535 fits an i32 lane. */
  private static long pairsU(long x) {
    return (x & 0x0000_FFFF_0000_FFFFL) + ((x >>> 16) & 0x0000_FFFF_0000_FFFFL);
  }
}

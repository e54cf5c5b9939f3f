package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.Swar.H16;
import static dev.patina.wasm.internal.interp.Swar.ONES16;
import static dev.patina.wasm.internal.interp.Swar.put;

/**
 * The i16x8 instructions, including those that widen i8x16 operands (extend, extmul,
 * extadd_pairwise). Arguments as in {@link SimdInt8}.
 */
final class SimdInt16 {
  private static final int W = 16;

  private SimdInt16() {}

  static void eq(long[] s, int d, int a, int b) {
    put(s, d, Swar.eq(s[a], s[b], H16, W), Swar.eq(s[a + 1], s[b + 1], H16, W));
  }

  static void ne(long[] s, int d, int a, int b) {
    put(s, d, Swar.ne(s[a], s[b], H16, W), Swar.ne(s[a + 1], s[b + 1], H16, W));
  }

  static void ltS(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltS(s[a], s[b], H16, W), Swar.ltS(s[a + 1], s[b + 1], H16, W));
  }

  static void ltU(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltU(s[a], s[b], H16, W), Swar.ltU(s[a + 1], s[b + 1], H16, W));
  }

  static void gtS(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltS(s[b], s[a], H16, W), Swar.ltS(s[b + 1], s[a + 1], H16, W));
  }

  static void gtU(long[] s, int d, int a, int b) {
    put(s, d, Swar.ltU(s[b], s[a], H16, W), Swar.ltU(s[b + 1], s[a + 1], H16, W));
  }

  static void leS(long[] s, int d, int a, int b) {
    put(s, d, Swar.leS(s[a], s[b], H16, W), Swar.leS(s[a + 1], s[b + 1], H16, W));
  }

  static void leU(long[] s, int d, int a, int b) {
    put(s, d, Swar.leU(s[a], s[b], H16, W), Swar.leU(s[a + 1], s[b + 1], H16, W));
  }

  static void geS(long[] s, int d, int a, int b) {
    put(s, d, Swar.leS(s[b], s[a], H16, W), Swar.leS(s[b + 1], s[a + 1], H16, W));
  }

  static void geU(long[] s, int d, int a, int b) {
    put(s, d, Swar.leU(s[b], s[a], H16, W), Swar.leU(s[b + 1], s[a + 1], H16, W));
  }

  static void abs(long[] s, int d, int a) {
    put(s, d, Swar.abs(s[a], H16, W), Swar.abs(s[a + 1], H16, W));
  }

  static void neg(long[] s, int d, int a) {
    put(s, d, Swar.neg(s[a], H16), Swar.neg(s[a + 1], H16));
  }

  static void allTrue(long[] s, int d, int a) {
    s[d] = Swar.allNonZero(s[a], ONES16, H16) && Swar.allNonZero(s[a + 1], ONES16, H16) ? 1 : 0;
  }

  static void bitmask(long[] s, int d, int a) {
    s[d] = signBits(s[a]) | signBits(s[a + 1]) << 4;
  }

  /** Sign bits of the four lanes, lane k at bit k: the multiplication moves bit 16k to 60 + k. */
  private static int signBits(long x) {
    return (int) ((((x & H16) >>> 15) * 0x1000_2000_4000_8000L) >>> 60);
  }

  static void shl(long[] s, int d, int a, int c) {
    int n = (int) s[c] & 15;
    put(s, d, Swar.shl(s[a], n, ONES16, W), Swar.shl(s[a + 1], n, ONES16, W));
  }

  static void shrS(long[] s, int d, int a, int c) {
    int n = (int) s[c] & 15;
    put(s, d, Swar.shrS(s[a], n, ONES16, H16, W), Swar.shrS(s[a + 1], n, ONES16, H16, W));
  }

  static void shrU(long[] s, int d, int a, int c) {
    int n = (int) s[c] & 15;
    put(s, d, Swar.shrU(s[a], n, ONES16, W), Swar.shrU(s[a + 1], n, ONES16, W));
  }

  static void add(long[] s, int d, int a, int b) {
    put(s, d, Swar.add(s[a], s[b], H16), Swar.add(s[a + 1], s[b + 1], H16));
  }

  static void sub(long[] s, int d, int a, int b) {
    put(s, d, Swar.sub(s[a], s[b], H16), Swar.sub(s[a + 1], s[b + 1], H16));
  }

  static void addSatS(long[] s, int d, int a, int b) {
    put(s, d, Swar.addSatS(s[a], s[b], H16, W), Swar.addSatS(s[a + 1], s[b + 1], H16, W));
  }

  static void addSatU(long[] s, int d, int a, int b) {
    put(s, d, Swar.addSatU(s[a], s[b], H16, W), Swar.addSatU(s[a + 1], s[b + 1], H16, W));
  }

  static void subSatS(long[] s, int d, int a, int b) {
    put(s, d, Swar.subSatS(s[a], s[b], H16, W), Swar.subSatS(s[a + 1], s[b + 1], H16, W));
  }

  static void subSatU(long[] s, int d, int a, int b) {
    put(s, d, Swar.subSatU(s[a], s[b], H16, W), Swar.subSatU(s[a + 1], s[b + 1], H16, W));
  }

  static void minS(long[] s, int d, int a, int b) {
    put(s, d, Swar.minS(s[a], s[b], H16, W), Swar.minS(s[a + 1], s[b + 1], H16, W));
  }

  static void minU(long[] s, int d, int a, int b) {
    put(s, d, Swar.minU(s[a], s[b], H16, W), Swar.minU(s[a + 1], s[b + 1], H16, W));
  }

  static void maxS(long[] s, int d, int a, int b) {
    put(s, d, Swar.maxS(s[a], s[b], H16, W), Swar.maxS(s[a + 1], s[b + 1], H16, W));
  }

  static void maxU(long[] s, int d, int a, int b) {
    put(s, d, Swar.maxU(s[a], s[b], H16, W), Swar.maxU(s[a + 1], s[b + 1], H16, W));
  }

  static void avgrU(long[] s, int d, int a, int b) {
    put(s, d, Swar.avgrU(s[a], s[b], H16), Swar.avgrU(s[a + 1], s[b + 1], H16));
  }

  static void mul(long[] s, int d, int a, int b) {
    put(s, d, mul(s[a], s[b]), mul(s[a + 1], s[b + 1]));
  }

  /** The low 16 bits of a product depend only on the low 16 bits of the factors. */
  private static long mul(long x, long y) {
    long r = 0;
    for (int i = 0; i < 64; i += 16) {
      r |= (((int) (x >>> i) * (int) (y >>> i)) & 0xFFFFL) << i;
    }
    return r;
  }

  static void q15mulrSatS(long[] s, int d, int a, int b) {
    put(s, d, q15mulrSatS(s[a], s[b]), q15mulrSatS(s[a + 1], s[b + 1]));
  }

  /** (x * y + 2^14) >> 15, saturated; only -32768 * -32768 exceeds the i16 range. */
  private static long q15mulrSatS(long x, long y) {
    long r = 0;
    for (int i = 0; i < 64; i += 16) {
      int p = ((short) (x >>> i) * (short) (y >>> i) + 0x4000) >> 15;
      r |= (Math.min(p, Short.MAX_VALUE) & 0xFFFFL) << i;
    }
    return r;
  }

  static void narrowS(long[] s, int d, int a, int b) {
    put(s, d, narrowS(s[a], s[a + 1]), narrowS(s[b], s[b + 1]));
  }

  static void narrowU(long[] s, int d, int a, int b) {
    put(s, d, narrowU(s[a], s[a + 1]), narrowU(s[b], s[b + 1]));
  }

  /** Four i32 lanes (two in lo, two in hi) saturated to signed i16. */
  private static long narrowS(long lo, long hi) {
    return narrowS((int) lo)
        | narrowS((int) (lo >>> 32)) << 16
        | narrowS((int) hi) << 32
        | narrowS((int) (hi >>> 32)) << 48;
  }

  private static long narrowS(int v) {
    return Math.clamp(v, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL;
  }

  private static long narrowU(long lo, long hi) {
    return narrowU((int) lo)
        | narrowU((int) (lo >>> 32)) << 16
        | narrowU((int) hi) << 32
        | narrowU((int) (hi >>> 32)) << 48;
  }

  private static long narrowU(int v) {
    return Math.clamp(v, 0, 0xFFFF);
  }

  static void extendLowS(long[] s, int d, int a) {
    long x = s[a];
    put(s, d, extendS(x), extendS(x >>> 32));
  }

  static void extendHighS(long[] s, int d, int a) {
    long x = s[a + 1];
    put(s, d, extendS(x), extendS(x >>> 32));
  }

  static void extendLowU(long[] s, int d, int a) {
    long x = s[a];
    put(s, d, extendU(x), extendU(x >>> 32));
  }

  static void extendHighU(long[] s, int d, int a) {
    long x = s[a + 1];
    put(s, d, extendU(x), extendU(x >>> 32));
  }

  /** The four low bytes of x, sign-extended to i16 lanes. */
  private static long extendS(long x) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= ((byte) (x >>> (8 * i)) & 0xFFFFL) << (16 * i);
    }
    return r;
  }

  private static long extendU(long x) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= ((x >>> (8 * i)) & 0xFF) << (16 * i);
    }
    return r;
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

  /** Products of the four low signed bytes of x and y, as i16 lanes (they always fit). */
  private static long mulS(long x, long y) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= (((byte) (x >>> (8 * i)) * (byte) (y >>> (8 * i))) & 0xFFFFL) << (16 * i);
    }
    return r;
  }

  private static long mulU(long x, long y) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= (((x >>> (8 * i)) & 0xFF) * ((y >>> (8 * i)) & 0xFF)) << (16 * i);
    }
    return r;
  }

  static void extaddPairwiseS(long[] s, int d, int a) {
    put(s, d, pairsS(s[a]), pairsS(s[a + 1]));
  }

  static void extaddPairwiseU(long[] s, int d, int a) {
    put(s, d, pairsU(s[a]), pairsU(s[a + 1]));
  }

  /** Each i16 lane of the result is the sum of the two signed bytes at its place. */
  private static long pairsS(long x) {
    long r = 0;
    for (int i = 0; i < 64; i += 16) {
      r |= (((byte) (x >>> i) + (byte) (x >>> (i + 8))) & 0xFFFFL) << i;
    }
    return r;
  }

  /** Unsigned: the even bytes plus the odd bytes moved down; 255 + 255 fits a lane. */
  private static long pairsU(long x) {
    return (x & 0x00FF_00FF_00FF_00FFL) + ((x >>> 8) & 0x00FF_00FF_00FF_00FFL);
  }
}

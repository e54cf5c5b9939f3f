package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.Swar.ONES16;
import static dev.patina.wasm.internal.interp.Swar.ONES32;
import static dev.patina.wasm.internal.interp.Swar.ONES8;
import static dev.patina.wasm.internal.interp.Swar.put;

/**
 * The instructions that move lanes: splat, extract_lane, replace_lane, shuffle and swizzle. Float
 * lanes move as raw bits (NaN payloads are kept, as the spec requires). Scalar operands are read
 * from their slot's low bits; i32 results are written sign-extended, which the slot contract
 * allows. Arguments as in {@link SimdInt8}; {@code lane} is the immediate lane index.
 */
final class SimdLanes {
  private SimdLanes() {}

  static void splat8(long[] s, int d, int a) {
    long v = (s[a] & 0xFF) * ONES8;
    put(s, d, v, v);
  }

  static void splat16(long[] s, int d, int a) {
    long v = (s[a] & 0xFFFF) * ONES16;
    put(s, d, v, v);
  }

  /** i32x4.splat and f32x4.splat. */
  static void splat32(long[] s, int d, int a) {
    long v = (s[a] & 0xFFFF_FFFFL) * ONES32;
    put(s, d, v, v);
  }

  /** i64x2.splat and f64x2.splat. */
  static void splat64(long[] s, int d, int a) {
    long v = s[a];
    put(s, d, v, v);
  }

  static void extract8S(long[] s, int d, int a, int lane) {
    s[d] = (byte) (s[a + (lane >> 3)] >>> ((lane & 7) * 8));
  }

  static void extract8U(long[] s, int d, int a, int lane) {
    s[d] = (s[a + (lane >> 3)] >>> ((lane & 7) * 8)) & 0xFF;
  }

  static void extract16S(long[] s, int d, int a, int lane) {
    s[d] = (short) (s[a + (lane >> 2)] >>> ((lane & 3) * 16));
  }

  static void extract16U(long[] s, int d, int a, int lane) {
    s[d] = (s[a + (lane >> 2)] >>> ((lane & 3) * 16)) & 0xFFFF;
  }

  /** i32x4.extract_lane and f32x4.extract_lane. */
  static void extract32(long[] s, int d, int a, int lane) {
    s[d] = (int) (s[a + (lane >> 1)] >>> ((lane & 1) * 32));
  }

  /** i64x2.extract_lane and f64x2.extract_lane. */
  static void extract64(long[] s, int d, int a, int lane) {
    s[d] = s[a + lane];
  }

  static void replace8(long[] s, int d, int a, int c, int lane) {
    replace(s, d, a, s[c], 8, lane);
  }

  static void replace16(long[] s, int d, int a, int c, int lane) {
    replace(s, d, a, s[c], 16, lane);
  }

  /** i32x4.replace_lane and f32x4.replace_lane. */
  static void replace32(long[] s, int d, int a, int c, int lane) {
    replace(s, d, a, s[c], 32, lane);
  }

  /** i64x2.replace_lane and f64x2.replace_lane. */
  static void replace64(long[] s, int d, int a, int c, int lane) {
    replace(s, d, a, s[c], 64, lane);
  }

  /** Vector a with lane {@code lane} of {@code width} bits replaced by the low bits of v. */
  private static void replace(long[] s, int d, int a, long v, int width, int lane) {
    int perHalf = 64 / width;
    int shift = (lane % perHalf) * width;
    long field = (-1L >>> (64 - width)) << shift;
    long lo = s[a];
    long hi = s[a + 1];
    long bits = (v << shift) & field;
    if (lane < perHalf) {
      lo = (lo & ~field) | bits;
    } else {
      hi = (hi & ~field) | bits;
    }
    put(s, d, lo, hi);
  }

  /** i8x16.shuffle: the 16 lane indices (0-31 over the bytes of a then b) are at code[k..k+15]. */
  static void shuffle(long[] s, int d, int a, int b, int[] code, int k) {
    long a0 = s[a];
    long a1 = s[a + 1];
    long b0 = s[b];
    long b1 = s[b + 1];
    long lo = 0;
    long hi = 0;
    for (int i = 0; i < 8; i++) {
      lo |= pick(a0, a1, b0, b1, code[k + i]) << (8 * i);
      hi |= pick(a0, a1, b0, b1, code[k + 8 + i]) << (8 * i);
    }
    put(s, d, lo, hi);
  }

  /** Byte {@code index} (0-31) of the 32-byte concatenation a0 a1 b0 b1. */
  private static long pick(long a0, long a1, long b0, long b1, int index) {
    long word =
        switch ((index >> 3) & 3) {
          case 0 -> a0;
          case 1 -> a1;
          case 2 -> b0;
          default -> b1;
        };
    return (word >>> ((index & 7) * 8)) & 0xFF;
  }

  /** i8x16.swizzle: byte i of the result is a[b[i]], or 0 when b[i] is 16 or more (unsigned). */
  static void swizzle(long[] s, int d, int a, int b) {
    long a0 = s[a];
    long a1 = s[a + 1];
    long b0 = s[b];
    long b1 = s[b + 1];
    put(s, d, swizzle(a0, a1, b0), swizzle(a0, a1, b1));
  }

  private static long swizzle(long a0, long a1, long indices) {
    long r = 0;
    for (int i = 0; i < 64; i += 8) {
      int index = (int) (indices >>> i) & 0xFF;
      if (index < 16) {
        r |= pick(a0, a1, 0, 0, index) << i;
      }
    }
    return r;
  }
}

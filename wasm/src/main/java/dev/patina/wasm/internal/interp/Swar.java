package dev.patina.wasm.internal.interp;

/**
 * Lane-parallel integer arithmetic inside one 64-bit half of a v128 ("SIMD within a register"),
 * shared by the i8x16, i16x8 and i32x4 instructions. A lane width is described by {@code h}, the
 * mask of the top bit of every lane ({@link #H8}, {@link #H16}, {@link #H32}), and where needed by
 * the width {@code w} in bits. Carries and borrows never cross a lane boundary: the top bit of each
 * lane is computed separately from the lower bits.
 *
 * <p>Comparison helpers whose names end in {@code Bits} return only the top bit of each lane;
 * {@link #full} widens such bits to all-ones lanes, the form SIMD comparisons produce.
 */
final class Swar {
  static final long H8 = 0x8080_8080_8080_8080L;
  static final long H16 = 0x8000_8000_8000_8000L;
  static final long H32 = 0x8000_0000_8000_0000L;
  static final long ONES8 = 0x0101_0101_0101_0101L;
  static final long ONES16 = 0x0001_0001_0001_0001L;
  static final long ONES32 = 0x0000_0001_0000_0001L;

  private Swar() {}

  /** Writes a v128 result; callers pass both halves as arguments, so every read precedes it. */
  static void put(long[] s, int d, long lo, long hi) {
    s[d] = lo;
    s[d + 1] = hi;
  }

  /** Lane-wise x + y, wrapping. */
  static long add(long x, long y, long h) {
    return ((x & ~h) + (y & ~h)) ^ ((x ^ y) & h);
  }

  /** Lane-wise x - y, wrapping. */
  static long sub(long x, long y, long h) {
    return ((x | h) - (y & ~h)) ^ ((x ^ ~y) & h);
  }

  /** Widens the top bit of each lane (other bits must be clear) to a whole lane of ones. */
  static long full(long topBits, int w) {
    return (topBits >>> (w - 1)) * (-1L >>> (64 - w));
  }

  /** Top bit of each lane set where the lane is not zero. */
  static long nonZeroBits(long x, long h) {
    return (((x & ~h) + ~h) | x) & h;
  }

  /** Top bit of each lane set where x < y as unsigned lanes: the borrow out of x - y. */
  static long ltUBits(long x, long y, long h) {
    return ((~x & y) | (~(x ^ y) & sub(x, y, h))) & h;
  }

  /** Top bit of each lane set where x < y as signed lanes (flipping the sign bits orders them). */
  static long ltSBits(long x, long y, long h) {
    return ltUBits(x ^ h, y ^ h, h);
  }

  static long eq(long x, long y, long h, int w) {
    return full(~nonZeroBits(x ^ y, h) & h, w);
  }

  static long ne(long x, long y, long h, int w) {
    return full(nonZeroBits(x ^ y, h), w);
  }

  static long ltS(long x, long y, long h, int w) {
    return full(ltSBits(x, y, h), w);
  }

  static long ltU(long x, long y, long h, int w) {
    return full(ltUBits(x, y, h), w);
  }

  static long leS(long x, long y, long h, int w) {
    return ~full(ltSBits(y, x, h), w);
  }

  static long leU(long x, long y, long h, int w) {
    return ~full(ltUBits(y, x, h), w);
  }

  /** Picks x where the lane mask is set, else y. */
  static long select(long mask, long x, long y) {
    return (x & mask) | (y & ~mask);
  }

  static long minS(long x, long y, long h, int w) {
    return select(ltS(x, y, h, w), x, y);
  }

  static long minU(long x, long y, long h, int w) {
    return select(ltU(x, y, h, w), x, y);
  }

  static long maxS(long x, long y, long h, int w) {
    return select(ltS(y, x, h, w), x, y);
  }

  static long maxU(long x, long y, long h, int w) {
    return select(ltU(y, x, h, w), x, y);
  }

  /** Lane-wise |x|; the most negative lane value stays itself, as in two's complement. */
  static long abs(long x, long h, int w) {
    long negative = full(x & h, w);
    return sub(x ^ negative, negative, h);
  }

  static long neg(long x, long h) {
    return sub(0, x, h);
  }

  static long addSatU(long x, long y, long h, int w) {
    long sum = add(x, y, h);
    long carry = ((x & y) | ((x | y) & ~sum)) & h;
    return sum | full(carry, w);
  }

  static long subSatU(long x, long y, long h, int w) {
    return sub(x, y, h) & ~ltU(x, y, h, w);
  }

  /** Signed overflow happens when both operands have one sign and the sum the other. */
  static long addSatS(long x, long y, long h, int w) {
    long sum = add(x, y, h);
    return saturateS(sum, x, (~(x ^ y) & (x ^ sum)) & h, h, w);
  }

  static long subSatS(long x, long y, long h, int w) {
    long diff = sub(x, y, h);
    return saturateS(diff, x, ((x ^ y) & (x ^ diff)) & h, h, w);
  }

  /** Replaces overflowed lanes by the signed bound on the side of x's sign: MIN or MAX. */
  private static long saturateS(long result, long x, long overflowBits, long h, int w) {
    long bound = full(x & h, w) ^ ~h;
    return select(full(overflowBits, w), bound, result);
  }

  /** Lane-wise unsigned (x + y + 1) / 2: (x | y) - ((x ^ y) >> 1) never borrows across lanes. */
  static long avgrU(long x, long y, long h) {
    return (x | y) - (((x ^ y) >>> 1) & ~h);
  }

  /** Lane-wise shift left; {@code ones} has bit 0 of every lane set, {@code c} is reduced. */
  static long shl(long x, int c, long ones, int w) {
    long lane = -1L >>> (64 - w);
    return (x << c) & (((lane << c) & lane) * ones);
  }

  static long shrU(long x, int c, long ones, int w) {
    long lane = -1L >>> (64 - w);
    return (x >>> c) & ((lane >>> c) * ones);
  }

  /** Logical shift, then sign extension of the shifted field: (t ^ m) - m with m its sign bit. */
  static long shrS(long x, int c, long ones, long h, int w) {
    long m = h >>> c;
    return sub(shrU(x, c, ones, w) ^ m, m, h);
  }

  /**
   * Whether every lane is non-zero: (x - 1) & ~x has a top bit set only at or above a zero lane.
   */
  static boolean allNonZero(long x, long ones, long h) {
    return ((x - ones) & ~x & h) == 0;
  }
}

package dev.patina.wasm.internal.interp;

/**
 * Executes the fixed-width SIMD instructions of WebAssembly 2.0 that do not touch memory.
 *
 * <p>A v128 lives in two consecutive 64-bit slots: {@code s[x]} holds bytes 0-7 (i8x16 lane 0 in
 * its lowest byte), {@code s[x + 1]} bytes 8-15. The operands of an instruction start at {@code
 * code[pc]}: the destination slot, the source slots in operand order (bottom of the Wasm stack
 * first), then the immediates (a lane index; the 16 lane indices of {@code i8x16.shuffle}; the four
 * little-endian 32-bit words of {@code v128.const}). Slot numbers are relative to {@code fp}. The
 * destination may alias a source: every implementation reads all its inputs before writing.
 *
 * <p>This class only decodes slots and dispatches, to stay far below HotSpot's 8000-byte limit for
 * JIT compilation; the work is done by one small method per instruction in the classes named for
 * the lane shape ({@link SimdInt8} ... {@link SimdFloat64}, {@link SimdConvert}, {@link SimdLanes},
 * {@link SimdBits}), with the lane-parallel integer arithmetic in {@link Swar}.
 */
public final class Simd {
  private Simd() {}

  /**
   * Executes the SIMD instruction with 0xFD sub-opcode {@code op}.
   *
   * @throws IllegalArgumentException for a memory instruction or an unknown sub-opcode
   */
  public static void execute(int op, long[] s, int fp, int[] code, int pc) {
    int d = fp + code[pc];
    int a = fp + code[pc + 1];
    switch (op) {
      case 0x0C -> SimdBits.constant(s, d, code, pc + 1);
      case 0x0D -> SimdLanes.shuffle(s, d, a, fp + code[pc + 2], code, pc + 3);
      case 0x0E -> SimdLanes.swizzle(s, d, a, fp + code[pc + 2]);
      case 0x0F -> SimdLanes.splat8(s, d, a);
      case 0x10 -> SimdLanes.splat16(s, d, a);
      case 0x11, 0x13 -> SimdLanes.splat32(s, d, a); // i32x4, f32x4
      case 0x12, 0x14 -> SimdLanes.splat64(s, d, a); // i64x2, f64x2
      case 0x15 -> SimdLanes.extract8S(s, d, a, code[pc + 2]);
      case 0x16 -> SimdLanes.extract8U(s, d, a, code[pc + 2]);
      case 0x17 -> SimdLanes.replace8(s, d, a, fp + code[pc + 2], code[pc + 3]);
      case 0x18 -> SimdLanes.extract16S(s, d, a, code[pc + 2]);
      case 0x19 -> SimdLanes.extract16U(s, d, a, code[pc + 2]);
      case 0x1A -> SimdLanes.replace16(s, d, a, fp + code[pc + 2], code[pc + 3]);
      case 0x1B, 0x1F -> SimdLanes.extract32(s, d, a, code[pc + 2]); // i32x4, f32x4
      case 0x1C, 0x20 -> SimdLanes.replace32(s, d, a, fp + code[pc + 2], code[pc + 3]);
      case 0x1D, 0x21 -> SimdLanes.extract64(s, d, a, code[pc + 2]); // i64x2, f64x2
      case 0x1E, 0x22 -> SimdLanes.replace64(s, d, a, fp + code[pc + 2], code[pc + 3]);
      // i8x16 comparisons
      case 0x23 -> SimdInt8.eq(s, d, a, fp + code[pc + 2]);
      case 0x24 -> SimdInt8.ne(s, d, a, fp + code[pc + 2]);
      case 0x25 -> SimdInt8.ltS(s, d, a, fp + code[pc + 2]);
      case 0x26 -> SimdInt8.ltU(s, d, a, fp + code[pc + 2]);
      case 0x27 -> SimdInt8.gtS(s, d, a, fp + code[pc + 2]);
      case 0x28 -> SimdInt8.gtU(s, d, a, fp + code[pc + 2]);
      case 0x29 -> SimdInt8.leS(s, d, a, fp + code[pc + 2]);
      case 0x2A -> SimdInt8.leU(s, d, a, fp + code[pc + 2]);
      case 0x2B -> SimdInt8.geS(s, d, a, fp + code[pc + 2]);
      case 0x2C -> SimdInt8.geU(s, d, a, fp + code[pc + 2]);
      // i16x8 comparisons
      case 0x2D -> SimdInt16.eq(s, d, a, fp + code[pc + 2]);
      case 0x2E -> SimdInt16.ne(s, d, a, fp + code[pc + 2]);
      case 0x2F -> SimdInt16.ltS(s, d, a, fp + code[pc + 2]);
      case 0x30 -> SimdInt16.ltU(s, d, a, fp + code[pc + 2]);
      case 0x31 -> SimdInt16.gtS(s, d, a, fp + code[pc + 2]);
      case 0x32 -> SimdInt16.gtU(s, d, a, fp + code[pc + 2]);
      case 0x33 -> SimdInt16.leS(s, d, a, fp + code[pc + 2]);
      case 0x34 -> SimdInt16.leU(s, d, a, fp + code[pc + 2]);
      case 0x35 -> SimdInt16.geS(s, d, a, fp + code[pc + 2]);
      case 0x36 -> SimdInt16.geU(s, d, a, fp + code[pc + 2]);
      // i32x4 comparisons
      case 0x37 -> SimdInt32.eq(s, d, a, fp + code[pc + 2]);
      case 0x38 -> SimdInt32.ne(s, d, a, fp + code[pc + 2]);
      case 0x39 -> SimdInt32.ltS(s, d, a, fp + code[pc + 2]);
      case 0x3A -> SimdInt32.ltU(s, d, a, fp + code[pc + 2]);
      case 0x3B -> SimdInt32.gtS(s, d, a, fp + code[pc + 2]);
      case 0x3C -> SimdInt32.gtU(s, d, a, fp + code[pc + 2]);
      case 0x3D -> SimdInt32.leS(s, d, a, fp + code[pc + 2]);
      case 0x3E -> SimdInt32.leU(s, d, a, fp + code[pc + 2]);
      case 0x3F -> SimdInt32.geS(s, d, a, fp + code[pc + 2]);
      case 0x40 -> SimdInt32.geU(s, d, a, fp + code[pc + 2]);
      // f32x4 and f64x2 comparisons
      case 0x41 -> SimdFloat32.eq(s, d, a, fp + code[pc + 2]);
      case 0x42 -> SimdFloat32.ne(s, d, a, fp + code[pc + 2]);
      case 0x43 -> SimdFloat32.lt(s, d, a, fp + code[pc + 2]);
      case 0x44 -> SimdFloat32.gt(s, d, a, fp + code[pc + 2]);
      case 0x45 -> SimdFloat32.le(s, d, a, fp + code[pc + 2]);
      case 0x46 -> SimdFloat32.ge(s, d, a, fp + code[pc + 2]);
      case 0x47 -> SimdFloat64.eq(s, d, a, fp + code[pc + 2]);
      case 0x48 -> SimdFloat64.ne(s, d, a, fp + code[pc + 2]);
      case 0x49 -> SimdFloat64.lt(s, d, a, fp + code[pc + 2]);
      case 0x4A -> SimdFloat64.gt(s, d, a, fp + code[pc + 2]);
      case 0x4B -> SimdFloat64.le(s, d, a, fp + code[pc + 2]);
      case 0x4C -> SimdFloat64.ge(s, d, a, fp + code[pc + 2]);
      // v128 bitwise
      case 0x4D -> SimdBits.not(s, d, a);
      case 0x4E -> SimdBits.and(s, d, a, fp + code[pc + 2]);
      case 0x4F -> SimdBits.andnot(s, d, a, fp + code[pc + 2]);
      case 0x50 -> SimdBits.or(s, d, a, fp + code[pc + 2]);
      case 0x51 -> SimdBits.xor(s, d, a, fp + code[pc + 2]);
      case 0x52 -> SimdBits.bitselect(s, d, a, fp + code[pc + 2], fp + code[pc + 3]);
      case 0x53 -> SimdBits.anyTrue(s, d, a);
      case 0x5E -> SimdConvert.demote(s, d, a);
      case 0x5F -> SimdConvert.promoteLow(s, d, a);
      // i8x16 (interleaved with f32x4/f64x2 rounding in the opcode space)
      case 0x60 -> SimdInt8.abs(s, d, a);
      case 0x61 -> SimdInt8.neg(s, d, a);
      case 0x62 -> SimdInt8.popcnt(s, d, a);
      case 0x63 -> SimdInt8.allTrue(s, d, a);
      case 0x64 -> SimdInt8.bitmask(s, d, a);
      case 0x65 -> SimdInt8.narrowS(s, d, a, fp + code[pc + 2]);
      case 0x66 -> SimdInt8.narrowU(s, d, a, fp + code[pc + 2]);
      case 0x67 -> SimdFloat32.ceil(s, d, a);
      case 0x68 -> SimdFloat32.floor(s, d, a);
      case 0x69 -> SimdFloat32.trunc(s, d, a);
      case 0x6A -> SimdFloat32.nearest(s, d, a);
      case 0x6B -> SimdInt8.shl(s, d, a, fp + code[pc + 2]);
      case 0x6C -> SimdInt8.shrS(s, d, a, fp + code[pc + 2]);
      case 0x6D -> SimdInt8.shrU(s, d, a, fp + code[pc + 2]);
      case 0x6E -> SimdInt8.add(s, d, a, fp + code[pc + 2]);
      case 0x6F -> SimdInt8.addSatS(s, d, a, fp + code[pc + 2]);
      case 0x70 -> SimdInt8.addSatU(s, d, a, fp + code[pc + 2]);
      case 0x71 -> SimdInt8.sub(s, d, a, fp + code[pc + 2]);
      case 0x72 -> SimdInt8.subSatS(s, d, a, fp + code[pc + 2]);
      case 0x73 -> SimdInt8.subSatU(s, d, a, fp + code[pc + 2]);
      case 0x74 -> SimdFloat64.ceil(s, d, a);
      case 0x75 -> SimdFloat64.floor(s, d, a);
      case 0x76 -> SimdInt8.minS(s, d, a, fp + code[pc + 2]);
      case 0x77 -> SimdInt8.minU(s, d, a, fp + code[pc + 2]);
      case 0x78 -> SimdInt8.maxS(s, d, a, fp + code[pc + 2]);
      case 0x79 -> SimdInt8.maxU(s, d, a, fp + code[pc + 2]);
      case 0x7A -> SimdFloat64.trunc(s, d, a);
      case 0x7B -> SimdInt8.avgrU(s, d, a, fp + code[pc + 2]);
      case 0x7C -> SimdInt16.extaddPairwiseS(s, d, a);
      case 0x7D -> SimdInt16.extaddPairwiseU(s, d, a);
      case 0x7E -> SimdInt32.extaddPairwiseS(s, d, a);
      case 0x7F -> SimdInt32.extaddPairwiseU(s, d, a);
      // i16x8
      case 0x80 -> SimdInt16.abs(s, d, a);
      case 0x81 -> SimdInt16.neg(s, d, a);
      case 0x82 -> SimdInt16.q15mulrSatS(s, d, a, fp + code[pc + 2]);
      case 0x83 -> SimdInt16.allTrue(s, d, a);
      case 0x84 -> SimdInt16.bitmask(s, d, a);
      case 0x85 -> SimdInt16.narrowS(s, d, a, fp + code[pc + 2]);
      case 0x86 -> SimdInt16.narrowU(s, d, a, fp + code[pc + 2]);
      case 0x87 -> SimdInt16.extendLowS(s, d, a);
      case 0x88 -> SimdInt16.extendHighS(s, d, a);
      case 0x89 -> SimdInt16.extendLowU(s, d, a);
      case 0x8A -> SimdInt16.extendHighU(s, d, a);
      case 0x8B -> SimdInt16.shl(s, d, a, fp + code[pc + 2]);
      case 0x8C -> SimdInt16.shrS(s, d, a, fp + code[pc + 2]);
      case 0x8D -> SimdInt16.shrU(s, d, a, fp + code[pc + 2]);
      case 0x8E -> SimdInt16.add(s, d, a, fp + code[pc + 2]);
      case 0x8F -> SimdInt16.addSatS(s, d, a, fp + code[pc + 2]);
      case 0x90 -> SimdInt16.addSatU(s, d, a, fp + code[pc + 2]);
      case 0x91 -> SimdInt16.sub(s, d, a, fp + code[pc + 2]);
      case 0x92 -> SimdInt16.subSatS(s, d, a, fp + code[pc + 2]);
      case 0x93 -> SimdInt16.subSatU(s, d, a, fp + code[pc + 2]);
      case 0x94 -> SimdFloat64.nearest(s, d, a);
      case 0x95 -> SimdInt16.mul(s, d, a, fp + code[pc + 2]);
      case 0x96 -> SimdInt16.minS(s, d, a, fp + code[pc + 2]);
      case 0x97 -> SimdInt16.minU(s, d, a, fp + code[pc + 2]);
      case 0x98 -> SimdInt16.maxS(s, d, a, fp + code[pc + 2]);
      case 0x99 -> SimdInt16.maxU(s, d, a, fp + code[pc + 2]);
      case 0x9B -> SimdInt16.avgrU(s, d, a, fp + code[pc + 2]);
      case 0x9C -> SimdInt16.extmulLowS(s, d, a, fp + code[pc + 2]);
      case 0x9D -> SimdInt16.extmulHighS(s, d, a, fp + code[pc + 2]);
      case 0x9E -> SimdInt16.extmulLowU(s, d, a, fp + code[pc + 2]);
      case 0x9F -> SimdInt16.extmulHighU(s, d, a, fp + code[pc + 2]);
      // i32x4
      case 0xA0 -> SimdInt32.abs(s, d, a);
      case 0xA1 -> SimdInt32.neg(s, d, a);
      case 0xA3 -> SimdInt32.allTrue(s, d, a);
      case 0xA4 -> SimdInt32.bitmask(s, d, a);
      case 0xA7 -> SimdInt32.extendLowS(s, d, a);
      case 0xA8 -> SimdInt32.extendHighS(s, d, a);
      case 0xA9 -> SimdInt32.extendLowU(s, d, a);
      case 0xAA -> SimdInt32.extendHighU(s, d, a);
      case 0xAB -> SimdInt32.shl(s, d, a, fp + code[pc + 2]);
      case 0xAC -> SimdInt32.shrS(s, d, a, fp + code[pc + 2]);
      case 0xAD -> SimdInt32.shrU(s, d, a, fp + code[pc + 2]);
      case 0xAE -> SimdInt32.add(s, d, a, fp + code[pc + 2]);
      case 0xB1 -> SimdInt32.sub(s, d, a, fp + code[pc + 2]);
      case 0xB5 -> SimdInt32.mul(s, d, a, fp + code[pc + 2]);
      case 0xB6 -> SimdInt32.minS(s, d, a, fp + code[pc + 2]);
      case 0xB7 -> SimdInt32.minU(s, d, a, fp + code[pc + 2]);
      case 0xB8 -> SimdInt32.maxS(s, d, a, fp + code[pc + 2]);
      case 0xB9 -> SimdInt32.maxU(s, d, a, fp + code[pc + 2]);
      case 0xBA -> SimdInt32.dot(s, d, a, fp + code[pc + 2]);
      case 0xBC -> SimdInt32.extmulLowS(s, d, a, fp + code[pc + 2]);
      case 0xBD -> SimdInt32.extmulHighS(s, d, a, fp + code[pc + 2]);
      case 0xBE -> SimdInt32.extmulLowU(s, d, a, fp + code[pc + 2]);
      case 0xBF -> SimdInt32.extmulHighU(s, d, a, fp + code[pc + 2]);
      // i64x2
      case 0xC0 -> SimdInt64.abs(s, d, a);
      case 0xC1 -> SimdInt64.neg(s, d, a);
      case 0xC3 -> SimdInt64.allTrue(s, d, a);
      case 0xC4 -> SimdInt64.bitmask(s, d, a);
      case 0xC7 -> SimdInt64.extendLowS(s, d, a);
      case 0xC8 -> SimdInt64.extendHighS(s, d, a);
      case 0xC9 -> SimdInt64.extendLowU(s, d, a);
      case 0xCA -> SimdInt64.extendHighU(s, d, a);
      case 0xCB -> SimdInt64.shl(s, d, a, fp + code[pc + 2]);
      case 0xCC -> SimdInt64.shrS(s, d, a, fp + code[pc + 2]);
      case 0xCD -> SimdInt64.shrU(s, d, a, fp + code[pc + 2]);
      case 0xCE -> SimdInt64.add(s, d, a, fp + code[pc + 2]);
      case 0xD1 -> SimdInt64.sub(s, d, a, fp + code[pc + 2]);
      case 0xD5 -> SimdInt64.mul(s, d, a, fp + code[pc + 2]);
      case 0xD6 -> SimdInt64.eq(s, d, a, fp + code[pc + 2]);
      case 0xD7 -> SimdInt64.ne(s, d, a, fp + code[pc + 2]);
      case 0xD8 -> SimdInt64.ltS(s, d, a, fp + code[pc + 2]);
      case 0xD9 -> SimdInt64.gtS(s, d, a, fp + code[pc + 2]);
      case 0xDA -> SimdInt64.leS(s, d, a, fp + code[pc + 2]);
      case 0xDB -> SimdInt64.geS(s, d, a, fp + code[pc + 2]);
      case 0xDC -> SimdInt64.extmulLowS(s, d, a, fp + code[pc + 2]);
      case 0xDD -> SimdInt64.extmulHighS(s, d, a, fp + code[pc + 2]);
      case 0xDE -> SimdInt64.extmulLowU(s, d, a, fp + code[pc + 2]);
      case 0xDF -> SimdInt64.extmulHighU(s, d, a, fp + code[pc + 2]);
      // f32x4
      case 0xE0 -> SimdFloat32.abs(s, d, a);
      case 0xE1 -> SimdFloat32.neg(s, d, a);
      case 0xE3 -> SimdFloat32.sqrt(s, d, a);
      case 0xE4 -> SimdFloat32.add(s, d, a, fp + code[pc + 2]);
      case 0xE5 -> SimdFloat32.sub(s, d, a, fp + code[pc + 2]);
      case 0xE6 -> SimdFloat32.mul(s, d, a, fp + code[pc + 2]);
      case 0xE7 -> SimdFloat32.div(s, d, a, fp + code[pc + 2]);
      case 0xE8 -> SimdFloat32.min(s, d, a, fp + code[pc + 2]);
      case 0xE9 -> SimdFloat32.max(s, d, a, fp + code[pc + 2]);
      case 0xEA -> SimdFloat32.pmin(s, d, a, fp + code[pc + 2]);
      case 0xEB -> SimdFloat32.pmax(s, d, a, fp + code[pc + 2]);
      // f64x2
      case 0xEC -> SimdFloat64.abs(s, d, a);
      case 0xED -> SimdFloat64.neg(s, d, a);
      case 0xEF -> SimdFloat64.sqrt(s, d, a);
      case 0xF0 -> SimdFloat64.add(s, d, a, fp + code[pc + 2]);
      case 0xF1 -> SimdFloat64.sub(s, d, a, fp + code[pc + 2]);
      case 0xF2 -> SimdFloat64.mul(s, d, a, fp + code[pc + 2]);
      case 0xF3 -> SimdFloat64.div(s, d, a, fp + code[pc + 2]);
      case 0xF4 -> SimdFloat64.min(s, d, a, fp + code[pc + 2]);
      case 0xF5 -> SimdFloat64.max(s, d, a, fp + code[pc + 2]);
      case 0xF6 -> SimdFloat64.pmin(s, d, a, fp + code[pc + 2]);
      case 0xF7 -> SimdFloat64.pmax(s, d, a, fp + code[pc + 2]);
      // conversions
      case 0xF8 -> SimdConvert.truncSatF32S(s, d, a);
      case 0xF9 -> SimdConvert.truncSatF32U(s, d, a);
      case 0xFA -> SimdConvert.convertI32S(s, d, a);
      case 0xFB -> SimdConvert.convertI32U(s, d, a);
      case 0xFC -> SimdConvert.truncSatF64SZero(s, d, a);
      case 0xFD -> SimdConvert.truncSatF64UZero(s, d, a);
      case 0xFE -> SimdConvert.convertLowI32S(s, d, a);
      case 0xFF -> SimdConvert.convertLowI32U(s, d, a);
      default ->
          throw new IllegalArgumentException(
              "not a non-memory SIMD instruction: 0xFD 0x" + Integer.toHexString(op));
    }
  }
}

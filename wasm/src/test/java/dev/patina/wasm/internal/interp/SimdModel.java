package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.Lanes.ints;
import static dev.patina.wasm.internal.interp.Lanes.ofInts;

import dev.patina.wasm.binary.Opcode;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A straightforward reference model of the non-memory SIMD instructions: lanes as arrays, one lane
 * at a time, in the words of the specification. It shares no code with the implementation; float
 * arithmetic on f32 lanes is computed in double and rounded once (exact for + - * / and sqrt, as
 * double has more than 2 * 24 + 2 bits).
 */
final class SimdModel {
  private SimdModel() {}

  static Expect expect(Opcode op, SimdInput in) {
    long[] a = in.a();
    long[] b = in.b();
    long x = in.scalar();
    int lane = in.lane();
    return switch (op) {
      case V128_CONST -> Expect.v128(Lanes.ofI32(in.imm()));
      case I8X16_SHUFFLE -> shuffle(a, b, in.imm());
      case I8X16_SWIZZLE -> swizzle(a, b);
      case I8X16_SPLAT -> splat(x, 8);
      case I16X8_SPLAT -> splat(x, 16);
      case I32X4_SPLAT, F32X4_SPLAT -> splat(x, 32);
      case I64X2_SPLAT, F64X2_SPLAT -> splat(x, 64);
      case I8X16_EXTRACT_LANE_S -> Expect.scalar(ints(a, 8, true)[lane]);
      case I8X16_EXTRACT_LANE_U -> Expect.scalar(ints(a, 8, false)[lane]);
      case I16X8_EXTRACT_LANE_S -> Expect.scalar(ints(a, 16, true)[lane]);
      case I16X8_EXTRACT_LANE_U -> Expect.scalar(ints(a, 16, false)[lane]);
      case I32X4_EXTRACT_LANE, F32X4_EXTRACT_LANE -> Expect.scalar(ints(a, 32, true)[lane]);
      case I64X2_EXTRACT_LANE, F64X2_EXTRACT_LANE -> Expect.scalar(a[lane]);
      case I8X16_REPLACE_LANE -> replace(a, x, 8, lane);
      case I16X8_REPLACE_LANE -> replace(a, x, 16, lane);
      case I32X4_REPLACE_LANE, F32X4_REPLACE_LANE -> replace(a, x, 32, lane);
      case I64X2_REPLACE_LANE, F64X2_REPLACE_LANE -> replace(a, x, 64, lane);

      case I8X16_EQ -> cmp(a, b, 8, true, (p, q) -> p == q);
      case I8X16_NE -> cmp(a, b, 8, true, (p, q) -> p != q);
      case I8X16_LT_S -> cmp(a, b, 8, true, (p, q) -> p < q);
      case I8X16_LT_U -> cmp(a, b, 8, false, (p, q) -> p < q);
      case I8X16_GT_S -> cmp(a, b, 8, true, (p, q) -> p > q);
      case I8X16_GT_U -> cmp(a, b, 8, false, (p, q) -> p > q);
      case I8X16_LE_S -> cmp(a, b, 8, true, (p, q) -> p <= q);
      case I8X16_LE_U -> cmp(a, b, 8, false, (p, q) -> p <= q);
      case I8X16_GE_S -> cmp(a, b, 8, true, (p, q) -> p >= q);
      case I8X16_GE_U -> cmp(a, b, 8, false, (p, q) -> p >= q);
      case I16X8_EQ -> cmp(a, b, 16, true, (p, q) -> p == q);
      case I16X8_NE -> cmp(a, b, 16, true, (p, q) -> p != q);
      case I16X8_LT_S -> cmp(a, b, 16, true, (p, q) -> p < q);
      case I16X8_LT_U -> cmp(a, b, 16, false, (p, q) -> p < q);
      case I16X8_GT_S -> cmp(a, b, 16, true, (p, q) -> p > q);
      case I16X8_GT_U -> cmp(a, b, 16, false, (p, q) -> p > q);
      case I16X8_LE_S -> cmp(a, b, 16, true, (p, q) -> p <= q);
      case I16X8_LE_U -> cmp(a, b, 16, false, (p, q) -> p <= q);
      case I16X8_GE_S -> cmp(a, b, 16, true, (p, q) -> p >= q);
      case I16X8_GE_U -> cmp(a, b, 16, false, (p, q) -> p >= q);
      case I32X4_EQ -> cmp(a, b, 32, true, (p, q) -> p == q);
      case I32X4_NE -> cmp(a, b, 32, true, (p, q) -> p != q);
      case I32X4_LT_S -> cmp(a, b, 32, true, (p, q) -> p < q);
      case I32X4_LT_U -> cmp(a, b, 32, false, (p, q) -> p < q);
      case I32X4_GT_S -> cmp(a, b, 32, true, (p, q) -> p > q);
      case I32X4_GT_U -> cmp(a, b, 32, false, (p, q) -> p > q);
      case I32X4_LE_S -> cmp(a, b, 32, true, (p, q) -> p <= q);
      case I32X4_LE_U -> cmp(a, b, 32, false, (p, q) -> p <= q);
      case I32X4_GE_S -> cmp(a, b, 32, true, (p, q) -> p >= q);
      case I32X4_GE_U -> cmp(a, b, 32, false, (p, q) -> p >= q);
      case I64X2_EQ -> cmp(a, b, 64, true, (p, q) -> p == q);
      case I64X2_NE -> cmp(a, b, 64, true, (p, q) -> p != q);
      case I64X2_LT_S -> cmp(a, b, 64, true, (p, q) -> p < q);
      case I64X2_GT_S -> cmp(a, b, 64, true, (p, q) -> p > q);
      case I64X2_LE_S -> cmp(a, b, 64, true, (p, q) -> p <= q);
      case I64X2_GE_S -> cmp(a, b, 64, true, (p, q) -> p >= q);
      case F32X4_EQ -> fcmp32(a, b, (p, q) -> p == q);
      case F32X4_NE -> fcmp32(a, b, (p, q) -> p != q);
      case F32X4_LT -> fcmp32(a, b, (p, q) -> p < q);
      case F32X4_GT -> fcmp32(a, b, (p, q) -> p > q);
      case F32X4_LE -> fcmp32(a, b, (p, q) -> p <= q);
      case F32X4_GE -> fcmp32(a, b, (p, q) -> p >= q);
      case F64X2_EQ -> fcmp64(a, b, (p, q) -> p == q);
      case F64X2_NE -> fcmp64(a, b, (p, q) -> p != q);
      case F64X2_LT -> fcmp64(a, b, (p, q) -> p < q);
      case F64X2_GT -> fcmp64(a, b, (p, q) -> p > q);
      case F64X2_LE -> fcmp64(a, b, (p, q) -> p <= q);
      case F64X2_GE -> fcmp64(a, b, (p, q) -> p >= q);

      case V128_NOT -> Expect.v128(new long[] {~a[0], ~a[1]});
      case V128_AND -> Expect.v128(new long[] {a[0] & b[0], a[1] & b[1]});
      case V128_ANDNOT -> Expect.v128(new long[] {a[0] & ~b[0], a[1] & ~b[1]});
      case V128_OR -> Expect.v128(new long[] {a[0] | b[0], a[1] | b[1]});
      case V128_XOR -> Expect.v128(new long[] {a[0] ^ b[0], a[1] ^ b[1]});
      case V128_BITSELECT -> bitselect(a, b, in.c());
      case V128_ANY_TRUE -> Expect.scalar(a[0] != 0 || a[1] != 0 ? 1 : 0);
      case I8X16_ALL_TRUE -> allTrue(a, 8);
      case I16X8_ALL_TRUE -> allTrue(a, 16);
      case I32X4_ALL_TRUE -> allTrue(a, 32);
      case I64X2_ALL_TRUE -> allTrue(a, 64);
      case I8X16_BITMASK -> bitmask(a, 8);
      case I16X8_BITMASK -> bitmask(a, 16);
      case I32X4_BITMASK -> bitmask(a, 32);
      case I64X2_BITMASK -> bitmask(a, 64);

      case I8X16_ABS -> un(a, 8, true, Math::abs);
      case I16X8_ABS -> un(a, 16, true, Math::abs);
      case I32X4_ABS -> un(a, 32, true, Math::abs);
      case I64X2_ABS -> un(a, 64, true, Math::abs);
      case I8X16_NEG -> un(a, 8, true, p -> -p);
      case I16X8_NEG -> un(a, 16, true, p -> -p);
      case I32X4_NEG -> un(a, 32, true, p -> -p);
      case I64X2_NEG -> un(a, 64, true, p -> -p);
      case I8X16_POPCNT -> un(a, 8, false, Long::bitCount);
      case I8X16_NARROW_I16X8_S -> narrow(a, b, 16, -128, 127);
      case I8X16_NARROW_I16X8_U -> narrow(a, b, 16, 0, 255);
      case I16X8_NARROW_I32X4_S -> narrow(a, b, 32, -32768, 32767);
      case I16X8_NARROW_I32X4_U -> narrow(a, b, 32, 0, 65535);
      case I16X8_EXTEND_LOW_I8X16_S -> extend(a, 8, true, 0);
      case I16X8_EXTEND_HIGH_I8X16_S -> extend(a, 8, true, 8);
      case I16X8_EXTEND_LOW_I8X16_U -> extend(a, 8, false, 0);
      case I16X8_EXTEND_HIGH_I8X16_U -> extend(a, 8, false, 8);
      case I32X4_EXTEND_LOW_I16X8_S -> extend(a, 16, true, 0);
      case I32X4_EXTEND_HIGH_I16X8_S -> extend(a, 16, true, 4);
      case I32X4_EXTEND_LOW_I16X8_U -> extend(a, 16, false, 0);
      case I32X4_EXTEND_HIGH_I16X8_U -> extend(a, 16, false, 4);
      case I64X2_EXTEND_LOW_I32X4_S -> extend(a, 32, true, 0);
      case I64X2_EXTEND_HIGH_I32X4_S -> extend(a, 32, true, 2);
      case I64X2_EXTEND_LOW_I32X4_U -> extend(a, 32, false, 0);
      case I64X2_EXTEND_HIGH_I32X4_U -> extend(a, 32, false, 2);

      case I8X16_SHL -> shift(a, x, 8, false, (p, n) -> p << n);
      case I8X16_SHR_S -> shift(a, x, 8, true, (p, n) -> p >> n);
      case I8X16_SHR_U -> shift(a, x, 8, false, (p, n) -> p >>> n);
      case I16X8_SHL -> shift(a, x, 16, false, (p, n) -> p << n);
      case I16X8_SHR_S -> shift(a, x, 16, true, (p, n) -> p >> n);
      case I16X8_SHR_U -> shift(a, x, 16, false, (p, n) -> p >>> n);
      case I32X4_SHL -> shift(a, x, 32, false, (p, n) -> p << n);
      case I32X4_SHR_S -> shift(a, x, 32, true, (p, n) -> p >> n);
      case I32X4_SHR_U -> shift(a, x, 32, false, (p, n) -> p >>> n);
      case I64X2_SHL -> shift(a, x, 64, false, (p, n) -> p << n);
      case I64X2_SHR_S -> shift(a, x, 64, true, (p, n) -> p >> n);
      case I64X2_SHR_U -> shift(a, x, 64, false, (p, n) -> p >>> n);

      case I8X16_ADD -> bin(a, b, 8, true, Long::sum);
      case I16X8_ADD -> bin(a, b, 16, true, Long::sum);
      case I32X4_ADD -> bin(a, b, 32, true, Long::sum);
      case I64X2_ADD -> bin(a, b, 64, true, Long::sum);
      case I8X16_SUB -> bin(a, b, 8, true, (p, q) -> p - q);
      case I16X8_SUB -> bin(a, b, 16, true, (p, q) -> p - q);
      case I32X4_SUB -> bin(a, b, 32, true, (p, q) -> p - q);
      case I64X2_SUB -> bin(a, b, 64, true, (p, q) -> p - q);
      case I16X8_MUL -> bin(a, b, 16, true, (p, q) -> p * q);
      case I32X4_MUL -> bin(a, b, 32, true, (p, q) -> p * q);
      case I64X2_MUL -> bin(a, b, 64, true, (p, q) -> p * q);
      case I8X16_ADD_SAT_S -> bin(a, b, 8, true, (p, q) -> Math.clamp(p + q, -128, 127));
      case I8X16_ADD_SAT_U -> bin(a, b, 8, false, (p, q) -> Math.min(p + q, 255));
      case I8X16_SUB_SAT_S -> bin(a, b, 8, true, (p, q) -> Math.clamp(p - q, -128, 127));
      case I8X16_SUB_SAT_U -> bin(a, b, 8, false, (p, q) -> Math.max(p - q, 0));
      case I16X8_ADD_SAT_S -> bin(a, b, 16, true, (p, q) -> Math.clamp(p + q, -32768, 32767));
      case I16X8_ADD_SAT_U -> bin(a, b, 16, false, (p, q) -> Math.min(p + q, 65535));
      case I16X8_SUB_SAT_S -> bin(a, b, 16, true, (p, q) -> Math.clamp(p - q, -32768, 32767));
      case I16X8_SUB_SAT_U -> bin(a, b, 16, false, (p, q) -> Math.max(p - q, 0));
      case I8X16_MIN_S -> bin(a, b, 8, true, Math::min);
      case I8X16_MIN_U -> bin(a, b, 8, false, Math::min);
      case I8X16_MAX_S -> bin(a, b, 8, true, Math::max);
      case I8X16_MAX_U -> bin(a, b, 8, false, Math::max);
      case I16X8_MIN_S -> bin(a, b, 16, true, Math::min);
      case I16X8_MIN_U -> bin(a, b, 16, false, Math::min);
      case I16X8_MAX_S -> bin(a, b, 16, true, Math::max);
      case I16X8_MAX_U -> bin(a, b, 16, false, Math::max);
      case I32X4_MIN_S -> bin(a, b, 32, true, Math::min);
      case I32X4_MIN_U -> bin(a, b, 32, false, Math::min);
      case I32X4_MAX_S -> bin(a, b, 32, true, Math::max);
      case I32X4_MAX_U -> bin(a, b, 32, false, Math::max);
      case I8X16_AVGR_U -> bin(a, b, 8, false, (p, q) -> (p + q + 1) / 2);
      case I16X8_AVGR_U -> bin(a, b, 16, false, (p, q) -> (p + q + 1) / 2);
      case I16X8_Q15MULR_SAT_S ->
          bin(a, b, 16, true, (p, q) -> Math.clamp((p * q + 0x4000) >> 15, -32768, 32767));
      case I32X4_DOT_I16X8_S -> dot(a, b);
      case I16X8_EXTMUL_LOW_I8X16_S -> extmul(a, b, 8, true, 0);
      case I16X8_EXTMUL_HIGH_I8X16_S -> extmul(a, b, 8, true, 8);
      case I16X8_EXTMUL_LOW_I8X16_U -> extmul(a, b, 8, false, 0);
      case I16X8_EXTMUL_HIGH_I8X16_U -> extmul(a, b, 8, false, 8);
      case I32X4_EXTMUL_LOW_I16X8_S -> extmul(a, b, 16, true, 0);
      case I32X4_EXTMUL_HIGH_I16X8_S -> extmul(a, b, 16, true, 4);
      case I32X4_EXTMUL_LOW_I16X8_U -> extmul(a, b, 16, false, 0);
      case I32X4_EXTMUL_HIGH_I16X8_U -> extmul(a, b, 16, false, 4);
      case I64X2_EXTMUL_LOW_I32X4_S -> extmul(a, b, 32, true, 0);
      case I64X2_EXTMUL_HIGH_I32X4_S -> extmul(a, b, 32, true, 2);
      case I64X2_EXTMUL_LOW_I32X4_U -> extmul(a, b, 32, false, 0);
      case I64X2_EXTMUL_HIGH_I32X4_U -> extmul(a, b, 32, false, 2);
      case I16X8_EXTADD_PAIRWISE_I8X16_S -> pairwise(a, 8, true);
      case I16X8_EXTADD_PAIRWISE_I8X16_U -> pairwise(a, 8, false);
      case I32X4_EXTADD_PAIRWISE_I16X8_S -> pairwise(a, 16, true);
      case I32X4_EXTADD_PAIRWISE_I16X8_U -> pairwise(a, 16, false);

      case F32X4_ABS -> Expect.v128(new long[] {a[0] & ~SIGNS32, a[1] & ~SIGNS32});
      case F32X4_NEG -> Expect.v128(new long[] {a[0] ^ SIGNS32, a[1] ^ SIGNS32});
      case F64X2_ABS -> Expect.v128(new long[] {a[0] & Long.MAX_VALUE, a[1] & Long.MAX_VALUE});
      case F64X2_NEG -> Expect.v128(new long[] {a[0] ^ Long.MIN_VALUE, a[1] ^ Long.MIN_VALUE});
      case F32X4_SQRT -> f32Un(a, Math::sqrt);
      case F32X4_CEIL -> f32Un(a, Math::ceil);
      case F32X4_FLOOR -> f32Un(a, Math::floor);
      case F32X4_TRUNC -> f32Un(a, SimdModel::trunc);
      case F32X4_NEAREST -> f32Un(a, Math::rint);
      case F64X2_SQRT -> f64Un(a, Math::sqrt);
      case F64X2_CEIL -> f64Un(a, Math::ceil);
      case F64X2_FLOOR -> f64Un(a, Math::floor);
      case F64X2_TRUNC -> f64Un(a, SimdModel::trunc);
      case F64X2_NEAREST -> f64Un(a, Math::rint);
      case F32X4_ADD -> f32Bin(a, b, Double::sum);
      case F32X4_SUB -> f32Bin(a, b, (p, q) -> p - q);
      case F32X4_MUL -> f32Bin(a, b, (p, q) -> p * q);
      case F32X4_DIV -> f32Bin(a, b, (p, q) -> p / q);
      case F32X4_MIN -> f32Bin(a, b, SimdModel::min);
      case F32X4_MAX -> f32Bin(a, b, SimdModel::max);
      case F64X2_ADD -> f64Bin(a, b, Double::sum);
      case F64X2_SUB -> f64Bin(a, b, (p, q) -> p - q);
      case F64X2_MUL -> f64Bin(a, b, (p, q) -> p * q);
      case F64X2_DIV -> f64Bin(a, b, (p, q) -> p / q);
      case F64X2_MIN -> f64Bin(a, b, SimdModel::min);
      case F64X2_MAX -> f64Bin(a, b, SimdModel::max);
      case F32X4_PMIN -> pick(a, b, 32, (p, q) -> q < p);
      case F32X4_PMAX -> pick(a, b, 32, (p, q) -> p < q);
      case F64X2_PMIN -> pick(a, b, 64, (p, q) -> q < p);
      case F64X2_PMAX -> pick(a, b, 64, (p, q) -> p < q);

      case F32X4_DEMOTE_F64X2_ZERO -> demote(a);
      case F64X2_PROMOTE_LOW_F32X4 -> promote(a);
      case I32X4_TRUNC_SAT_F32X4_S -> truncSat(f32Lanes(a), Integer.MIN_VALUE, Integer.MAX_VALUE);
      case I32X4_TRUNC_SAT_F32X4_U -> truncSat(f32Lanes(a), 0, 0xFFFF_FFFFL);
      case I32X4_TRUNC_SAT_F64X2_S_ZERO ->
          truncSat(f64Lanes(a), Integer.MIN_VALUE, Integer.MAX_VALUE);
      case I32X4_TRUNC_SAT_F64X2_U_ZERO -> truncSat(f64Lanes(a), 0, 0xFFFF_FFFFL);
      case F32X4_CONVERT_I32X4_S -> convert32(ints(a, 32, true));
      case F32X4_CONVERT_I32X4_U -> convert32(ints(a, 32, false));
      case F64X2_CONVERT_LOW_I32X4_S -> convert64(ints(a, 32, true));
      case F64X2_CONVERT_LOW_I32X4_U -> convert64(ints(a, 32, false));
      default -> throw new IllegalArgumentException("no model for " + op);
    };
  }

  private static final long SIGNS32 = 0x8000_0000_8000_0000L;

  private interface LongPredicate2 {
    boolean test(long p, long q);
  }

  private interface DoublePredicate2 {
    boolean test(double p, double q);
  }

  private interface Shift {
    long apply(long lane, int count);
  }

  private static Expect shuffle(long[] a, long[] b, int[] indices) {
    byte[] x = Lanes.i8(a);
    byte[] y = Lanes.i8(b);
    byte[] r = new byte[16];
    for (int i = 0; i < 16; i++) {
      r[i] = indices[i] < 16 ? x[indices[i]] : y[indices[i] - 16];
    }
    return Expect.v128(Lanes.ofI8(r));
  }

  private static Expect swizzle(long[] a, long[] b) {
    byte[] x = Lanes.i8(a);
    byte[] y = Lanes.i8(b);
    byte[] r = new byte[16];
    for (int i = 0; i < 16; i++) {
      int index = y[i] & 0xFF;
      r[i] = index < 16 ? x[index] : 0;
    }
    return Expect.v128(Lanes.ofI8(r));
  }

  private static Expect splat(long x, int w) {
    long[] lanes = new long[128 / w];
    java.util.Arrays.fill(lanes, x);
    return Expect.v128(ofInts(lanes, w));
  }

  private static Expect replace(long[] a, long x, int w, int lane) {
    long[] lanes = ints(a, w, false);
    lanes[lane] = x;
    return Expect.v128(ofInts(lanes, w));
  }

  private static Expect cmp(long[] a, long[] b, int w, boolean signed, LongPredicate2 p) {
    long[] x = ints(a, w, signed);
    long[] y = ints(b, w, signed);
    long[] r = new long[x.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = p.test(x[i], y[i]) ? -1 : 0;
    }
    return Expect.v128(ofInts(r, w));
  }

  private static Expect fcmp32(long[] a, long[] b, DoublePredicate2 p) {
    float[] x = f32Lanes(a);
    float[] y = f32Lanes(b);
    long[] r = new long[4];
    for (int i = 0; i < 4; i++) {
      r[i] = p.test(x[i], y[i]) ? -1 : 0;
    }
    return Expect.v128(ofInts(r, 32));
  }

  private static Expect fcmp64(long[] a, long[] b, DoublePredicate2 p) {
    long[] r = new long[2];
    for (int i = 0; i < 2; i++) {
      r[i] = p.test(Lanes.f64(a[i]), Lanes.f64(b[i])) ? -1 : 0;
    }
    return Expect.v128(r);
  }

  private static Expect bitselect(long[] a, long[] b, long[] c) {
    long[] r = new long[2];
    for (int i = 0; i < 128; i++) {
      long bit = 1L << (i % 64);
      long from = (c[i / 64] & bit) != 0 ? a[i / 64] : b[i / 64];
      r[i / 64] |= from & bit;
    }
    return Expect.v128(r);
  }

  private static Expect allTrue(long[] a, int w) {
    for (long lane : ints(a, w, false)) {
      if (lane == 0) {
        return Expect.scalar(0);
      }
    }
    return Expect.scalar(1);
  }

  private static Expect bitmask(long[] a, int w) {
    long[] lanes = ints(a, w, true);
    long r = 0;
    for (int i = 0; i < lanes.length; i++) {
      if (lanes[i] < 0) {
        r |= 1L << i;
      }
    }
    return Expect.scalar(r);
  }

  private static Expect un(long[] a, int w, boolean signed, LongUnaryOperator f) {
    long[] x = ints(a, w, signed);
    for (int i = 0; i < x.length; i++) {
      x[i] = f.applyAsLong(x[i]);
    }
    return Expect.v128(ofInts(x, w));
  }

  private static Expect bin(long[] a, long[] b, int w, boolean signed, LongBinaryOperator f) {
    long[] x = ints(a, w, signed);
    long[] y = ints(b, w, signed);
    for (int i = 0; i < x.length; i++) {
      x[i] = f.applyAsLong(x[i], y[i]);
    }
    return Expect.v128(ofInts(x, w));
  }

  private static Expect shift(long[] a, long count, int w, boolean signed, Shift f) {
    long[] x = ints(a, w, signed);
    int n = (int) (Integer.toUnsignedLong((int) count) % w);
    for (int i = 0; i < x.length; i++) {
      x[i] = f.apply(x[i], n);
    }
    return Expect.v128(ofInts(x, w));
  }

  /** Lanes of width w from a then b, saturated into [min, max], as lanes of width w / 2. */
  private static Expect narrow(long[] a, long[] b, int w, long min, long max) {
    long[] x = ints(a, w, true);
    long[] y = ints(b, w, true);
    long[] r = new long[2 * x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = Math.clamp(x[i], min, max);
      r[i + x.length] = Math.clamp(y[i], min, max);
    }
    return Expect.v128(ofInts(r, w / 2));
  }

  /** Half the lanes of width w, from lane {@code first}, extended to width 2w. */
  private static Expect extend(long[] a, int w, boolean signed, int first) {
    long[] x = ints(a, w, signed);
    long[] r = new long[x.length / 2];
    for (int i = 0; i < r.length; i++) {
      r[i] = x[first + i];
    }
    return Expect.v128(ofInts(r, 2 * w));
  }

  private static Expect extmul(long[] a, long[] b, int w, boolean signed, int first) {
    long[] x = ints(a, w, signed);
    long[] y = ints(b, w, signed);
    long[] r = new long[x.length / 2];
    for (int i = 0; i < r.length; i++) {
      r[i] = x[first + i] * y[first + i];
    }
    return Expect.v128(ofInts(r, 2 * w));
  }

  private static Expect pairwise(long[] a, int w, boolean signed) {
    long[] x = ints(a, w, signed);
    long[] r = new long[x.length / 2];
    for (int i = 0; i < r.length; i++) {
      r[i] = x[2 * i] + x[2 * i + 1];
    }
    return Expect.v128(ofInts(r, 2 * w));
  }

  private static Expect dot(long[] a, long[] b) {
    long[] x = ints(a, 16, true);
    long[] y = ints(b, 16, true);
    long[] r = new long[4];
    for (int i = 0; i < 4; i++) {
      r[i] = x[2 * i] * y[2 * i] + x[2 * i + 1] * y[2 * i + 1];
    }
    return Expect.v128(ofInts(r, 32));
  }

  static float[] f32Lanes(long[] a) {
    float[] r = new float[4];
    long[] bits = ints(a, 32, false);
    for (int i = 0; i < 4; i++) {
      r[i] = Float.intBitsToFloat((int) bits[i]);
    }
    return r;
  }

  static double[] f64Lanes(long[] a) {
    return new double[] {Lanes.f64(a[0]), Lanes.f64(a[1])};
  }

  private static int bits32(long[] a, int i) {
    return (int) ints(a, 32, false)[i];
  }

  private static Expect f32Un(long[] a, DoubleUnaryOperator f) {
    Expect e = Expect.v128(new long[2]);
    for (int i = 0; i < 4; i++) {
      int x = bits32(a, i);
      e.f32(i, (float) f.applyAsDouble(Lanes.f32(x)), x);
    }
    return e;
  }

  private static Expect f64Un(long[] a, DoubleUnaryOperator f) {
    Expect e = Expect.v128(new long[2]);
    for (int i = 0; i < 2; i++) {
      e.f64(i, f.applyAsDouble(Lanes.f64(a[i])), a[i]);
    }
    return e;
  }

  private static Expect f32Bin(long[] a, long[] b, DoubleBinaryOperator f) {
    Expect e = Expect.v128(new long[2]);
    for (int i = 0; i < 4; i++) {
      int x = bits32(a, i);
      int y = bits32(b, i);
      e.f32(i, (float) f.applyAsDouble(Lanes.f32(x), Lanes.f32(y)), x, y);
    }
    return e;
  }

  private static Expect f64Bin(long[] a, long[] b, DoubleBinaryOperator f) {
    Expect e = Expect.v128(new long[2]);
    for (int i = 0; i < 2; i++) {
      e.f64(i, f.applyAsDouble(Lanes.f64(a[i]), Lanes.f64(b[i])), a[i], b[i]);
    }
    return e;
  }

  /** Selects the raw bits of a's or b's lane: b's where {@code takeB(a, b)}. */
  private static Expect pick(long[] a, long[] b, int w, DoublePredicate2 takeB) {
    long[] x = ints(a, w, false);
    long[] y = ints(b, w, false);
    long[] r = new long[x.length];
    for (int i = 0; i < r.length; i++) {
      boolean takeY =
          w == 32
              ? takeB.test(Lanes.f32((int) x[i]), Lanes.f32((int) y[i]))
              : takeB.test(Lanes.f64(x[i]), Lanes.f64(y[i]));
      r[i] = takeY ? y[i] : x[i];
    }
    return Expect.v128(ofInts(r, w));
  }

  private static double trunc(double x) {
    return x < 0 ? Math.ceil(x) : Math.floor(x);
  }

  /** The spec's fmin: NaN if either is NaN, -0 below +0. */
  private static double min(double p, double q) {
    if (Double.isNaN(p) || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (p == 0 && q == 0) {
      return (1 / p < 0 || 1 / q < 0) ? -0.0 : 0.0;
    }
    return p < q ? p : q;
  }

  private static double max(double p, double q) {
    if (Double.isNaN(p) || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (p == 0 && q == 0) {
      return (1 / p > 0 || 1 / q > 0) ? 0.0 : -0.0;
    }
    return p > q ? p : q;
  }

  private static Expect demote(long[] a) {
    Expect e = Expect.v128(new long[2]);
    for (int i = 0; i < 2; i++) {
      e.f32(i, (float) Lanes.f64(a[i]), nanAsF32(a[i]));
    }
    return e.f32(2, 0f).f32(3, 0f);
  }

  /** The canonicality of a f64 NaN operand, carried to the f32 domain of the result rule. */
  private static int nanAsF32(long x) {
    if (!Double.isNaN(Lanes.f64(x))) {
      return 0;
    }
    return (x & Long.MAX_VALUE) == 0x7FF8_0000_0000_0000L ? 0x7FC0_0000 : 0x7F80_0001;
  }

  private static Expect promote(long[] a) {
    Expect e = Expect.v128(new long[2]);
    for (int i = 0; i < 2; i++) {
      int x = bits32(a, i);
      long asF64 =
          (x & 0x7FFF_FFFF) == 0x7FC0_0000 ? 0x7FF8_0000_0000_0000L : 0x7FF0_0000_0000_0001L;
      e.f64(i, Lanes.f32(x), Float.isNaN(Lanes.f32(x)) ? asF64 : 0);
    }
    return e;
  }

  /** Truncation toward zero, NaN to 0, clamped to [min, max]; lanes past the inputs are 0. */
  private static Expect truncSat(float[] x, long min, long max) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return truncSat(d, min, max);
  }

  private static Expect truncSat(double[] x, long min, long max) {
    long[] r = new long[4];
    for (int i = 0; i < x.length; i++) {
      double t = trunc(x[i]);
      r[i] = Double.isNaN(t) ? 0 : t <= min ? min : t >= max ? max : (long) t;
    }
    return Expect.v128(ofInts(r, 32));
  }

  /** Every i32 (and u32) is exact in double, so one rounding to float is the correct one. */
  private static Expect convert32(long[] lanes) {
    Expect e = Expect.v128(new long[2]);
    for (int i = 0; i < 4; i++) {
      e.f32(i, (float) (double) lanes[i]);
    }
    return e;
  }

  private static Expect convert64(long[] lanes) {
    Expect e = Expect.v128(new long[2]);
    for (int i = 0; i < 2; i++) {
      e.f64(i, (double) lanes[i]);
    }
    return e;
  }
}

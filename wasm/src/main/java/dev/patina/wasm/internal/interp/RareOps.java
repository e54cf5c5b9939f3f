package dev.patina.wasm.internal.interp;

import dev.patina.wasm.TrapException;
import dev.patina.wasm.binary.Opcode;
import dev.patina.wasm.internal.runtime.GlobalInstance;
import dev.patina.wasm.internal.runtime.MemoryInstance;
import dev.patina.wasm.internal.runtime.ModuleInstance;
import dev.patina.wasm.internal.runtime.TableInstance;
import java.util.Arrays;

/**
 * The instructions the interpreter loop hands off: references, vectors, bulk memory and table
 * operations, rounding and saturating conversions. Each returns the next pc.
 */
final class RareOps {
  private static final byte[] NO_DATA = new byte[0];
  private static final Object[] NO_ELEMENTS = new Object[0];

  /**
   * Code words of each non-memory SIMD instruction, by sub-opcode: op, sub-op, dst, sources,
   * immediates.
   */
  private static final int[] SIMD_LENGTH = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      Opcode op = Opcode.simd(i);
      if (op == null || op.hasMemarg()) {
        continue;
      }
      int immediates =
          switch (op.immediate()) {
            case LANE -> 1;
            case SHUFFLE -> 16;
            case V128 -> 4;
            default -> 0;
          };
      SIMD_LENGTH[i] = 3 + op.params().size() + immediates;
    }
  }

  private RareOps() {}

  static int execute(
      int op, long[] s, Object[] r, int fp, int[] code, int pc, ModuleInstance inst) {
    switch (op) {
      case Op.UNREACHABLE -> throw new TrapException("unreachable");
      case Op.SIMD -> {
        int sub = code[pc + 1];
        Simd.execute(sub, s, fp, code, pc + 2);
        return pc + SIMD_LENGTH[sub];
      }
      case Op.COPY_REF -> {
        r[fp + code[pc + 1]] = r[fp + code[pc + 2]];
        return pc + 3;
      }
      case Op.COPY_V128 -> {
        int dst = fp + code[pc + 1];
        int src = fp + code[pc + 2];
        s[dst] = s[src];
        s[dst + 1] = s[src + 1];
        return pc + 3;
      }
      case Op.REF_NULL -> {
        r[fp + code[pc + 1]] = null;
        return pc + 2;
      }
      case Op.REF_FUNC -> {
        r[fp + code[pc + 1]] = inst.functions[code[pc + 2]];
        return pc + 3;
      }
      case Op.REF_IS_NULL -> {
        s[fp + code[pc + 1]] = r[fp + code[pc + 2]] == null ? 1 : 0;
        return pc + 3;
      }
      case Op.GLOBAL_GET_REF -> {
        r[fp + code[pc + 1]] = inst.globals[code[pc + 2]].ref;
        return pc + 3;
      }
      case Op.GLOBAL_GET_V128 -> {
        GlobalInstance g = inst.globals[code[pc + 2]];
        s[fp + code[pc + 1]] = g.value;
        s[fp + code[pc + 1] + 1] = g.high;
        return pc + 3;
      }
      case Op.GLOBAL_SET_REF -> {
        inst.globals[code[pc + 1]].ref = r[fp + code[pc + 2]];
        return pc + 3;
      }
      case Op.GLOBAL_SET_V128 -> {
        GlobalInstance g = inst.globals[code[pc + 1]];
        g.value = s[fp + code[pc + 2]];
        g.high = s[fp + code[pc + 2] + 1];
        return pc + 3;
      }
      case Op.SELECT_REF -> {
        boolean first = (int) s[fp + code[pc + 4]] != 0;
        r[fp + code[pc + 1]] = first ? r[fp + code[pc + 2]] : r[fp + code[pc + 3]];
        return pc + 5;
      }
      case Op.SELECT_V128 -> {
        int src = (int) s[fp + code[pc + 4]] != 0 ? fp + code[pc + 2] : fp + code[pc + 3];
        int dst = fp + code[pc + 1];
        long lo = s[src];
        long hi = s[src + 1];
        s[dst] = lo;
        s[dst + 1] = hi;
        return pc + 5;
      }
      case Op.MEMORY_SIZE -> {
        s[fp + code[pc + 1]] = inst.memory.pages();
        return pc + 2;
      }
      case Op.MEMORY_GROW -> {
        s[fp + code[pc + 1]] = inst.memory.grow((int) s[fp + code[pc + 2]]);
        return pc + 3;
      }
      case Op.MEMORY_FILL -> {
        memoryFill(
            inst.memory, s[fp + code[pc + 1]], (byte) s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
        return pc + 4;
      }
      case Op.MEMORY_COPY -> {
        memoryCopy(inst.memory, s[fp + code[pc + 1]], s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
        return pc + 4;
      }
      case Op.MEMORY_INIT -> {
        byte[] data = inst.data[code[pc + 1]];
        memoryInit(
            inst.memory, data, s[fp + code[pc + 2]], s[fp + code[pc + 3]], s[fp + code[pc + 4]]);
        return pc + 5;
      }
      case Op.DATA_DROP -> {
        inst.data[code[pc + 1]] = NO_DATA;
        return pc + 2;
      }
      case Op.TABLE_GET -> {
        Object[] elements = inst.tables[code[pc + 2]].elements;
        r[fp + code[pc + 1]] = elements[tableIndex(s[fp + code[pc + 3]], elements.length)];
        return pc + 4;
      }
      case Op.TABLE_SET -> {
        Object[] elements = inst.tables[code[pc + 1]].elements;
        elements[tableIndex(s[fp + code[pc + 2]], elements.length)] = r[fp + code[pc + 3]];
        return pc + 4;
      }
      case Op.TABLE_SIZE -> {
        s[fp + code[pc + 1]] = inst.tables[code[pc + 2]].size();
        return pc + 3;
      }
      case Op.TABLE_GROW -> {
        TableInstance table = inst.tables[code[pc + 2]];
        s[fp + code[pc + 1]] = table.grow((int) s[fp + code[pc + 4]], r[fp + code[pc + 3]]);
        return pc + 5;
      }
      case Op.TABLE_FILL -> {
        TableInstance table = inst.tables[code[pc + 1]];
        long start = s[fp + code[pc + 2]] & 0xFFFFFFFFL;
        long n = s[fp + code[pc + 4]] & 0xFFFFFFFFL;
        if (start + n > table.size()) {
          throw new TrapException("out of bounds table access");
        }
        Arrays.fill(table.elements, (int) start, (int) (start + n), r[fp + code[pc + 3]]);
        return pc + 5;
      }
      case Op.TABLE_COPY -> {
        Object[] dst = inst.tables[code[pc + 1]].elements;
        Object[] src = inst.tables[code[pc + 2]].elements;
        copyElements(src, s[fp + code[pc + 4]], dst, s[fp + code[pc + 3]], s[fp + code[pc + 5]]);
        return pc + 6;
      }
      case Op.TABLE_INIT -> {
        Object[] dst = inst.tables[code[pc + 1]].elements;
        Object[] src = inst.elements[code[pc + 2]];
        copyElements(src, s[fp + code[pc + 4]], dst, s[fp + code[pc + 3]], s[fp + code[pc + 5]]);
        return pc + 6;
      }
      case Op.ELEM_DROP -> {
        inst.elements[code[pc + 1]] = NO_ELEMENTS;
        return pc + 2;
      }
      case Op.F32_CEIL -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Numerics.f32Ceil(Float.intBitsToFloat((int) s[fp + code[pc + 2]])));
        return pc + 3;
      }
      case Op.F32_FLOOR -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Numerics.f32Floor(Float.intBitsToFloat((int) s[fp + code[pc + 2]])));
        return pc + 3;
      }
      case Op.F32_TRUNC -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Numerics.f32Trunc(Float.intBitsToFloat((int) s[fp + code[pc + 2]])));
        return pc + 3;
      }
      case Op.F32_NEAREST -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Numerics.f32Nearest(Float.intBitsToFloat((int) s[fp + code[pc + 2]])));
        return pc + 3;
      }
      case Op.F64_CEIL -> {
        s[fp + code[pc + 1]] =
            Double.doubleToRawLongBits(
                Numerics.f64Ceil(Double.longBitsToDouble(s[fp + code[pc + 2]])));
        return pc + 3;
      }
      case Op.F64_FLOOR -> {
        s[fp + code[pc + 1]] =
            Double.doubleToRawLongBits(
                Numerics.f64Floor(Double.longBitsToDouble(s[fp + code[pc + 2]])));
        return pc + 3;
      }
      case Op.F64_TRUNC -> {
        s[fp + code[pc + 1]] =
            Double.doubleToRawLongBits(
                Numerics.f64Trunc(Double.longBitsToDouble(s[fp + code[pc + 2]])));
        return pc + 3;
      }
      case Op.F64_NEAREST -> {
        s[fp + code[pc + 1]] =
            Double.doubleToRawLongBits(
                Numerics.f64Nearest(Double.longBitsToDouble(s[fp + code[pc + 2]])));
        return pc + 3;
      }
      case Op.I32_TRUNC_SAT_F32_S -> {
        s[fp + code[pc + 1]] =
            Numerics.i32TruncSatF32S(Float.intBitsToFloat((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I32_TRUNC_SAT_F32_U -> {
        s[fp + code[pc + 1]] =
            Numerics.i32TruncSatF32U(Float.intBitsToFloat((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I32_TRUNC_SAT_F64_S -> {
        s[fp + code[pc + 1]] =
            Numerics.i32TruncSatF64S(Double.longBitsToDouble(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I32_TRUNC_SAT_F64_U -> {
        s[fp + code[pc + 1]] =
            Numerics.i32TruncSatF64U(Double.longBitsToDouble(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I64_TRUNC_SAT_F32_S -> {
        s[fp + code[pc + 1]] =
            Numerics.i64TruncSatF32S(Float.intBitsToFloat((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I64_TRUNC_SAT_F32_U -> {
        s[fp + code[pc + 1]] =
            Numerics.i64TruncSatF32U(Float.intBitsToFloat((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I64_TRUNC_SAT_F64_S -> {
        s[fp + code[pc + 1]] =
            Numerics.i64TruncSatF64S(Double.longBitsToDouble(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I64_TRUNC_SAT_F64_U -> {
        s[fp + code[pc + 1]] =
            Numerics.i64TruncSatF64U(Double.longBitsToDouble(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I32_CLZ -> {
        s[fp + code[pc + 1]] = Integer.numberOfLeadingZeros((int) s[fp + code[pc + 2]]);
        return pc + 3;
      }
      case Op.I32_CTZ -> {
        s[fp + code[pc + 1]] = Integer.numberOfTrailingZeros((int) s[fp + code[pc + 2]]);
        return pc + 3;
      }
      case Op.I32_POPCNT -> {
        s[fp + code[pc + 1]] = Integer.bitCount((int) s[fp + code[pc + 2]]);
        return pc + 3;
      }
      case Op.I64_LT_U -> {
        s[fp + code[pc + 1]] =
            Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) < 0 ? 1 : 0;
        return pc + 4;
      }
      case Op.I64_GT_U -> {
        s[fp + code[pc + 1]] =
            Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) > 0 ? 1 : 0;
        return pc + 4;
      }
      case Op.I64_LE_U -> {
        s[fp + code[pc + 1]] =
            Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) <= 0 ? 1 : 0;
        return pc + 4;
      }
      case Op.I64_CLZ -> {
        s[fp + code[pc + 1]] = Long.numberOfLeadingZeros(s[fp + code[pc + 2]]);
        return pc + 3;
      }
      case Op.I64_CTZ -> {
        s[fp + code[pc + 1]] = Long.numberOfTrailingZeros(s[fp + code[pc + 2]]);
        return pc + 3;
      }
      case Op.I64_POPCNT -> {
        s[fp + code[pc + 1]] = Long.bitCount(s[fp + code[pc + 2]]);
        return pc + 3;
      }
      case Op.I64_DIV_S -> {
        s[fp + code[pc + 1]] = Numerics.i64DivS(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
        return pc + 4;
      }
      case Op.I64_DIV_U -> {
        s[fp + code[pc + 1]] = Numerics.i64DivU(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
        return pc + 4;
      }
      case Op.I64_REM_S -> {
        s[fp + code[pc + 1]] = Numerics.i64RemS(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
        return pc + 4;
      }
      case Op.I64_REM_U -> {
        s[fp + code[pc + 1]] = Numerics.i64RemU(s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
        return pc + 4;
      }
      case Op.I64_ROTL -> {
        s[fp + code[pc + 1]] = Long.rotateLeft(s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
        return pc + 4;
      }
      case Op.I64_ROTR -> {
        s[fp + code[pc + 1]] = Long.rotateRight(s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
        return pc + 4;
      }
      case Op.F32_EQ -> {
        s[fp + code[pc + 1]] =
            Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                    == Float.intBitsToFloat((int) s[fp + code[pc + 3]])
                ? 1
                : 0;
        return pc + 4;
      }
      case Op.F32_NE -> {
        s[fp + code[pc + 1]] =
            Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                    != Float.intBitsToFloat((int) s[fp + code[pc + 3]])
                ? 1
                : 0;
        return pc + 4;
      }
      case Op.F32_LT -> {
        s[fp + code[pc + 1]] =
            Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                    < Float.intBitsToFloat((int) s[fp + code[pc + 3]])
                ? 1
                : 0;
        return pc + 4;
      }
      case Op.F32_GT -> {
        s[fp + code[pc + 1]] =
            Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                    > Float.intBitsToFloat((int) s[fp + code[pc + 3]])
                ? 1
                : 0;
        return pc + 4;
      }
      case Op.F32_LE -> {
        s[fp + code[pc + 1]] =
            Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                    <= Float.intBitsToFloat((int) s[fp + code[pc + 3]])
                ? 1
                : 0;
        return pc + 4;
      }
      case Op.F32_GE -> {
        s[fp + code[pc + 1]] =
            Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                    >= Float.intBitsToFloat((int) s[fp + code[pc + 3]])
                ? 1
                : 0;
        return pc + 4;
      }
      case Op.F32_ADD -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                    + Float.intBitsToFloat((int) s[fp + code[pc + 3]]));
        return pc + 4;
      }
      case Op.F32_SUB -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                    - Float.intBitsToFloat((int) s[fp + code[pc + 3]]));
        return pc + 4;
      }
      case Op.F32_MUL -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                    * Float.intBitsToFloat((int) s[fp + code[pc + 3]]));
        return pc + 4;
      }
      case Op.F32_DIV -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Float.intBitsToFloat((int) s[fp + code[pc + 2]])
                    / Float.intBitsToFloat((int) s[fp + code[pc + 3]]));
        return pc + 4;
      }
      case Op.F32_MIN -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Numerics.f32Min(
                    Float.intBitsToFloat((int) s[fp + code[pc + 2]]),
                    Float.intBitsToFloat((int) s[fp + code[pc + 3]])));
        return pc + 4;
      }
      case Op.F32_MAX -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Numerics.f32Max(
                    Float.intBitsToFloat((int) s[fp + code[pc + 2]]),
                    Float.intBitsToFloat((int) s[fp + code[pc + 3]])));
        return pc + 4;
      }
      case Op.F32_SQRT -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(
                Numerics.f32Sqrt(Float.intBitsToFloat((int) s[fp + code[pc + 2]])));
        return pc + 3;
      }
      case Op.F64_MIN -> {
        s[fp + code[pc + 1]] =
            Double.doubleToRawLongBits(
                Numerics.f64Min(
                    Double.longBitsToDouble(s[fp + code[pc + 2]]),
                    Double.longBitsToDouble(s[fp + code[pc + 3]])));
        return pc + 4;
      }
      case Op.F64_MAX -> {
        s[fp + code[pc + 1]] =
            Double.doubleToRawLongBits(
                Numerics.f64Max(
                    Double.longBitsToDouble(s[fp + code[pc + 2]]),
                    Double.longBitsToDouble(s[fp + code[pc + 3]])));
        return pc + 4;
      }
      case Op.F32_ABS -> {
        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] & 0x7FFFFFFF;
        return pc + 3;
      }
      case Op.F32_NEG -> {
        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] ^ 0x80000000;
        return pc + 3;
      }
      case Op.F32_COPYSIGN -> {
        s[fp + code[pc + 1]] =
            ((int) s[fp + code[pc + 2]] & 0x7FFFFFFF) | ((int) s[fp + code[pc + 3]] & 0x80000000);
        return pc + 4;
      }
      case Op.F64_ABS -> {
        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & 0x7FFFFFFFFFFFFFFFL;
        return pc + 3;
      }
      case Op.F64_NEG -> {
        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ 0x8000000000000000L;
        return pc + 3;
      }
      case Op.F64_COPYSIGN -> {
        s[fp + code[pc + 1]] =
            (s[fp + code[pc + 2]] & 0x7FFFFFFFFFFFFFFFL)
                | (s[fp + code[pc + 3]] & 0x8000000000000000L);
        return pc + 4;
      }
      case Op.I32_EXTEND8_S -> {
        s[fp + code[pc + 1]] = (byte) (int) s[fp + code[pc + 2]];
        return pc + 3;
      }
      case Op.I32_EXTEND16_S -> {
        s[fp + code[pc + 1]] = (short) (int) s[fp + code[pc + 2]];
        return pc + 3;
      }
      case Op.I64_EXTEND8_S -> {
        s[fp + code[pc + 1]] = (byte) s[fp + code[pc + 2]];
        return pc + 3;
      }
      case Op.I64_EXTEND16_S -> {
        s[fp + code[pc + 1]] = (short) s[fp + code[pc + 2]];
        return pc + 3;
      }
      case Op.I64_EXTEND32_S -> {
        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]];
        return pc + 3;
      }
      case Op.I32_TRUNC_F32_S -> {
        s[fp + code[pc + 1]] =
            Numerics.i32TruncF32S(Float.intBitsToFloat((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I32_TRUNC_F32_U -> {
        s[fp + code[pc + 1]] =
            Numerics.i32TruncF32U(Float.intBitsToFloat((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I32_TRUNC_F64_S -> {
        s[fp + code[pc + 1]] = Numerics.i32TruncF64S(Double.longBitsToDouble(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I32_TRUNC_F64_U -> {
        s[fp + code[pc + 1]] = Numerics.i32TruncF64U(Double.longBitsToDouble(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I64_TRUNC_F32_S -> {
        s[fp + code[pc + 1]] =
            Numerics.i64TruncF32S(Float.intBitsToFloat((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I64_TRUNC_F32_U -> {
        s[fp + code[pc + 1]] =
            Numerics.i64TruncF32U(Float.intBitsToFloat((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I64_TRUNC_F64_S -> {
        s[fp + code[pc + 1]] = Numerics.i64TruncF64S(Double.longBitsToDouble(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I64_TRUNC_F64_U -> {
        s[fp + code[pc + 1]] = Numerics.i64TruncF64U(Double.longBitsToDouble(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.F32_CONVERT_I32_S -> {
        s[fp + code[pc + 1]] = Float.floatToRawIntBits((float) (int) s[fp + code[pc + 2]]);
        return pc + 3;
      }
      case Op.F32_CONVERT_I32_U -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(Numerics.f32ConvertI32U((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.F32_CONVERT_I64_S -> {
        s[fp + code[pc + 1]] = Float.floatToRawIntBits((float) s[fp + code[pc + 2]]);
        return pc + 3;
      }
      case Op.F32_CONVERT_I64_U -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits(Numerics.f32ConvertI64U(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.F64_CONVERT_I32_U -> {
        s[fp + code[pc + 1]] =
            Double.doubleToRawLongBits(Numerics.f64ConvertI32U((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.F64_CONVERT_I64_S -> {
        s[fp + code[pc + 1]] = Double.doubleToRawLongBits((double) s[fp + code[pc + 2]]);
        return pc + 3;
      }
      case Op.F64_CONVERT_I64_U -> {
        s[fp + code[pc + 1]] =
            Double.doubleToRawLongBits(Numerics.f64ConvertI64U(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.F32_DEMOTE_F64 -> {
        s[fp + code[pc + 1]] =
            Float.floatToRawIntBits((float) Double.longBitsToDouble(s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.F64_PROMOTE_F32 -> {
        s[fp + code[pc + 1]] =
            Double.doubleToRawLongBits((double) Float.intBitsToFloat((int) s[fp + code[pc + 2]]));
        return pc + 3;
      }
      case Op.I32_REINTERPRET_F32 -> {
        s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
        return pc + 3;
      }
      case Op.I64_REINTERPRET_F64 -> {
        s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
        return pc + 3;
      }
      case Op.F32_REINTERPRET_I32 -> {
        s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
        return pc + 3;
      }
      case Op.F64_REINTERPRET_I64 -> {
        s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
        return pc + 3;
      }
      default -> {
        return SimdMemory.execute(op, s, fp, code, pc, inst.memory.bytes);
      }
    }
  }

  private static int tableIndex(long index, int size) {
    int i = (int) index;
    if (i < 0 || i >= size) {
      throw new TrapException("out of bounds table access");
    }
    return i;
  }

  private static void copyElements(
      Object[] src, long srcIndex, Object[] dst, long dstIndex, long count) {
    long from = srcIndex & 0xFFFFFFFFL;
    long to = dstIndex & 0xFFFFFFFFL;
    long n = count & 0xFFFFFFFFL;
    if (from + n > src.length || to + n > dst.length) {
      throw new TrapException("out of bounds table access");
    }
    System.arraycopy(src, (int) from, dst, (int) to, (int) n);
  }

  private static void memoryFill(MemoryInstance memory, long dst, byte value, long count) {
    long to = dst & 0xFFFFFFFFL;
    long n = count & 0xFFFFFFFFL;
    byte[] bytes = memory.bytes;
    if (to + n > bytes.length) {
      throw new TrapException("out of bounds memory access");
    }
    Arrays.fill(bytes, (int) to, (int) (to + n), value);
  }

  private static void memoryCopy(MemoryInstance memory, long dst, long src, long count) {
    long to = dst & 0xFFFFFFFFL;
    long from = src & 0xFFFFFFFFL;
    long n = count & 0xFFFFFFFFL;
    byte[] bytes = memory.bytes;
    if (to + n > bytes.length || from + n > bytes.length) {
      throw new TrapException("out of bounds memory access");
    }
    System.arraycopy(bytes, (int) from, bytes, (int) to, (int) n);
  }

  private static void memoryInit(
      MemoryInstance memory, byte[] data, long dst, long src, long count) {
    long to = dst & 0xFFFFFFFFL;
    long from = src & 0xFFFFFFFFL;
    long n = count & 0xFFFFFFFFL;
    byte[] bytes = memory.bytes;
    if (from + n > data.length || to + n > bytes.length) {
      throw new TrapException("out of bounds memory access");
    }
    System.arraycopy(data, (int) from, bytes, (int) to, (int) n);
  }
}

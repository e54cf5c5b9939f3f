package dev.patina.wasm.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.patina.wasm.binary.Opcode;
import org.objectweb.asm.MethodVisitor;

/**
 * The bytecode of the numeric instructions other than comparisons. Where the JVM's operation is the
 * Wasm operation (integer arithmetic, IEEE float arithmetic, most conversions) it is one JVM
 * instruction; the rest call the interpreter's exact helpers ({@code Numerics}), which trap where
 * Wasm traps, or {@link Scalars} for sign-bit operations on raw bits.
 */
final class Numeric {
  private static final String NUMERICS = "dev/patina/wasm/internal/interp/Numerics";
  private static final String SCALARS = "dev/patina/wasm/compiler/internal/Scalars";

  private Numeric() {}

  /** Emits {@code op}; returns false if it is not a numeric instruction handled here. */
  static boolean emit(Opcode op, MethodVisitor mv, int offset, FunctionCodegen.TrapSites traps) {
    switch (op) {
      case I32_ADD -> mv.visitInsn(IADD);
      case I32_SUB -> mv.visitInsn(ISUB);
      case I32_MUL -> mv.visitInsn(IMUL);
      case I32_AND -> mv.visitInsn(IAND);
      case I32_OR -> mv.visitInsn(IOR);
      case I32_XOR -> mv.visitInsn(IXOR);
      case I32_SHL -> mv.visitInsn(ISHL);
      case I32_SHR_S -> mv.visitInsn(ISHR);
      case I32_SHR_U -> mv.visitInsn(IUSHR);
      case I32_DIV_S -> traps.at(offset, () -> call(mv, NUMERICS, "i32DivS", "(II)I"));
      case I32_DIV_U -> traps.at(offset, () -> call(mv, NUMERICS, "i32DivU", "(II)I"));
      case I32_REM_S -> traps.at(offset, () -> call(mv, NUMERICS, "i32RemS", "(II)I"));
      case I32_REM_U -> traps.at(offset, () -> call(mv, NUMERICS, "i32RemU", "(II)I"));
      case I32_ROTL -> call(mv, "java/lang/Integer", "rotateLeft", "(II)I");
      case I32_ROTR -> call(mv, "java/lang/Integer", "rotateRight", "(II)I");
      case I32_CLZ -> call(mv, "java/lang/Integer", "numberOfLeadingZeros", "(I)I");
      case I32_CTZ -> call(mv, "java/lang/Integer", "numberOfTrailingZeros", "(I)I");
      case I32_POPCNT -> call(mv, "java/lang/Integer", "bitCount", "(I)I");
      case I64_ADD -> mv.visitInsn(LADD);
      case I64_SUB -> mv.visitInsn(LSUB);
      case I64_MUL -> mv.visitInsn(LMUL);
      case I64_AND -> mv.visitInsn(LAND);
      case I64_OR -> mv.visitInsn(LOR);
      case I64_XOR -> mv.visitInsn(LXOR);
      case I64_SHL -> {
        mv.visitInsn(L2I);
        mv.visitInsn(LSHL);
      }
      case I64_SHR_S -> {
        mv.visitInsn(L2I);
        mv.visitInsn(LSHR);
      }
      case I64_SHR_U -> {
        mv.visitInsn(L2I);
        mv.visitInsn(LUSHR);
      }
      case I64_DIV_S -> traps.at(offset, () -> call(mv, NUMERICS, "i64DivS", "(JJ)J"));
      case I64_DIV_U -> traps.at(offset, () -> call(mv, NUMERICS, "i64DivU", "(JJ)J"));
      case I64_REM_S -> traps.at(offset, () -> call(mv, NUMERICS, "i64RemS", "(JJ)J"));
      case I64_REM_U -> traps.at(offset, () -> call(mv, NUMERICS, "i64RemU", "(JJ)J"));
      case I64_ROTL -> {
        mv.visitInsn(L2I);
        call(mv, "java/lang/Long", "rotateLeft", "(JI)J");
      }
      case I64_ROTR -> {
        mv.visitInsn(L2I);
        call(mv, "java/lang/Long", "rotateRight", "(JI)J");
      }
      case I64_CLZ -> {
        call(mv, "java/lang/Long", "numberOfLeadingZeros", "(J)I");
        mv.visitInsn(I2L);
      }
      case I64_CTZ -> {
        call(mv, "java/lang/Long", "numberOfTrailingZeros", "(J)I");
        mv.visitInsn(I2L);
      }
      case I64_POPCNT -> {
        call(mv, "java/lang/Long", "bitCount", "(J)I");
        mv.visitInsn(I2L);
      }
      case F32_ADD -> mv.visitInsn(FADD);
      case F32_SUB -> mv.visitInsn(FSUB);
      case F32_MUL -> mv.visitInsn(FMUL);
      case F32_DIV -> mv.visitInsn(FDIV);
      case F32_MIN -> call(mv, NUMERICS, "f32Min", "(FF)F");
      case F32_MAX -> call(mv, NUMERICS, "f32Max", "(FF)F");
      case F32_SQRT -> call(mv, NUMERICS, "f32Sqrt", "(F)F");
      case F32_CEIL -> call(mv, NUMERICS, "f32Ceil", "(F)F");
      case F32_FLOOR -> call(mv, NUMERICS, "f32Floor", "(F)F");
      case F32_TRUNC -> call(mv, NUMERICS, "f32Trunc", "(F)F");
      case F32_NEAREST -> call(mv, NUMERICS, "f32Nearest", "(F)F");
      case F32_ABS -> call(mv, SCALARS, "abs", "(F)F");
      case F32_NEG -> call(mv, SCALARS, "neg", "(F)F");
      case F32_COPYSIGN -> call(mv, SCALARS, "copysign", "(FF)F");
      case F64_ADD -> mv.visitInsn(DADD);
      case F64_SUB -> mv.visitInsn(DSUB);
      case F64_MUL -> mv.visitInsn(DMUL);
      case F64_DIV -> mv.visitInsn(DDIV);
      case F64_MIN -> call(mv, NUMERICS, "f64Min", "(DD)D");
      case F64_MAX -> call(mv, NUMERICS, "f64Max", "(DD)D");
      case F64_SQRT -> call(mv, NUMERICS, "f64Sqrt", "(D)D");
      case F64_CEIL -> call(mv, NUMERICS, "f64Ceil", "(D)D");
      case F64_FLOOR -> call(mv, NUMERICS, "f64Floor", "(D)D");
      case F64_TRUNC -> call(mv, NUMERICS, "f64Trunc", "(D)D");
      case F64_NEAREST -> call(mv, NUMERICS, "f64Nearest", "(D)D");
      case F64_ABS -> call(mv, SCALARS, "abs", "(D)D");
      case F64_NEG -> call(mv, SCALARS, "neg", "(D)D");
      case F64_COPYSIGN -> call(mv, SCALARS, "copysign", "(DD)D");
      case I32_WRAP_I64 -> mv.visitInsn(L2I);
      case I64_EXTEND_I32_S -> mv.visitInsn(I2L);
      case I64_EXTEND_I32_U -> call(mv, "java/lang/Integer", "toUnsignedLong", "(I)J");
      case I32_EXTEND8_S -> mv.visitInsn(I2B);
      case I32_EXTEND16_S -> mv.visitInsn(I2S);
      case I64_EXTEND8_S -> {
        mv.visitInsn(L2I);
        mv.visitInsn(I2B);
        mv.visitInsn(I2L);
      }
      case I64_EXTEND16_S -> {
        mv.visitInsn(L2I);
        mv.visitInsn(I2S);
        mv.visitInsn(I2L);
      }
      case I64_EXTEND32_S -> {
        mv.visitInsn(L2I);
        mv.visitInsn(I2L);
      }
      case I32_TRUNC_F32_S -> traps.at(offset, () -> call(mv, NUMERICS, "i32TruncF32S", "(F)I"));
      case I32_TRUNC_F32_U -> traps.at(offset, () -> call(mv, NUMERICS, "i32TruncF32U", "(F)I"));
      case I32_TRUNC_F64_S -> traps.at(offset, () -> call(mv, NUMERICS, "i32TruncF64S", "(D)I"));
      case I32_TRUNC_F64_U -> traps.at(offset, () -> call(mv, NUMERICS, "i32TruncF64U", "(D)I"));
      case I64_TRUNC_F32_S -> traps.at(offset, () -> call(mv, NUMERICS, "i64TruncF32S", "(F)J"));
      case I64_TRUNC_F32_U -> traps.at(offset, () -> call(mv, NUMERICS, "i64TruncF32U", "(F)J"));
      case I64_TRUNC_F64_S -> traps.at(offset, () -> call(mv, NUMERICS, "i64TruncF64S", "(D)J"));
      case I64_TRUNC_F64_U -> traps.at(offset, () -> call(mv, NUMERICS, "i64TruncF64U", "(D)J"));
      case I32_TRUNC_SAT_F32_S -> call(mv, NUMERICS, "i32TruncSatF32S", "(F)I");
      case I32_TRUNC_SAT_F32_U -> call(mv, NUMERICS, "i32TruncSatF32U", "(F)I");
      case I32_TRUNC_SAT_F64_S -> call(mv, NUMERICS, "i32TruncSatF64S", "(D)I");
      case I32_TRUNC_SAT_F64_U -> call(mv, NUMERICS, "i32TruncSatF64U", "(D)I");
      case I64_TRUNC_SAT_F32_S -> call(mv, NUMERICS, "i64TruncSatF32S", "(F)J");
      case I64_TRUNC_SAT_F32_U -> call(mv, NUMERICS, "i64TruncSatF32U", "(F)J");
      case I64_TRUNC_SAT_F64_S -> call(mv, NUMERICS, "i64TruncSatF64S", "(D)J");
      case I64_TRUNC_SAT_F64_U -> call(mv, NUMERICS, "i64TruncSatF64U", "(D)J");
      case F32_CONVERT_I32_S -> mv.visitInsn(I2F);
      case F32_CONVERT_I32_U -> call(mv, NUMERICS, "f32ConvertI32U", "(I)F");
      case F32_CONVERT_I64_S -> mv.visitInsn(L2F);
      case F32_CONVERT_I64_U -> call(mv, NUMERICS, "f32ConvertI64U", "(J)F");
      case F32_DEMOTE_F64 -> mv.visitInsn(D2F);
      case F64_CONVERT_I32_S -> mv.visitInsn(I2D);
      case F64_CONVERT_I32_U -> call(mv, NUMERICS, "f64ConvertI32U", "(I)D");
      case F64_CONVERT_I64_S -> mv.visitInsn(L2D);
      case F64_CONVERT_I64_U -> call(mv, NUMERICS, "f64ConvertI64U", "(J)D");
      case F64_PROMOTE_F32 -> mv.visitInsn(F2D);
      case I32_REINTERPRET_F32 -> call(mv, "java/lang/Float", "floatToRawIntBits", "(F)I");
      case I64_REINTERPRET_F64 -> call(mv, "java/lang/Double", "doubleToRawLongBits", "(D)J");
      case F32_REINTERPRET_I32 -> call(mv, "java/lang/Float", "intBitsToFloat", "(I)F");
      case F64_REINTERPRET_I64 -> call(mv, "java/lang/Double", "longBitsToDouble", "(J)D");
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void call(MethodVisitor mv, String owner, String name, String descriptor) {
    mv.visitMethodInsn(INVOKESTATIC, owner, name, descriptor, false);
  }
}

package dev.patina.wasm.internal.interp;

/** Which instructions the compiler may fuse, and into what. */
final class Fusion {
  private Fusion() {}

  /** The form of an i32 operation that takes its second operand as an immediate, or -1. */
  static int withImmediate(int op) {
    return switch (op) {
      case Op.I32_ADD, Op.I32_SUB -> Op.I32_ADD_IMM;
      case Op.I32_MUL -> Op.I32_MUL_IMM;
      case Op.I32_AND -> Op.I32_AND_IMM;
      case Op.I32_OR -> Op.I32_OR_IMM;
      case Op.I32_XOR -> Op.I32_XOR_IMM;
      case Op.I32_SHL -> Op.I32_SHL_IMM;
      case Op.I32_SHR_S -> Op.I32_SHR_S_IMM;
      case Op.I32_SHR_U -> Op.I32_SHR_U_IMM;
      default -> -1;
    };
  }

  /** The form of a memory access that adds two address slots itself, or -1. */
  static int withAddressSum(int op) {
    return switch (op) {
      case Op.I32_LOAD, Op.F32_LOAD -> Op.LOAD32_AT;
      case Op.I64_LOAD, Op.F64_LOAD -> Op.LOAD64_AT;
      case Op.I32_LOAD8_U -> Op.LOAD8U_AT;
      case Op.I32_STORE, Op.F32_STORE -> Op.STORE32_AT;
      case Op.I64_STORE, Op.F64_STORE -> Op.STORE64_AT;
      case Op.I32_STORE8 -> Op.STORE8_AT;
      default -> -1;
    };
  }

  /** The branch that jumps when the i32 comparison {@code op} holds, or -1. */
  static int branchOnComparison(int op) {
    return switch (op) {
      case Op.I32_EQ -> Op.BR_IF_I32_EQ;
      case Op.I32_NE -> Op.BR_IF_I32_NE;
      case Op.I32_LT_S -> Op.BR_IF_I32_LT_S;
      case Op.I32_LT_U -> Op.BR_IF_I32_LT_U;
      case Op.I32_GT_S -> Op.BR_IF_I32_GT_S;
      case Op.I32_GT_U -> Op.BR_IF_I32_GT_U;
      case Op.I32_LE_S -> Op.BR_IF_I32_LE_S;
      case Op.I32_LE_U -> Op.BR_IF_I32_LE_U;
      case Op.I32_GE_S -> Op.BR_IF_I32_GE_S;
      case Op.I32_GE_U -> Op.BR_IF_I32_GE_U;
      default -> -1;
    };
  }

  /** The comparison that holds exactly when i32 comparison {@code op} does not. */
  static int inverse(int op) {
    return switch (op) {
      case Op.I32_EQ -> Op.I32_NE;
      case Op.I32_NE -> Op.I32_EQ;
      case Op.I32_LT_S -> Op.I32_GE_S;
      case Op.I32_GE_S -> Op.I32_LT_S;
      case Op.I32_LT_U -> Op.I32_GE_U;
      case Op.I32_GE_U -> Op.I32_LT_U;
      case Op.I32_GT_S -> Op.I32_LE_S;
      case Op.I32_LE_S -> Op.I32_GT_S;
      case Op.I32_GT_U -> Op.I32_LE_U;
      case Op.I32_LE_U -> Op.I32_GT_U;
      default -> throw new IllegalArgumentException("not an i32 comparison: " + op);
    };
  }
}

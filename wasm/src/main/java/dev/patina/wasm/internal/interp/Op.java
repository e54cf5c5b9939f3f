package dev.patina.wasm.internal.interp;

import dev.patina.wasm.binary.Opcode;

/**
 * The interpreter's instruction set. Compiled code is an {@code int[]}: an opcode followed by its
 * operands. Operands that name values are frame slots relative to the frame pointer (locals first,
 * then the operand stack), which the compiler resolved from static stack heights: the code is a
 * register machine, not a stack machine, so most {@code local.get}s cost nothing.
 */
final class Op {
  private Op() {}

  /** count: charge count units of fuel and check for an interrupt (metered code only) */
  static final int METER = 0;

  /** trap "unreachable" */
  static final int UNREACHABLE = 1;

  /** target: jump */
  static final int BR = 2;

  /** cond target: jump if the i32 in cond is not zero */
  static final int BR_IF = 3;

  /** cond target: jump if the i32 in cond is zero */
  static final int BR_UNLESS = 4;

  /** index count target*count default */
  static final int BR_TABLE = 5;

  /** return to the caller; results are already in slots 0.. */
  static final int RETURN = 6;

  /** src: copy the single 64-bit result from src to slot 0, then return */
  static final int RETURN_VALUE = 7;

  /** function argBase: callee frame starts at slot argBase */
  static final int CALL = 8;

  /** typeId table argBase indexSlot */
  static final int CALL_INDIRECT = 9;

  /** dst src (one 64-bit slot) */
  static final int COPY = 10;

  /** dst src (a reference) */
  static final int COPY_REF = 11;

  /** dst src (two slots) */
  static final int COPY_V128 = 12;

  /** dst low high: a 64-bit constant (i32/f32 use low only) */
  static final int CONST = 13;

  /** dst w0 w1 w2 w3 */
  static final int CONST_V128 = 14;

  /** dst */
  static final int REF_NULL = 15;

  /** dst function */
  static final int REF_FUNC = 16;

  /** dst src */
  static final int REF_IS_NULL = 17;

  /** dst global */
  static final int GLOBAL_GET = 18;

  static final int GLOBAL_GET_REF = 19;
  static final int GLOBAL_GET_V128 = 20;

  /** global src */
  static final int GLOBAL_SET = 21;

  static final int GLOBAL_SET_REF = 22;
  static final int GLOBAL_SET_V128 = 23;

  /** dst a b cond */
  static final int SELECT = 24;

  static final int SELECT_REF = 25;
  static final int SELECT_V128 = 26;

  /** dst */
  static final int MEMORY_SIZE = 27;

  /** dst delta */
  static final int MEMORY_GROW = 28;

  /** dst value length */
  static final int MEMORY_FILL = 29;

  /** dst src length */
  static final int MEMORY_COPY = 30;

  /** segment dst src length */
  static final int MEMORY_INIT = 31;

  /** segment */
  static final int DATA_DROP = 32;

  /** dst table index */
  static final int TABLE_GET = 33;

  /** table index value */
  static final int TABLE_SET = 34;

  /** dst table */
  static final int TABLE_SIZE = 35;

  /** dst table init delta */
  static final int TABLE_GROW = 36;

  /** table start value length */
  static final int TABLE_FILL = 37;

  /** dstTable srcTable dst src length */
  static final int TABLE_COPY = 38;

  /** table segment dst src length */
  static final int TABLE_INIT = 39;

  /** segment */
  static final int ELEM_DROP = 40;

  /** subOpcode dst sources... immediates... (see Simd.execute) */
  static final int SIMD = 41;

  // Instructions that map one to one from Wasm: numeric ones take dst then sources;
  // loads take dst addr offset; stores take addr value offset.
  static final int I32_LOAD = 42;
  static final int I64_LOAD = 43;
  static final int F32_LOAD = 44;
  static final int F64_LOAD = 45;
  static final int I32_LOAD8_S = 46;
  static final int I32_LOAD8_U = 47;
  static final int I32_LOAD16_S = 48;
  static final int I32_LOAD16_U = 49;
  static final int I64_LOAD8_S = 50;
  static final int I64_LOAD8_U = 51;
  static final int I64_LOAD16_S = 52;
  static final int I64_LOAD16_U = 53;
  static final int I64_LOAD32_S = 54;
  static final int I64_LOAD32_U = 55;
  static final int I32_STORE = 56;
  static final int I64_STORE = 57;
  static final int F32_STORE = 58;
  static final int F64_STORE = 59;
  static final int I32_STORE8 = 60;
  static final int I32_STORE16 = 61;
  static final int I64_STORE8 = 62;
  static final int I64_STORE16 = 63;
  static final int I64_STORE32 = 64;
  static final int I32_EQZ = 65;
  static final int I32_EQ = 66;
  static final int I32_NE = 67;
  static final int I32_LT_S = 68;
  static final int I32_LT_U = 69;
  static final int I32_GT_S = 70;
  static final int I32_GT_U = 71;
  static final int I32_LE_S = 72;
  static final int I32_LE_U = 73;
  static final int I32_GE_S = 74;
  static final int I32_GE_U = 75;
  static final int I64_EQZ = 76;
  static final int I64_EQ = 77;
  static final int I64_NE = 78;
  static final int I64_LT_S = 79;
  static final int I64_LT_U = 80;
  static final int I64_GT_S = 81;
  static final int I64_GT_U = 82;
  static final int I64_LE_S = 83;
  static final int I64_LE_U = 84;
  static final int I64_GE_S = 85;
  static final int I64_GE_U = 86;
  static final int F32_EQ = 87;
  static final int F32_NE = 88;
  static final int F32_LT = 89;
  static final int F32_GT = 90;
  static final int F32_LE = 91;
  static final int F32_GE = 92;
  static final int F64_EQ = 93;
  static final int F64_NE = 94;
  static final int F64_LT = 95;
  static final int F64_GT = 96;
  static final int F64_LE = 97;
  static final int F64_GE = 98;
  static final int I32_CLZ = 99;
  static final int I32_CTZ = 100;
  static final int I32_POPCNT = 101;
  static final int I32_ADD = 102;
  static final int I32_SUB = 103;
  static final int I32_MUL = 104;
  static final int I32_DIV_S = 105;
  static final int I32_DIV_U = 106;
  static final int I32_REM_S = 107;
  static final int I32_REM_U = 108;
  static final int I32_AND = 109;
  static final int I32_OR = 110;
  static final int I32_XOR = 111;
  static final int I32_SHL = 112;
  static final int I32_SHR_S = 113;
  static final int I32_SHR_U = 114;
  static final int I32_ROTL = 115;
  static final int I32_ROTR = 116;
  static final int I64_CLZ = 117;
  static final int I64_CTZ = 118;
  static final int I64_POPCNT = 119;
  static final int I64_ADD = 120;
  static final int I64_SUB = 121;
  static final int I64_MUL = 122;
  static final int I64_DIV_S = 123;
  static final int I64_DIV_U = 124;
  static final int I64_REM_S = 125;
  static final int I64_REM_U = 126;
  static final int I64_AND = 127;
  static final int I64_OR = 128;
  static final int I64_XOR = 129;
  static final int I64_SHL = 130;
  static final int I64_SHR_S = 131;
  static final int I64_SHR_U = 132;
  static final int I64_ROTL = 133;
  static final int I64_ROTR = 134;
  static final int F32_ABS = 135;
  static final int F32_NEG = 136;
  static final int F32_CEIL = 137;
  static final int F32_FLOOR = 138;
  static final int F32_TRUNC = 139;
  static final int F32_NEAREST = 140;
  static final int F32_SQRT = 141;
  static final int F32_ADD = 142;
  static final int F32_SUB = 143;
  static final int F32_MUL = 144;
  static final int F32_DIV = 145;
  static final int F32_MIN = 146;
  static final int F32_MAX = 147;
  static final int F32_COPYSIGN = 148;
  static final int F64_ABS = 149;
  static final int F64_NEG = 150;
  static final int F64_CEIL = 151;
  static final int F64_FLOOR = 152;
  static final int F64_TRUNC = 153;
  static final int F64_NEAREST = 154;
  static final int F64_SQRT = 155;
  static final int F64_ADD = 156;
  static final int F64_SUB = 157;
  static final int F64_MUL = 158;
  static final int F64_DIV = 159;
  static final int F64_MIN = 160;
  static final int F64_MAX = 161;
  static final int F64_COPYSIGN = 162;
  static final int I32_WRAP_I64 = 163;
  static final int I32_TRUNC_F32_S = 164;
  static final int I32_TRUNC_F32_U = 165;
  static final int I32_TRUNC_F64_S = 166;
  static final int I32_TRUNC_F64_U = 167;
  static final int I64_EXTEND_I32_S = 168;
  static final int I64_EXTEND_I32_U = 169;
  static final int I64_TRUNC_F32_S = 170;
  static final int I64_TRUNC_F32_U = 171;
  static final int I64_TRUNC_F64_S = 172;
  static final int I64_TRUNC_F64_U = 173;
  static final int F32_CONVERT_I32_S = 174;
  static final int F32_CONVERT_I32_U = 175;
  static final int F32_CONVERT_I64_S = 176;
  static final int F32_CONVERT_I64_U = 177;
  static final int F32_DEMOTE_F64 = 178;
  static final int F64_CONVERT_I32_S = 179;
  static final int F64_CONVERT_I32_U = 180;
  static final int F64_CONVERT_I64_S = 181;
  static final int F64_CONVERT_I64_U = 182;
  static final int F64_PROMOTE_F32 = 183;
  static final int I32_REINTERPRET_F32 = 184;
  static final int I64_REINTERPRET_F64 = 185;
  static final int F32_REINTERPRET_I32 = 186;
  static final int F64_REINTERPRET_I64 = 187;
  static final int I32_EXTEND8_S = 188;
  static final int I32_EXTEND16_S = 189;
  static final int I64_EXTEND8_S = 190;
  static final int I64_EXTEND16_S = 191;
  static final int I64_EXTEND32_S = 192;
  static final int I32_TRUNC_SAT_F32_S = 193;
  static final int I32_TRUNC_SAT_F32_U = 194;
  static final int I32_TRUNC_SAT_F64_S = 195;
  static final int I32_TRUNC_SAT_F64_U = 196;
  static final int I64_TRUNC_SAT_F32_S = 197;
  static final int I64_TRUNC_SAT_F32_U = 198;
  static final int I64_TRUNC_SAT_F64_S = 199;
  static final int I64_TRUNC_SAT_F64_U = 200;
  static final int V128_LOAD = 201;
  static final int V128_LOAD8X8_S = 202;
  static final int V128_LOAD8X8_U = 203;
  static final int V128_LOAD16X4_S = 204;
  static final int V128_LOAD16X4_U = 205;
  static final int V128_LOAD32X2_S = 206;
  static final int V128_LOAD32X2_U = 207;
  static final int V128_LOAD8_SPLAT = 208;
  static final int V128_LOAD16_SPLAT = 209;
  static final int V128_LOAD32_SPLAT = 210;
  static final int V128_LOAD64_SPLAT = 211;
  static final int V128_STORE = 212;
  static final int V128_LOAD8_LANE = 213;
  static final int V128_LOAD16_LANE = 214;
  static final int V128_LOAD32_LANE = 215;
  static final int V128_LOAD64_LANE = 216;
  static final int V128_STORE8_LANE = 217;
  static final int V128_STORE16_LANE = 218;
  static final int V128_STORE32_LANE = 219;
  static final int V128_STORE64_LANE = 220;
  static final int V128_LOAD32_ZERO = 221;
  static final int V128_LOAD64_ZERO = 222;

  // Fused instructions chosen by the compiler: an i32 operation with a constant second
  // operand (dst a imm), an i32 comparison with the branch on its result (a b target), and
  // memory accesses at the address a + b (i32, wrapping), plus the static offset: loads take
  // dst a b offset, stores a b value offset.
  static final int LOAD32_AT = 223;
  static final int LOAD64_AT = 224;
  static final int LOAD8U_AT = 225;
  static final int STORE32_AT = 226;
  static final int STORE64_AT = 227;
  static final int STORE8_AT = 228;
  static final int I32_ADD_IMM = 229;
  static final int I32_MUL_IMM = 230;
  static final int I32_AND_IMM = 231;
  static final int I32_OR_IMM = 232;
  static final int I32_XOR_IMM = 233;
  static final int I32_SHL_IMM = 234;
  static final int I32_SHR_S_IMM = 235;
  static final int I32_SHR_U_IMM = 236;
  static final int BR_IF_I32_EQ = 237;
  static final int BR_IF_I32_NE = 238;
  static final int BR_IF_I32_LT_S = 239;
  static final int BR_IF_I32_LT_U = 240;
  static final int BR_IF_I32_GT_S = 241;
  static final int BR_IF_I32_GT_U = 242;
  static final int BR_IF_I32_LE_S = 243;
  static final int BR_IF_I32_LE_U = 244;
  static final int BR_IF_I32_GE_S = 245;
  static final int BR_IF_I32_GE_U = 246;

  static final int COUNT = 247;

  private static final int[] BY_OPCODE = new int[Opcode.values().length];

  static {
    java.util.Arrays.fill(BY_OPCODE, -1);
    BY_OPCODE[Opcode.I32_LOAD.ordinal()] = I32_LOAD;
    BY_OPCODE[Opcode.I64_LOAD.ordinal()] = I64_LOAD;
    BY_OPCODE[Opcode.F32_LOAD.ordinal()] = F32_LOAD;
    BY_OPCODE[Opcode.F64_LOAD.ordinal()] = F64_LOAD;
    BY_OPCODE[Opcode.I32_LOAD8_S.ordinal()] = I32_LOAD8_S;
    BY_OPCODE[Opcode.I32_LOAD8_U.ordinal()] = I32_LOAD8_U;
    BY_OPCODE[Opcode.I32_LOAD16_S.ordinal()] = I32_LOAD16_S;
    BY_OPCODE[Opcode.I32_LOAD16_U.ordinal()] = I32_LOAD16_U;
    BY_OPCODE[Opcode.I64_LOAD8_S.ordinal()] = I64_LOAD8_S;
    BY_OPCODE[Opcode.I64_LOAD8_U.ordinal()] = I64_LOAD8_U;
    BY_OPCODE[Opcode.I64_LOAD16_S.ordinal()] = I64_LOAD16_S;
    BY_OPCODE[Opcode.I64_LOAD16_U.ordinal()] = I64_LOAD16_U;
    BY_OPCODE[Opcode.I64_LOAD32_S.ordinal()] = I64_LOAD32_S;
    BY_OPCODE[Opcode.I64_LOAD32_U.ordinal()] = I64_LOAD32_U;
    BY_OPCODE[Opcode.I32_STORE.ordinal()] = I32_STORE;
    BY_OPCODE[Opcode.I64_STORE.ordinal()] = I64_STORE;
    BY_OPCODE[Opcode.F32_STORE.ordinal()] = F32_STORE;
    BY_OPCODE[Opcode.F64_STORE.ordinal()] = F64_STORE;
    BY_OPCODE[Opcode.I32_STORE8.ordinal()] = I32_STORE8;
    BY_OPCODE[Opcode.I32_STORE16.ordinal()] = I32_STORE16;
    BY_OPCODE[Opcode.I64_STORE8.ordinal()] = I64_STORE8;
    BY_OPCODE[Opcode.I64_STORE16.ordinal()] = I64_STORE16;
    BY_OPCODE[Opcode.I64_STORE32.ordinal()] = I64_STORE32;
    BY_OPCODE[Opcode.I32_EQZ.ordinal()] = I32_EQZ;
    BY_OPCODE[Opcode.I32_EQ.ordinal()] = I32_EQ;
    BY_OPCODE[Opcode.I32_NE.ordinal()] = I32_NE;
    BY_OPCODE[Opcode.I32_LT_S.ordinal()] = I32_LT_S;
    BY_OPCODE[Opcode.I32_LT_U.ordinal()] = I32_LT_U;
    BY_OPCODE[Opcode.I32_GT_S.ordinal()] = I32_GT_S;
    BY_OPCODE[Opcode.I32_GT_U.ordinal()] = I32_GT_U;
    BY_OPCODE[Opcode.I32_LE_S.ordinal()] = I32_LE_S;
    BY_OPCODE[Opcode.I32_LE_U.ordinal()] = I32_LE_U;
    BY_OPCODE[Opcode.I32_GE_S.ordinal()] = I32_GE_S;
    BY_OPCODE[Opcode.I32_GE_U.ordinal()] = I32_GE_U;
    BY_OPCODE[Opcode.I64_EQZ.ordinal()] = I64_EQZ;
    BY_OPCODE[Opcode.I64_EQ.ordinal()] = I64_EQ;
    BY_OPCODE[Opcode.I64_NE.ordinal()] = I64_NE;
    BY_OPCODE[Opcode.I64_LT_S.ordinal()] = I64_LT_S;
    BY_OPCODE[Opcode.I64_LT_U.ordinal()] = I64_LT_U;
    BY_OPCODE[Opcode.I64_GT_S.ordinal()] = I64_GT_S;
    BY_OPCODE[Opcode.I64_GT_U.ordinal()] = I64_GT_U;
    BY_OPCODE[Opcode.I64_LE_S.ordinal()] = I64_LE_S;
    BY_OPCODE[Opcode.I64_LE_U.ordinal()] = I64_LE_U;
    BY_OPCODE[Opcode.I64_GE_S.ordinal()] = I64_GE_S;
    BY_OPCODE[Opcode.I64_GE_U.ordinal()] = I64_GE_U;
    BY_OPCODE[Opcode.F32_EQ.ordinal()] = F32_EQ;
    BY_OPCODE[Opcode.F32_NE.ordinal()] = F32_NE;
    BY_OPCODE[Opcode.F32_LT.ordinal()] = F32_LT;
    BY_OPCODE[Opcode.F32_GT.ordinal()] = F32_GT;
    BY_OPCODE[Opcode.F32_LE.ordinal()] = F32_LE;
    BY_OPCODE[Opcode.F32_GE.ordinal()] = F32_GE;
    BY_OPCODE[Opcode.F64_EQ.ordinal()] = F64_EQ;
    BY_OPCODE[Opcode.F64_NE.ordinal()] = F64_NE;
    BY_OPCODE[Opcode.F64_LT.ordinal()] = F64_LT;
    BY_OPCODE[Opcode.F64_GT.ordinal()] = F64_GT;
    BY_OPCODE[Opcode.F64_LE.ordinal()] = F64_LE;
    BY_OPCODE[Opcode.F64_GE.ordinal()] = F64_GE;
    BY_OPCODE[Opcode.I32_CLZ.ordinal()] = I32_CLZ;
    BY_OPCODE[Opcode.I32_CTZ.ordinal()] = I32_CTZ;
    BY_OPCODE[Opcode.I32_POPCNT.ordinal()] = I32_POPCNT;
    BY_OPCODE[Opcode.I32_ADD.ordinal()] = I32_ADD;
    BY_OPCODE[Opcode.I32_SUB.ordinal()] = I32_SUB;
    BY_OPCODE[Opcode.I32_MUL.ordinal()] = I32_MUL;
    BY_OPCODE[Opcode.I32_DIV_S.ordinal()] = I32_DIV_S;
    BY_OPCODE[Opcode.I32_DIV_U.ordinal()] = I32_DIV_U;
    BY_OPCODE[Opcode.I32_REM_S.ordinal()] = I32_REM_S;
    BY_OPCODE[Opcode.I32_REM_U.ordinal()] = I32_REM_U;
    BY_OPCODE[Opcode.I32_AND.ordinal()] = I32_AND;
    BY_OPCODE[Opcode.I32_OR.ordinal()] = I32_OR;
    BY_OPCODE[Opcode.I32_XOR.ordinal()] = I32_XOR;
    BY_OPCODE[Opcode.I32_SHL.ordinal()] = I32_SHL;
    BY_OPCODE[Opcode.I32_SHR_S.ordinal()] = I32_SHR_S;
    BY_OPCODE[Opcode.I32_SHR_U.ordinal()] = I32_SHR_U;
    BY_OPCODE[Opcode.I32_ROTL.ordinal()] = I32_ROTL;
    BY_OPCODE[Opcode.I32_ROTR.ordinal()] = I32_ROTR;
    BY_OPCODE[Opcode.I64_CLZ.ordinal()] = I64_CLZ;
    BY_OPCODE[Opcode.I64_CTZ.ordinal()] = I64_CTZ;
    BY_OPCODE[Opcode.I64_POPCNT.ordinal()] = I64_POPCNT;
    BY_OPCODE[Opcode.I64_ADD.ordinal()] = I64_ADD;
    BY_OPCODE[Opcode.I64_SUB.ordinal()] = I64_SUB;
    BY_OPCODE[Opcode.I64_MUL.ordinal()] = I64_MUL;
    BY_OPCODE[Opcode.I64_DIV_S.ordinal()] = I64_DIV_S;
    BY_OPCODE[Opcode.I64_DIV_U.ordinal()] = I64_DIV_U;
    BY_OPCODE[Opcode.I64_REM_S.ordinal()] = I64_REM_S;
    BY_OPCODE[Opcode.I64_REM_U.ordinal()] = I64_REM_U;
    BY_OPCODE[Opcode.I64_AND.ordinal()] = I64_AND;
    BY_OPCODE[Opcode.I64_OR.ordinal()] = I64_OR;
    BY_OPCODE[Opcode.I64_XOR.ordinal()] = I64_XOR;
    BY_OPCODE[Opcode.I64_SHL.ordinal()] = I64_SHL;
    BY_OPCODE[Opcode.I64_SHR_S.ordinal()] = I64_SHR_S;
    BY_OPCODE[Opcode.I64_SHR_U.ordinal()] = I64_SHR_U;
    BY_OPCODE[Opcode.I64_ROTL.ordinal()] = I64_ROTL;
    BY_OPCODE[Opcode.I64_ROTR.ordinal()] = I64_ROTR;
    BY_OPCODE[Opcode.F32_ABS.ordinal()] = F32_ABS;
    BY_OPCODE[Opcode.F32_NEG.ordinal()] = F32_NEG;
    BY_OPCODE[Opcode.F32_CEIL.ordinal()] = F32_CEIL;
    BY_OPCODE[Opcode.F32_FLOOR.ordinal()] = F32_FLOOR;
    BY_OPCODE[Opcode.F32_TRUNC.ordinal()] = F32_TRUNC;
    BY_OPCODE[Opcode.F32_NEAREST.ordinal()] = F32_NEAREST;
    BY_OPCODE[Opcode.F32_SQRT.ordinal()] = F32_SQRT;
    BY_OPCODE[Opcode.F32_ADD.ordinal()] = F32_ADD;
    BY_OPCODE[Opcode.F32_SUB.ordinal()] = F32_SUB;
    BY_OPCODE[Opcode.F32_MUL.ordinal()] = F32_MUL;
    BY_OPCODE[Opcode.F32_DIV.ordinal()] = F32_DIV;
    BY_OPCODE[Opcode.F32_MIN.ordinal()] = F32_MIN;
    BY_OPCODE[Opcode.F32_MAX.ordinal()] = F32_MAX;
    BY_OPCODE[Opcode.F32_COPYSIGN.ordinal()] = F32_COPYSIGN;
    BY_OPCODE[Opcode.F64_ABS.ordinal()] = F64_ABS;
    BY_OPCODE[Opcode.F64_NEG.ordinal()] = F64_NEG;
    BY_OPCODE[Opcode.F64_CEIL.ordinal()] = F64_CEIL;
    BY_OPCODE[Opcode.F64_FLOOR.ordinal()] = F64_FLOOR;
    BY_OPCODE[Opcode.F64_TRUNC.ordinal()] = F64_TRUNC;
    BY_OPCODE[Opcode.F64_NEAREST.ordinal()] = F64_NEAREST;
    BY_OPCODE[Opcode.F64_SQRT.ordinal()] = F64_SQRT;
    BY_OPCODE[Opcode.F64_ADD.ordinal()] = F64_ADD;
    BY_OPCODE[Opcode.F64_SUB.ordinal()] = F64_SUB;
    BY_OPCODE[Opcode.F64_MUL.ordinal()] = F64_MUL;
    BY_OPCODE[Opcode.F64_DIV.ordinal()] = F64_DIV;
    BY_OPCODE[Opcode.F64_MIN.ordinal()] = F64_MIN;
    BY_OPCODE[Opcode.F64_MAX.ordinal()] = F64_MAX;
    BY_OPCODE[Opcode.F64_COPYSIGN.ordinal()] = F64_COPYSIGN;
    BY_OPCODE[Opcode.I32_WRAP_I64.ordinal()] = I32_WRAP_I64;
    BY_OPCODE[Opcode.I32_TRUNC_F32_S.ordinal()] = I32_TRUNC_F32_S;
    BY_OPCODE[Opcode.I32_TRUNC_F32_U.ordinal()] = I32_TRUNC_F32_U;
    BY_OPCODE[Opcode.I32_TRUNC_F64_S.ordinal()] = I32_TRUNC_F64_S;
    BY_OPCODE[Opcode.I32_TRUNC_F64_U.ordinal()] = I32_TRUNC_F64_U;
    BY_OPCODE[Opcode.I64_EXTEND_I32_S.ordinal()] = I64_EXTEND_I32_S;
    BY_OPCODE[Opcode.I64_EXTEND_I32_U.ordinal()] = I64_EXTEND_I32_U;
    BY_OPCODE[Opcode.I64_TRUNC_F32_S.ordinal()] = I64_TRUNC_F32_S;
    BY_OPCODE[Opcode.I64_TRUNC_F32_U.ordinal()] = I64_TRUNC_F32_U;
    BY_OPCODE[Opcode.I64_TRUNC_F64_S.ordinal()] = I64_TRUNC_F64_S;
    BY_OPCODE[Opcode.I64_TRUNC_F64_U.ordinal()] = I64_TRUNC_F64_U;
    BY_OPCODE[Opcode.F32_CONVERT_I32_S.ordinal()] = F32_CONVERT_I32_S;
    BY_OPCODE[Opcode.F32_CONVERT_I32_U.ordinal()] = F32_CONVERT_I32_U;
    BY_OPCODE[Opcode.F32_CONVERT_I64_S.ordinal()] = F32_CONVERT_I64_S;
    BY_OPCODE[Opcode.F32_CONVERT_I64_U.ordinal()] = F32_CONVERT_I64_U;
    BY_OPCODE[Opcode.F32_DEMOTE_F64.ordinal()] = F32_DEMOTE_F64;
    BY_OPCODE[Opcode.F64_CONVERT_I32_S.ordinal()] = F64_CONVERT_I32_S;
    BY_OPCODE[Opcode.F64_CONVERT_I32_U.ordinal()] = F64_CONVERT_I32_U;
    BY_OPCODE[Opcode.F64_CONVERT_I64_S.ordinal()] = F64_CONVERT_I64_S;
    BY_OPCODE[Opcode.F64_CONVERT_I64_U.ordinal()] = F64_CONVERT_I64_U;
    BY_OPCODE[Opcode.F64_PROMOTE_F32.ordinal()] = F64_PROMOTE_F32;
    BY_OPCODE[Opcode.I32_REINTERPRET_F32.ordinal()] = I32_REINTERPRET_F32;
    BY_OPCODE[Opcode.I64_REINTERPRET_F64.ordinal()] = I64_REINTERPRET_F64;
    BY_OPCODE[Opcode.F32_REINTERPRET_I32.ordinal()] = F32_REINTERPRET_I32;
    BY_OPCODE[Opcode.F64_REINTERPRET_I64.ordinal()] = F64_REINTERPRET_I64;
    BY_OPCODE[Opcode.I32_EXTEND8_S.ordinal()] = I32_EXTEND8_S;
    BY_OPCODE[Opcode.I32_EXTEND16_S.ordinal()] = I32_EXTEND16_S;
    BY_OPCODE[Opcode.I64_EXTEND8_S.ordinal()] = I64_EXTEND8_S;
    BY_OPCODE[Opcode.I64_EXTEND16_S.ordinal()] = I64_EXTEND16_S;
    BY_OPCODE[Opcode.I64_EXTEND32_S.ordinal()] = I64_EXTEND32_S;
    BY_OPCODE[Opcode.I32_TRUNC_SAT_F32_S.ordinal()] = I32_TRUNC_SAT_F32_S;
    BY_OPCODE[Opcode.I32_TRUNC_SAT_F32_U.ordinal()] = I32_TRUNC_SAT_F32_U;
    BY_OPCODE[Opcode.I32_TRUNC_SAT_F64_S.ordinal()] = I32_TRUNC_SAT_F64_S;
    BY_OPCODE[Opcode.I32_TRUNC_SAT_F64_U.ordinal()] = I32_TRUNC_SAT_F64_U;
    BY_OPCODE[Opcode.I64_TRUNC_SAT_F32_S.ordinal()] = I64_TRUNC_SAT_F32_S;
    BY_OPCODE[Opcode.I64_TRUNC_SAT_F32_U.ordinal()] = I64_TRUNC_SAT_F32_U;
    BY_OPCODE[Opcode.I64_TRUNC_SAT_F64_S.ordinal()] = I64_TRUNC_SAT_F64_S;
    BY_OPCODE[Opcode.I64_TRUNC_SAT_F64_U.ordinal()] = I64_TRUNC_SAT_F64_U;
    BY_OPCODE[Opcode.V128_LOAD.ordinal()] = V128_LOAD;
    BY_OPCODE[Opcode.V128_LOAD8X8_S.ordinal()] = V128_LOAD8X8_S;
    BY_OPCODE[Opcode.V128_LOAD8X8_U.ordinal()] = V128_LOAD8X8_U;
    BY_OPCODE[Opcode.V128_LOAD16X4_S.ordinal()] = V128_LOAD16X4_S;
    BY_OPCODE[Opcode.V128_LOAD16X4_U.ordinal()] = V128_LOAD16X4_U;
    BY_OPCODE[Opcode.V128_LOAD32X2_S.ordinal()] = V128_LOAD32X2_S;
    BY_OPCODE[Opcode.V128_LOAD32X2_U.ordinal()] = V128_LOAD32X2_U;
    BY_OPCODE[Opcode.V128_LOAD8_SPLAT.ordinal()] = V128_LOAD8_SPLAT;
    BY_OPCODE[Opcode.V128_LOAD16_SPLAT.ordinal()] = V128_LOAD16_SPLAT;
    BY_OPCODE[Opcode.V128_LOAD32_SPLAT.ordinal()] = V128_LOAD32_SPLAT;
    BY_OPCODE[Opcode.V128_LOAD64_SPLAT.ordinal()] = V128_LOAD64_SPLAT;
    BY_OPCODE[Opcode.V128_STORE.ordinal()] = V128_STORE;
    BY_OPCODE[Opcode.V128_LOAD8_LANE.ordinal()] = V128_LOAD8_LANE;
    BY_OPCODE[Opcode.V128_LOAD16_LANE.ordinal()] = V128_LOAD16_LANE;
    BY_OPCODE[Opcode.V128_LOAD32_LANE.ordinal()] = V128_LOAD32_LANE;
    BY_OPCODE[Opcode.V128_LOAD64_LANE.ordinal()] = V128_LOAD64_LANE;
    BY_OPCODE[Opcode.V128_STORE8_LANE.ordinal()] = V128_STORE8_LANE;
    BY_OPCODE[Opcode.V128_STORE16_LANE.ordinal()] = V128_STORE16_LANE;
    BY_OPCODE[Opcode.V128_STORE32_LANE.ordinal()] = V128_STORE32_LANE;
    BY_OPCODE[Opcode.V128_STORE64_LANE.ordinal()] = V128_STORE64_LANE;
    BY_OPCODE[Opcode.V128_LOAD32_ZERO.ordinal()] = V128_LOAD32_ZERO;
    BY_OPCODE[Opcode.V128_LOAD64_ZERO.ordinal()] = V128_LOAD64_ZERO;
  }

  /**
   * The instruction that implements {@code op} one to one, or -1 if the compiler treats it
   * specially.
   */
  static int of(Opcode op) {
    return BY_OPCODE[op.ordinal()];
  }
}

package dev.patina.wasm.binary;

import dev.patina.wasm.ValType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every instruction of WebAssembly 2.0: its text name, its binary encoding (an optional prefix byte
 * {@code 0xFC}/{@code 0xFD} and a code, LEB128-encoded after a prefix), the kind of its immediate
 * operands, and, for instructions whose operand types are fixed, their signature.
 *
 * <p>This one table is shared by the text parser (name to encoding), the decoder and validator
 * (encoding to instruction, fixed signatures) and the compiler.
 */
public enum Opcode {
  UNREACHABLE("unreachable", 0, 0x00, Immediate.NONE, null),
  NOP("nop", 0, 0x01, Immediate.NONE, null),
  BLOCK("block", 0, 0x02, Immediate.BLOCK_TYPE, null),
  LOOP("loop", 0, 0x03, Immediate.BLOCK_TYPE, null),
  IF("if", 0, 0x04, Immediate.BLOCK_TYPE, null),
  ELSE("else", 0, 0x05, Immediate.NONE, null),
  END("end", 0, 0x0B, Immediate.NONE, null),
  BR("br", 0, 0x0C, Immediate.LABEL, null),
  BR_IF("br_if", 0, 0x0D, Immediate.LABEL, null),
  BR_TABLE("br_table", 0, 0x0E, Immediate.BR_TABLE, null),
  RETURN("return", 0, 0x0F, Immediate.NONE, null),
  CALL("call", 0, 0x10, Immediate.FUNC, null),
  CALL_INDIRECT("call_indirect", 0, 0x11, Immediate.CALL_INDIRECT, null),
  DROP("drop", 0, 0x1A, Immediate.NONE, null),
  SELECT("select", 0, 0x1B, Immediate.NONE, null),
  SELECT_T("select_t", 0, 0x1C, Immediate.SELECT_TYPES, null),
  LOCAL_GET("local.get", 0, 0x20, Immediate.LOCAL, null),
  LOCAL_SET("local.set", 0, 0x21, Immediate.LOCAL, null),
  LOCAL_TEE("local.tee", 0, 0x22, Immediate.LOCAL, null),
  GLOBAL_GET("global.get", 0, 0x23, Immediate.GLOBAL, null),
  GLOBAL_SET("global.set", 0, 0x24, Immediate.GLOBAL, null),
  TABLE_GET("table.get", 0, 0x25, Immediate.TABLE, null),
  TABLE_SET("table.set", 0, 0x26, Immediate.TABLE, null),
  I32_LOAD("i32.load", 0, 0x28, Immediate.MEMARG, "i:i"),
  I64_LOAD("i64.load", 0, 0x29, Immediate.MEMARG, "i:I"),
  F32_LOAD("f32.load", 0, 0x2A, Immediate.MEMARG, "i:f"),
  F64_LOAD("f64.load", 0, 0x2B, Immediate.MEMARG, "i:F"),
  I32_LOAD8_S("i32.load8_s", 0, 0x2C, Immediate.MEMARG, "i:i"),
  I32_LOAD8_U("i32.load8_u", 0, 0x2D, Immediate.MEMARG, "i:i"),
  I32_LOAD16_S("i32.load16_s", 0, 0x2E, Immediate.MEMARG, "i:i"),
  I32_LOAD16_U("i32.load16_u", 0, 0x2F, Immediate.MEMARG, "i:i"),
  I64_LOAD8_S("i64.load8_s", 0, 0x30, Immediate.MEMARG, "i:I"),
  I64_LOAD8_U("i64.load8_u", 0, 0x31, Immediate.MEMARG, "i:I"),
  I64_LOAD16_S("i64.load16_s", 0, 0x32, Immediate.MEMARG, "i:I"),
  I64_LOAD16_U("i64.load16_u", 0, 0x33, Immediate.MEMARG, "i:I"),
  I64_LOAD32_S("i64.load32_s", 0, 0x34, Immediate.MEMARG, "i:I"),
  I64_LOAD32_U("i64.load32_u", 0, 0x35, Immediate.MEMARG, "i:I"),
  I32_STORE("i32.store", 0, 0x36, Immediate.MEMARG, "ii:"),
  I64_STORE("i64.store", 0, 0x37, Immediate.MEMARG, "iI:"),
  F32_STORE("f32.store", 0, 0x38, Immediate.MEMARG, "if:"),
  F64_STORE("f64.store", 0, 0x39, Immediate.MEMARG, "iF:"),
  I32_STORE8("i32.store8", 0, 0x3A, Immediate.MEMARG, "ii:"),
  I32_STORE16("i32.store16", 0, 0x3B, Immediate.MEMARG, "ii:"),
  I64_STORE8("i64.store8", 0, 0x3C, Immediate.MEMARG, "iI:"),
  I64_STORE16("i64.store16", 0, 0x3D, Immediate.MEMARG, "iI:"),
  I64_STORE32("i64.store32", 0, 0x3E, Immediate.MEMARG, "iI:"),
  MEMORY_SIZE("memory.size", 0, 0x3F, Immediate.MEMORY, ":i"),
  MEMORY_GROW("memory.grow", 0, 0x40, Immediate.MEMORY, "i:i"),
  I32_CONST("i32.const", 0, 0x41, Immediate.I32, ":i"),
  I64_CONST("i64.const", 0, 0x42, Immediate.I64, ":I"),
  F32_CONST("f32.const", 0, 0x43, Immediate.F32, ":f"),
  F64_CONST("f64.const", 0, 0x44, Immediate.F64, ":F"),
  I32_EQZ("i32.eqz", 0, 0x45, Immediate.NONE, "i:i"),
  I32_EQ("i32.eq", 0, 0x46, Immediate.NONE, "ii:i"),
  I32_NE("i32.ne", 0, 0x47, Immediate.NONE, "ii:i"),
  I32_LT_S("i32.lt_s", 0, 0x48, Immediate.NONE, "ii:i"),
  I32_LT_U("i32.lt_u", 0, 0x49, Immediate.NONE, "ii:i"),
  I32_GT_S("i32.gt_s", 0, 0x4A, Immediate.NONE, "ii:i"),
  I32_GT_U("i32.gt_u", 0, 0x4B, Immediate.NONE, "ii:i"),
  I32_LE_S("i32.le_s", 0, 0x4C, Immediate.NONE, "ii:i"),
  I32_LE_U("i32.le_u", 0, 0x4D, Immediate.NONE, "ii:i"),
  I32_GE_S("i32.ge_s", 0, 0x4E, Immediate.NONE, "ii:i"),
  I32_GE_U("i32.ge_u", 0, 0x4F, Immediate.NONE, "ii:i"),
  I64_EQZ("i64.eqz", 0, 0x50, Immediate.NONE, "I:i"),
  I64_EQ("i64.eq", 0, 0x51, Immediate.NONE, "II:i"),
  I64_NE("i64.ne", 0, 0x52, Immediate.NONE, "II:i"),
  I64_LT_S("i64.lt_s", 0, 0x53, Immediate.NONE, "II:i"),
  I64_LT_U("i64.lt_u", 0, 0x54, Immediate.NONE, "II:i"),
  I64_GT_S("i64.gt_s", 0, 0x55, Immediate.NONE, "II:i"),
  I64_GT_U("i64.gt_u", 0, 0x56, Immediate.NONE, "II:i"),
  I64_LE_S("i64.le_s", 0, 0x57, Immediate.NONE, "II:i"),
  I64_LE_U("i64.le_u", 0, 0x58, Immediate.NONE, "II:i"),
  I64_GE_S("i64.ge_s", 0, 0x59, Immediate.NONE, "II:i"),
  I64_GE_U("i64.ge_u", 0, 0x5A, Immediate.NONE, "II:i"),
  F32_EQ("f32.eq", 0, 0x5B, Immediate.NONE, "ff:i"),
  F32_NE("f32.ne", 0, 0x5C, Immediate.NONE, "ff:i"),
  F32_LT("f32.lt", 0, 0x5D, Immediate.NONE, "ff:i"),
  F32_GT("f32.gt", 0, 0x5E, Immediate.NONE, "ff:i"),
  F32_LE("f32.le", 0, 0x5F, Immediate.NONE, "ff:i"),
  F32_GE("f32.ge", 0, 0x60, Immediate.NONE, "ff:i"),
  F64_EQ("f64.eq", 0, 0x61, Immediate.NONE, "FF:i"),
  F64_NE("f64.ne", 0, 0x62, Immediate.NONE, "FF:i"),
  F64_LT("f64.lt", 0, 0x63, Immediate.NONE, "FF:i"),
  F64_GT("f64.gt", 0, 0x64, Immediate.NONE, "FF:i"),
  F64_LE("f64.le", 0, 0x65, Immediate.NONE, "FF:i"),
  F64_GE("f64.ge", 0, 0x66, Immediate.NONE, "FF:i"),
  I32_CLZ("i32.clz", 0, 0x67, Immediate.NONE, "i:i"),
  I32_CTZ("i32.ctz", 0, 0x68, Immediate.NONE, "i:i"),
  I32_POPCNT("i32.popcnt", 0, 0x69, Immediate.NONE, "i:i"),
  I32_ADD("i32.add", 0, 0x6A, Immediate.NONE, "ii:i"),
  I32_SUB("i32.sub", 0, 0x6B, Immediate.NONE, "ii:i"),
  I32_MUL("i32.mul", 0, 0x6C, Immediate.NONE, "ii:i"),
  I32_DIV_S("i32.div_s", 0, 0x6D, Immediate.NONE, "ii:i"),
  I32_DIV_U("i32.div_u", 0, 0x6E, Immediate.NONE, "ii:i"),
  I32_REM_S("i32.rem_s", 0, 0x6F, Immediate.NONE, "ii:i"),
  I32_REM_U("i32.rem_u", 0, 0x70, Immediate.NONE, "ii:i"),
  I32_AND("i32.and", 0, 0x71, Immediate.NONE, "ii:i"),
  I32_OR("i32.or", 0, 0x72, Immediate.NONE, "ii:i"),
  I32_XOR("i32.xor", 0, 0x73, Immediate.NONE, "ii:i"),
  I32_SHL("i32.shl", 0, 0x74, Immediate.NONE, "ii:i"),
  I32_SHR_S("i32.shr_s", 0, 0x75, Immediate.NONE, "ii:i"),
  I32_SHR_U("i32.shr_u", 0, 0x76, Immediate.NONE, "ii:i"),
  I32_ROTL("i32.rotl", 0, 0x77, Immediate.NONE, "ii:i"),
  I32_ROTR("i32.rotr", 0, 0x78, Immediate.NONE, "ii:i"),
  I64_CLZ("i64.clz", 0, 0x79, Immediate.NONE, "I:I"),
  I64_CTZ("i64.ctz", 0, 0x7A, Immediate.NONE, "I:I"),
  I64_POPCNT("i64.popcnt", 0, 0x7B, Immediate.NONE, "I:I"),
  I64_ADD("i64.add", 0, 0x7C, Immediate.NONE, "II:I"),
  I64_SUB("i64.sub", 0, 0x7D, Immediate.NONE, "II:I"),
  I64_MUL("i64.mul", 0, 0x7E, Immediate.NONE, "II:I"),
  I64_DIV_S("i64.div_s", 0, 0x7F, Immediate.NONE, "II:I"),
  I64_DIV_U("i64.div_u", 0, 0x80, Immediate.NONE, "II:I"),
  I64_REM_S("i64.rem_s", 0, 0x81, Immediate.NONE, "II:I"),
  I64_REM_U("i64.rem_u", 0, 0x82, Immediate.NONE, "II:I"),
  I64_AND("i64.and", 0, 0x83, Immediate.NONE, "II:I"),
  I64_OR("i64.or", 0, 0x84, Immediate.NONE, "II:I"),
  I64_XOR("i64.xor", 0, 0x85, Immediate.NONE, "II:I"),
  I64_SHL("i64.shl", 0, 0x86, Immediate.NONE, "II:I"),
  I64_SHR_S("i64.shr_s", 0, 0x87, Immediate.NONE, "II:I"),
  I64_SHR_U("i64.shr_u", 0, 0x88, Immediate.NONE, "II:I"),
  I64_ROTL("i64.rotl", 0, 0x89, Immediate.NONE, "II:I"),
  I64_ROTR("i64.rotr", 0, 0x8A, Immediate.NONE, "II:I"),
  F32_ABS("f32.abs", 0, 0x8B, Immediate.NONE, "f:f"),
  F32_NEG("f32.neg", 0, 0x8C, Immediate.NONE, "f:f"),
  F32_CEIL("f32.ceil", 0, 0x8D, Immediate.NONE, "f:f"),
  F32_FLOOR("f32.floor", 0, 0x8E, Immediate.NONE, "f:f"),
  F32_TRUNC("f32.trunc", 0, 0x8F, Immediate.NONE, "f:f"),
  F32_NEAREST("f32.nearest", 0, 0x90, Immediate.NONE, "f:f"),
  F32_SQRT("f32.sqrt", 0, 0x91, Immediate.NONE, "f:f"),
  F32_ADD("f32.add", 0, 0x92, Immediate.NONE, "ff:f"),
  F32_SUB("f32.sub", 0, 0x93, Immediate.NONE, "ff:f"),
  F32_MUL("f32.mul", 0, 0x94, Immediate.NONE, "ff:f"),
  F32_DIV("f32.div", 0, 0x95, Immediate.NONE, "ff:f"),
  F32_MIN("f32.min", 0, 0x96, Immediate.NONE, "ff:f"),
  F32_MAX("f32.max", 0, 0x97, Immediate.NONE, "ff:f"),
  F32_COPYSIGN("f32.copysign", 0, 0x98, Immediate.NONE, "ff:f"),
  F64_ABS("f64.abs", 0, 0x99, Immediate.NONE, "F:F"),
  F64_NEG("f64.neg", 0, 0x9A, Immediate.NONE, "F:F"),
  F64_CEIL("f64.ceil", 0, 0x9B, Immediate.NONE, "F:F"),
  F64_FLOOR("f64.floor", 0, 0x9C, Immediate.NONE, "F:F"),
  F64_TRUNC("f64.trunc", 0, 0x9D, Immediate.NONE, "F:F"),
  F64_NEAREST("f64.nearest", 0, 0x9E, Immediate.NONE, "F:F"),
  F64_SQRT("f64.sqrt", 0, 0x9F, Immediate.NONE, "F:F"),
  F64_ADD("f64.add", 0, 0xA0, Immediate.NONE, "FF:F"),
  F64_SUB("f64.sub", 0, 0xA1, Immediate.NONE, "FF:F"),
  F64_MUL("f64.mul", 0, 0xA2, Immediate.NONE, "FF:F"),
  F64_DIV("f64.div", 0, 0xA3, Immediate.NONE, "FF:F"),
  F64_MIN("f64.min", 0, 0xA4, Immediate.NONE, "FF:F"),
  F64_MAX("f64.max", 0, 0xA5, Immediate.NONE, "FF:F"),
  F64_COPYSIGN("f64.copysign", 0, 0xA6, Immediate.NONE, "FF:F"),
  I32_WRAP_I64("i32.wrap_i64", 0, 0xA7, Immediate.NONE, "I:i"),
  I32_TRUNC_F32_S("i32.trunc_f32_s", 0, 0xA8, Immediate.NONE, "f:i"),
  I32_TRUNC_F32_U("i32.trunc_f32_u", 0, 0xA9, Immediate.NONE, "f:i"),
  I32_TRUNC_F64_S("i32.trunc_f64_s", 0, 0xAA, Immediate.NONE, "F:i"),
  I32_TRUNC_F64_U("i32.trunc_f64_u", 0, 0xAB, Immediate.NONE, "F:i"),
  I64_EXTEND_I32_S("i64.extend_i32_s", 0, 0xAC, Immediate.NONE, "i:I"),
  I64_EXTEND_I32_U("i64.extend_i32_u", 0, 0xAD, Immediate.NONE, "i:I"),
  I64_TRUNC_F32_S("i64.trunc_f32_s", 0, 0xAE, Immediate.NONE, "f:I"),
  I64_TRUNC_F32_U("i64.trunc_f32_u", 0, 0xAF, Immediate.NONE, "f:I"),
  I64_TRUNC_F64_S("i64.trunc_f64_s", 0, 0xB0, Immediate.NONE, "F:I"),
  I64_TRUNC_F64_U("i64.trunc_f64_u", 0, 0xB1, Immediate.NONE, "F:I"),
  F32_CONVERT_I32_S("f32.convert_i32_s", 0, 0xB2, Immediate.NONE, "i:f"),
  F32_CONVERT_I32_U("f32.convert_i32_u", 0, 0xB3, Immediate.NONE, "i:f"),
  F32_CONVERT_I64_S("f32.convert_i64_s", 0, 0xB4, Immediate.NONE, "I:f"),
  F32_CONVERT_I64_U("f32.convert_i64_u", 0, 0xB5, Immediate.NONE, "I:f"),
  F32_DEMOTE_F64("f32.demote_f64", 0, 0xB6, Immediate.NONE, "F:f"),
  F64_CONVERT_I32_S("f64.convert_i32_s", 0, 0xB7, Immediate.NONE, "i:F"),
  F64_CONVERT_I32_U("f64.convert_i32_u", 0, 0xB8, Immediate.NONE, "i:F"),
  F64_CONVERT_I64_S("f64.convert_i64_s", 0, 0xB9, Immediate.NONE, "I:F"),
  F64_CONVERT_I64_U("f64.convert_i64_u", 0, 0xBA, Immediate.NONE, "I:F"),
  F64_PROMOTE_F32("f64.promote_f32", 0, 0xBB, Immediate.NONE, "f:F"),
  I32_REINTERPRET_F32("i32.reinterpret_f32", 0, 0xBC, Immediate.NONE, "f:i"),
  I64_REINTERPRET_F64("i64.reinterpret_f64", 0, 0xBD, Immediate.NONE, "F:I"),
  F32_REINTERPRET_I32("f32.reinterpret_i32", 0, 0xBE, Immediate.NONE, "i:f"),
  F64_REINTERPRET_I64("f64.reinterpret_i64", 0, 0xBF, Immediate.NONE, "I:F"),
  I32_EXTEND8_S("i32.extend8_s", 0, 0xC0, Immediate.NONE, "i:i"),
  I32_EXTEND16_S("i32.extend16_s", 0, 0xC1, Immediate.NONE, "i:i"),
  I64_EXTEND8_S("i64.extend8_s", 0, 0xC2, Immediate.NONE, "I:I"),
  I64_EXTEND16_S("i64.extend16_s", 0, 0xC3, Immediate.NONE, "I:I"),
  I64_EXTEND32_S("i64.extend32_s", 0, 0xC4, Immediate.NONE, "I:I"),
  REF_NULL("ref.null", 0, 0xD0, Immediate.REF_TYPE, null),
  REF_IS_NULL("ref.is_null", 0, 0xD1, Immediate.NONE, null),
  REF_FUNC("ref.func", 0, 0xD2, Immediate.FUNC, null),
  I32_TRUNC_SAT_F32_S("i32.trunc_sat_f32_s", 0xFC, 0x00, Immediate.NONE, "f:i"),
  I32_TRUNC_SAT_F32_U("i32.trunc_sat_f32_u", 0xFC, 0x01, Immediate.NONE, "f:i"),
  I32_TRUNC_SAT_F64_S("i32.trunc_sat_f64_s", 0xFC, 0x02, Immediate.NONE, "F:i"),
  I32_TRUNC_SAT_F64_U("i32.trunc_sat_f64_u", 0xFC, 0x03, Immediate.NONE, "F:i"),
  I64_TRUNC_SAT_F32_S("i64.trunc_sat_f32_s", 0xFC, 0x04, Immediate.NONE, "f:I"),
  I64_TRUNC_SAT_F32_U("i64.trunc_sat_f32_u", 0xFC, 0x05, Immediate.NONE, "f:I"),
  I64_TRUNC_SAT_F64_S("i64.trunc_sat_f64_s", 0xFC, 0x06, Immediate.NONE, "F:I"),
  I64_TRUNC_SAT_F64_U("i64.trunc_sat_f64_u", 0xFC, 0x07, Immediate.NONE, "F:I"),
  MEMORY_INIT("memory.init", 0xFC, 0x08, Immediate.MEMORY_INIT, "iii:"),
  DATA_DROP("data.drop", 0xFC, 0x09, Immediate.DATA, ":"),
  MEMORY_COPY("memory.copy", 0xFC, 0x0A, Immediate.MEMORY_COPY, "iii:"),
  MEMORY_FILL("memory.fill", 0xFC, 0x0B, Immediate.MEMORY, "iii:"),
  TABLE_INIT("table.init", 0xFC, 0x0C, Immediate.TABLE_INIT, "iii:"),
  ELEM_DROP("elem.drop", 0xFC, 0x0D, Immediate.ELEM, ":"),
  TABLE_COPY("table.copy", 0xFC, 0x0E, Immediate.TABLE_COPY, "iii:"),
  TABLE_GROW("table.grow", 0xFC, 0x0F, Immediate.TABLE, null),
  TABLE_SIZE("table.size", 0xFC, 0x10, Immediate.TABLE, ":i"),
  TABLE_FILL("table.fill", 0xFC, 0x11, Immediate.TABLE, null),
  V128_LOAD("v128.load", 0xFD, 0x00, Immediate.MEMARG, "i:v"),
  V128_LOAD8X8_S("v128.load8x8_s", 0xFD, 0x01, Immediate.MEMARG, "i:v"),
  V128_LOAD8X8_U("v128.load8x8_u", 0xFD, 0x02, Immediate.MEMARG, "i:v"),
  V128_LOAD16X4_S("v128.load16x4_s", 0xFD, 0x03, Immediate.MEMARG, "i:v"),
  V128_LOAD16X4_U("v128.load16x4_u", 0xFD, 0x04, Immediate.MEMARG, "i:v"),
  V128_LOAD32X2_S("v128.load32x2_s", 0xFD, 0x05, Immediate.MEMARG, "i:v"),
  V128_LOAD32X2_U("v128.load32x2_u", 0xFD, 0x06, Immediate.MEMARG, "i:v"),
  V128_LOAD8_SPLAT("v128.load8_splat", 0xFD, 0x07, Immediate.MEMARG, "i:v"),
  V128_LOAD16_SPLAT("v128.load16_splat", 0xFD, 0x08, Immediate.MEMARG, "i:v"),
  V128_LOAD32_SPLAT("v128.load32_splat", 0xFD, 0x09, Immediate.MEMARG, "i:v"),
  V128_LOAD64_SPLAT("v128.load64_splat", 0xFD, 0x0A, Immediate.MEMARG, "i:v"),
  V128_STORE("v128.store", 0xFD, 0x0B, Immediate.MEMARG, "iv:"),
  V128_CONST("v128.const", 0xFD, 0x0C, Immediate.V128, ":v"),
  I8X16_SHUFFLE("i8x16.shuffle", 0xFD, 0x0D, Immediate.SHUFFLE, "vv:v"),
  I8X16_SWIZZLE("i8x16.swizzle", 0xFD, 0x0E, Immediate.NONE, "vv:v"),
  I8X16_SPLAT("i8x16.splat", 0xFD, 0x0F, Immediate.NONE, "i:v"),
  I16X8_SPLAT("i16x8.splat", 0xFD, 0x10, Immediate.NONE, "i:v"),
  I32X4_SPLAT("i32x4.splat", 0xFD, 0x11, Immediate.NONE, "i:v"),
  I64X2_SPLAT("i64x2.splat", 0xFD, 0x12, Immediate.NONE, "I:v"),
  F32X4_SPLAT("f32x4.splat", 0xFD, 0x13, Immediate.NONE, "f:v"),
  F64X2_SPLAT("f64x2.splat", 0xFD, 0x14, Immediate.NONE, "F:v"),
  I8X16_EXTRACT_LANE_S("i8x16.extract_lane_s", 0xFD, 0x15, Immediate.LANE, "v:i"),
  I8X16_EXTRACT_LANE_U("i8x16.extract_lane_u", 0xFD, 0x16, Immediate.LANE, "v:i"),
  I8X16_REPLACE_LANE("i8x16.replace_lane", 0xFD, 0x17, Immediate.LANE, "vi:v"),
  I16X8_EXTRACT_LANE_S("i16x8.extract_lane_s", 0xFD, 0x18, Immediate.LANE, "v:i"),
  I16X8_EXTRACT_LANE_U("i16x8.extract_lane_u", 0xFD, 0x19, Immediate.LANE, "v:i"),
  I16X8_REPLACE_LANE("i16x8.replace_lane", 0xFD, 0x1A, Immediate.LANE, "vi:v"),
  I32X4_EXTRACT_LANE("i32x4.extract_lane", 0xFD, 0x1B, Immediate.LANE, "v:i"),
  I32X4_REPLACE_LANE("i32x4.replace_lane", 0xFD, 0x1C, Immediate.LANE, "vi:v"),
  I64X2_EXTRACT_LANE("i64x2.extract_lane", 0xFD, 0x1D, Immediate.LANE, "v:I"),
  I64X2_REPLACE_LANE("i64x2.replace_lane", 0xFD, 0x1E, Immediate.LANE, "vI:v"),
  F32X4_EXTRACT_LANE("f32x4.extract_lane", 0xFD, 0x1F, Immediate.LANE, "v:f"),
  F32X4_REPLACE_LANE("f32x4.replace_lane", 0xFD, 0x20, Immediate.LANE, "vf:v"),
  F64X2_EXTRACT_LANE("f64x2.extract_lane", 0xFD, 0x21, Immediate.LANE, "v:F"),
  F64X2_REPLACE_LANE("f64x2.replace_lane", 0xFD, 0x22, Immediate.LANE, "vF:v"),
  I8X16_EQ("i8x16.eq", 0xFD, 0x23, Immediate.NONE, "vv:v"),
  I8X16_NE("i8x16.ne", 0xFD, 0x24, Immediate.NONE, "vv:v"),
  I8X16_LT_S("i8x16.lt_s", 0xFD, 0x25, Immediate.NONE, "vv:v"),
  I8X16_LT_U("i8x16.lt_u", 0xFD, 0x26, Immediate.NONE, "vv:v"),
  I8X16_GT_S("i8x16.gt_s", 0xFD, 0x27, Immediate.NONE, "vv:v"),
  I8X16_GT_U("i8x16.gt_u", 0xFD, 0x28, Immediate.NONE, "vv:v"),
  I8X16_LE_S("i8x16.le_s", 0xFD, 0x29, Immediate.NONE, "vv:v"),
  I8X16_LE_U("i8x16.le_u", 0xFD, 0x2A, Immediate.NONE, "vv:v"),
  I8X16_GE_S("i8x16.ge_s", 0xFD, 0x2B, Immediate.NONE, "vv:v"),
  I8X16_GE_U("i8x16.ge_u", 0xFD, 0x2C, Immediate.NONE, "vv:v"),
  I16X8_EQ("i16x8.eq", 0xFD, 0x2D, Immediate.NONE, "vv:v"),
  I16X8_NE("i16x8.ne", 0xFD, 0x2E, Immediate.NONE, "vv:v"),
  I16X8_LT_S("i16x8.lt_s", 0xFD, 0x2F, Immediate.NONE, "vv:v"),
  I16X8_LT_U("i16x8.lt_u", 0xFD, 0x30, Immediate.NONE, "vv:v"),
  I16X8_GT_S("i16x8.gt_s", 0xFD, 0x31, Immediate.NONE, "vv:v"),
  I16X8_GT_U("i16x8.gt_u", 0xFD, 0x32, Immediate.NONE, "vv:v"),
  I16X8_LE_S("i16x8.le_s", 0xFD, 0x33, Immediate.NONE, "vv:v"),
  I16X8_LE_U("i16x8.le_u", 0xFD, 0x34, Immediate.NONE, "vv:v"),
  I16X8_GE_S("i16x8.ge_s", 0xFD, 0x35, Immediate.NONE, "vv:v"),
  I16X8_GE_U("i16x8.ge_u", 0xFD, 0x36, Immediate.NONE, "vv:v"),
  I32X4_EQ("i32x4.eq", 0xFD, 0x37, Immediate.NONE, "vv:v"),
  I32X4_NE("i32x4.ne", 0xFD, 0x38, Immediate.NONE, "vv:v"),
  I32X4_LT_S("i32x4.lt_s", 0xFD, 0x39, Immediate.NONE, "vv:v"),
  I32X4_LT_U("i32x4.lt_u", 0xFD, 0x3A, Immediate.NONE, "vv:v"),
  I32X4_GT_S("i32x4.gt_s", 0xFD, 0x3B, Immediate.NONE, "vv:v"),
  I32X4_GT_U("i32x4.gt_u", 0xFD, 0x3C, Immediate.NONE, "vv:v"),
  I32X4_LE_S("i32x4.le_s", 0xFD, 0x3D, Immediate.NONE, "vv:v"),
  I32X4_LE_U("i32x4.le_u", 0xFD, 0x3E, Immediate.NONE, "vv:v"),
  I32X4_GE_S("i32x4.ge_s", 0xFD, 0x3F, Immediate.NONE, "vv:v"),
  I32X4_GE_U("i32x4.ge_u", 0xFD, 0x40, Immediate.NONE, "vv:v"),
  F32X4_EQ("f32x4.eq", 0xFD, 0x41, Immediate.NONE, "vv:v"),
  F32X4_NE("f32x4.ne", 0xFD, 0x42, Immediate.NONE, "vv:v"),
  F32X4_LT("f32x4.lt", 0xFD, 0x43, Immediate.NONE, "vv:v"),
  F32X4_GT("f32x4.gt", 0xFD, 0x44, Immediate.NONE, "vv:v"),
  F32X4_LE("f32x4.le", 0xFD, 0x45, Immediate.NONE, "vv:v"),
  F32X4_GE("f32x4.ge", 0xFD, 0x46, Immediate.NONE, "vv:v"),
  F64X2_EQ("f64x2.eq", 0xFD, 0x47, Immediate.NONE, "vv:v"),
  F64X2_NE("f64x2.ne", 0xFD, 0x48, Immediate.NONE, "vv:v"),
  F64X2_LT("f64x2.lt", 0xFD, 0x49, Immediate.NONE, "vv:v"),
  F64X2_GT("f64x2.gt", 0xFD, 0x4A, Immediate.NONE, "vv:v"),
  F64X2_LE("f64x2.le", 0xFD, 0x4B, Immediate.NONE, "vv:v"),
  F64X2_GE("f64x2.ge", 0xFD, 0x4C, Immediate.NONE, "vv:v"),
  V128_NOT("v128.not", 0xFD, 0x4D, Immediate.NONE, "v:v"),
  V128_AND("v128.and", 0xFD, 0x4E, Immediate.NONE, "vv:v"),
  V128_ANDNOT("v128.andnot", 0xFD, 0x4F, Immediate.NONE, "vv:v"),
  V128_OR("v128.or", 0xFD, 0x50, Immediate.NONE, "vv:v"),
  V128_XOR("v128.xor", 0xFD, 0x51, Immediate.NONE, "vv:v"),
  V128_BITSELECT("v128.bitselect", 0xFD, 0x52, Immediate.NONE, "vvv:v"),
  V128_ANY_TRUE("v128.any_true", 0xFD, 0x53, Immediate.NONE, "v:i"),
  V128_LOAD8_LANE("v128.load8_lane", 0xFD, 0x54, Immediate.MEMARG_LANE, "iv:v"),
  V128_LOAD16_LANE("v128.load16_lane", 0xFD, 0x55, Immediate.MEMARG_LANE, "iv:v"),
  V128_LOAD32_LANE("v128.load32_lane", 0xFD, 0x56, Immediate.MEMARG_LANE, "iv:v"),
  V128_LOAD64_LANE("v128.load64_lane", 0xFD, 0x57, Immediate.MEMARG_LANE, "iv:v"),
  V128_STORE8_LANE("v128.store8_lane", 0xFD, 0x58, Immediate.MEMARG_LANE, "iv:"),
  V128_STORE16_LANE("v128.store16_lane", 0xFD, 0x59, Immediate.MEMARG_LANE, "iv:"),
  V128_STORE32_LANE("v128.store32_lane", 0xFD, 0x5A, Immediate.MEMARG_LANE, "iv:"),
  V128_STORE64_LANE("v128.store64_lane", 0xFD, 0x5B, Immediate.MEMARG_LANE, "iv:"),
  V128_LOAD32_ZERO("v128.load32_zero", 0xFD, 0x5C, Immediate.MEMARG, "i:v"),
  V128_LOAD64_ZERO("v128.load64_zero", 0xFD, 0x5D, Immediate.MEMARG, "i:v"),
  F32X4_DEMOTE_F64X2_ZERO("f32x4.demote_f64x2_zero", 0xFD, 0x5E, Immediate.NONE, "v:v"),
  F64X2_PROMOTE_LOW_F32X4("f64x2.promote_low_f32x4", 0xFD, 0x5F, Immediate.NONE, "v:v"),
  I8X16_ABS("i8x16.abs", 0xFD, 0x60, Immediate.NONE, "v:v"),
  I8X16_NEG("i8x16.neg", 0xFD, 0x61, Immediate.NONE, "v:v"),
  I8X16_POPCNT("i8x16.popcnt", 0xFD, 0x62, Immediate.NONE, "v:v"),
  I8X16_ALL_TRUE("i8x16.all_true", 0xFD, 0x63, Immediate.NONE, "v:i"),
  I8X16_BITMASK("i8x16.bitmask", 0xFD, 0x64, Immediate.NONE, "v:i"),
  I8X16_NARROW_I16X8_S("i8x16.narrow_i16x8_s", 0xFD, 0x65, Immediate.NONE, "vv:v"),
  I8X16_NARROW_I16X8_U("i8x16.narrow_i16x8_u", 0xFD, 0x66, Immediate.NONE, "vv:v"),
  F32X4_CEIL("f32x4.ceil", 0xFD, 0x67, Immediate.NONE, "v:v"),
  F32X4_FLOOR("f32x4.floor", 0xFD, 0x68, Immediate.NONE, "v:v"),
  F32X4_TRUNC("f32x4.trunc", 0xFD, 0x69, Immediate.NONE, "v:v"),
  F32X4_NEAREST("f32x4.nearest", 0xFD, 0x6A, Immediate.NONE, "v:v"),
  I8X16_SHL("i8x16.shl", 0xFD, 0x6B, Immediate.NONE, "vi:v"),
  I8X16_SHR_S("i8x16.shr_s", 0xFD, 0x6C, Immediate.NONE, "vi:v"),
  I8X16_SHR_U("i8x16.shr_u", 0xFD, 0x6D, Immediate.NONE, "vi:v"),
  I8X16_ADD("i8x16.add", 0xFD, 0x6E, Immediate.NONE, "vv:v"),
  I8X16_ADD_SAT_S("i8x16.add_sat_s", 0xFD, 0x6F, Immediate.NONE, "vv:v"),
  I8X16_ADD_SAT_U("i8x16.add_sat_u", 0xFD, 0x70, Immediate.NONE, "vv:v"),
  I8X16_SUB("i8x16.sub", 0xFD, 0x71, Immediate.NONE, "vv:v"),
  I8X16_SUB_SAT_S("i8x16.sub_sat_s", 0xFD, 0x72, Immediate.NONE, "vv:v"),
  I8X16_SUB_SAT_U("i8x16.sub_sat_u", 0xFD, 0x73, Immediate.NONE, "vv:v"),
  F64X2_CEIL("f64x2.ceil", 0xFD, 0x74, Immediate.NONE, "v:v"),
  F64X2_FLOOR("f64x2.floor", 0xFD, 0x75, Immediate.NONE, "v:v"),
  I8X16_MIN_S("i8x16.min_s", 0xFD, 0x76, Immediate.NONE, "vv:v"),
  I8X16_MIN_U("i8x16.min_u", 0xFD, 0x77, Immediate.NONE, "vv:v"),
  I8X16_MAX_S("i8x16.max_s", 0xFD, 0x78, Immediate.NONE, "vv:v"),
  I8X16_MAX_U("i8x16.max_u", 0xFD, 0x79, Immediate.NONE, "vv:v"),
  F64X2_TRUNC("f64x2.trunc", 0xFD, 0x7A, Immediate.NONE, "v:v"),
  I8X16_AVGR_U("i8x16.avgr_u", 0xFD, 0x7B, Immediate.NONE, "vv:v"),
  I16X8_EXTADD_PAIRWISE_I8X16_S("i16x8.extadd_pairwise_i8x16_s", 0xFD, 0x7C, Immediate.NONE, "v:v"),
  I16X8_EXTADD_PAIRWISE_I8X16_U("i16x8.extadd_pairwise_i8x16_u", 0xFD, 0x7D, Immediate.NONE, "v:v"),
  I32X4_EXTADD_PAIRWISE_I16X8_S("i32x4.extadd_pairwise_i16x8_s", 0xFD, 0x7E, Immediate.NONE, "v:v"),
  I32X4_EXTADD_PAIRWISE_I16X8_U("i32x4.extadd_pairwise_i16x8_u", 0xFD, 0x7F, Immediate.NONE, "v:v"),
  I16X8_ABS("i16x8.abs", 0xFD, 0x80, Immediate.NONE, "v:v"),
  I16X8_NEG("i16x8.neg", 0xFD, 0x81, Immediate.NONE, "v:v"),
  I16X8_Q15MULR_SAT_S("i16x8.q15mulr_sat_s", 0xFD, 0x82, Immediate.NONE, "vv:v"),
  I16X8_ALL_TRUE("i16x8.all_true", 0xFD, 0x83, Immediate.NONE, "v:i"),
  I16X8_BITMASK("i16x8.bitmask", 0xFD, 0x84, Immediate.NONE, "v:i"),
  I16X8_NARROW_I32X4_S("i16x8.narrow_i32x4_s", 0xFD, 0x85, Immediate.NONE, "vv:v"),
  I16X8_NARROW_I32X4_U("i16x8.narrow_i32x4_u", 0xFD, 0x86, Immediate.NONE, "vv:v"),
  I16X8_EXTEND_LOW_I8X16_S("i16x8.extend_low_i8x16_s", 0xFD, 0x87, Immediate.NONE, "v:v"),
  I16X8_EXTEND_HIGH_I8X16_S("i16x8.extend_high_i8x16_s", 0xFD, 0x88, Immediate.NONE, "v:v"),
  I16X8_EXTEND_LOW_I8X16_U("i16x8.extend_low_i8x16_u", 0xFD, 0x89, Immediate.NONE, "v:v"),
  I16X8_EXTEND_HIGH_I8X16_U("i16x8.extend_high_i8x16_u", 0xFD, 0x8A, Immediate.NONE, "v:v"),
  I16X8_SHL("i16x8.shl", 0xFD, 0x8B, Immediate.NONE, "vi:v"),
  I16X8_SHR_S("i16x8.shr_s", 0xFD, 0x8C, Immediate.NONE, "vi:v"),
  I16X8_SHR_U("i16x8.shr_u", 0xFD, 0x8D, Immediate.NONE, "vi:v"),
  I16X8_ADD("i16x8.add", 0xFD, 0x8E, Immediate.NONE, "vv:v"),
  I16X8_ADD_SAT_S("i16x8.add_sat_s", 0xFD, 0x8F, Immediate.NONE, "vv:v"),
  I16X8_ADD_SAT_U("i16x8.add_sat_u", 0xFD, 0x90, Immediate.NONE, "vv:v"),
  I16X8_SUB("i16x8.sub", 0xFD, 0x91, Immediate.NONE, "vv:v"),
  I16X8_SUB_SAT_S("i16x8.sub_sat_s", 0xFD, 0x92, Immediate.NONE, "vv:v"),
  I16X8_SUB_SAT_U("i16x8.sub_sat_u", 0xFD, 0x93, Immediate.NONE, "vv:v"),
  F64X2_NEAREST("f64x2.nearest", 0xFD, 0x94, Immediate.NONE, "v:v"),
  I16X8_MUL("i16x8.mul", 0xFD, 0x95, Immediate.NONE, "vv:v"),
  I16X8_MIN_S("i16x8.min_s", 0xFD, 0x96, Immediate.NONE, "vv:v"),
  I16X8_MIN_U("i16x8.min_u", 0xFD, 0x97, Immediate.NONE, "vv:v"),
  I16X8_MAX_S("i16x8.max_s", 0xFD, 0x98, Immediate.NONE, "vv:v"),
  I16X8_MAX_U("i16x8.max_u", 0xFD, 0x99, Immediate.NONE, "vv:v"),
  I16X8_AVGR_U("i16x8.avgr_u", 0xFD, 0x9B, Immediate.NONE, "vv:v"),
  I16X8_EXTMUL_LOW_I8X16_S("i16x8.extmul_low_i8x16_s", 0xFD, 0x9C, Immediate.NONE, "vv:v"),
  I16X8_EXTMUL_HIGH_I8X16_S("i16x8.extmul_high_i8x16_s", 0xFD, 0x9D, Immediate.NONE, "vv:v"),
  I16X8_EXTMUL_LOW_I8X16_U("i16x8.extmul_low_i8x16_u", 0xFD, 0x9E, Immediate.NONE, "vv:v"),
  I16X8_EXTMUL_HIGH_I8X16_U("i16x8.extmul_high_i8x16_u", 0xFD, 0x9F, Immediate.NONE, "vv:v"),
  I32X4_ABS("i32x4.abs", 0xFD, 0xA0, Immediate.NONE, "v:v"),
  I32X4_NEG("i32x4.neg", 0xFD, 0xA1, Immediate.NONE, "v:v"),
  I32X4_ALL_TRUE("i32x4.all_true", 0xFD, 0xA3, Immediate.NONE, "v:i"),
  I32X4_BITMASK("i32x4.bitmask", 0xFD, 0xA4, Immediate.NONE, "v:i"),
  I32X4_EXTEND_LOW_I16X8_S("i32x4.extend_low_i16x8_s", 0xFD, 0xA7, Immediate.NONE, "v:v"),
  I32X4_EXTEND_HIGH_I16X8_S("i32x4.extend_high_i16x8_s", 0xFD, 0xA8, Immediate.NONE, "v:v"),
  I32X4_EXTEND_LOW_I16X8_U("i32x4.extend_low_i16x8_u", 0xFD, 0xA9, Immediate.NONE, "v:v"),
  I32X4_EXTEND_HIGH_I16X8_U("i32x4.extend_high_i16x8_u", 0xFD, 0xAA, Immediate.NONE, "v:v"),
  I32X4_SHL("i32x4.shl", 0xFD, 0xAB, Immediate.NONE, "vi:v"),
  I32X4_SHR_S("i32x4.shr_s", 0xFD, 0xAC, Immediate.NONE, "vi:v"),
  I32X4_SHR_U("i32x4.shr_u", 0xFD, 0xAD, Immediate.NONE, "vi:v"),
  I32X4_ADD("i32x4.add", 0xFD, 0xAE, Immediate.NONE, "vv:v"),
  I32X4_SUB("i32x4.sub", 0xFD, 0xB1, Immediate.NONE, "vv:v"),
  I32X4_MUL("i32x4.mul", 0xFD, 0xB5, Immediate.NONE, "vv:v"),
  I32X4_MIN_S("i32x4.min_s", 0xFD, 0xB6, Immediate.NONE, "vv:v"),
  I32X4_MIN_U("i32x4.min_u", 0xFD, 0xB7, Immediate.NONE, "vv:v"),
  I32X4_MAX_S("i32x4.max_s", 0xFD, 0xB8, Immediate.NONE, "vv:v"),
  I32X4_MAX_U("i32x4.max_u", 0xFD, 0xB9, Immediate.NONE, "vv:v"),
  I32X4_DOT_I16X8_S("i32x4.dot_i16x8_s", 0xFD, 0xBA, Immediate.NONE, "vv:v"),
  I32X4_EXTMUL_LOW_I16X8_S("i32x4.extmul_low_i16x8_s", 0xFD, 0xBC, Immediate.NONE, "vv:v"),
  I32X4_EXTMUL_HIGH_I16X8_S("i32x4.extmul_high_i16x8_s", 0xFD, 0xBD, Immediate.NONE, "vv:v"),
  I32X4_EXTMUL_LOW_I16X8_U("i32x4.extmul_low_i16x8_u", 0xFD, 0xBE, Immediate.NONE, "vv:v"),
  I32X4_EXTMUL_HIGH_I16X8_U("i32x4.extmul_high_i16x8_u", 0xFD, 0xBF, Immediate.NONE, "vv:v"),
  I64X2_ABS("i64x2.abs", 0xFD, 0xC0, Immediate.NONE, "v:v"),
  I64X2_NEG("i64x2.neg", 0xFD, 0xC1, Immediate.NONE, "v:v"),
  I64X2_ALL_TRUE("i64x2.all_true", 0xFD, 0xC3, Immediate.NONE, "v:i"),
  I64X2_BITMASK("i64x2.bitmask", 0xFD, 0xC4, Immediate.NONE, "v:i"),
  I64X2_EXTEND_LOW_I32X4_S("i64x2.extend_low_i32x4_s", 0xFD, 0xC7, Immediate.NONE, "v:v"),
  I64X2_EXTEND_HIGH_I32X4_S("i64x2.extend_high_i32x4_s", 0xFD, 0xC8, Immediate.NONE, "v:v"),
  I64X2_EXTEND_LOW_I32X4_U("i64x2.extend_low_i32x4_u", 0xFD, 0xC9, Immediate.NONE, "v:v"),
  I64X2_EXTEND_HIGH_I32X4_U("i64x2.extend_high_i32x4_u", 0xFD, 0xCA, Immediate.NONE, "v:v"),
  I64X2_SHL("i64x2.shl", 0xFD, 0xCB, Immediate.NONE, "vi:v"),
  I64X2_SHR_S("i64x2.shr_s", 0xFD, 0xCC, Immediate.NONE, "vi:v"),
  I64X2_SHR_U("i64x2.shr_u", 0xFD, 0xCD, Immediate.NONE, "vi:v"),
  I64X2_ADD("i64x2.add", 0xFD, 0xCE, Immediate.NONE, "vv:v"),
  I64X2_SUB("i64x2.sub", 0xFD, 0xD1, Immediate.NONE, "vv:v"),
  I64X2_MUL("i64x2.mul", 0xFD, 0xD5, Immediate.NONE, "vv:v"),
  I64X2_EQ("i64x2.eq", 0xFD, 0xD6, Immediate.NONE, "vv:v"),
  I64X2_NE("i64x2.ne", 0xFD, 0xD7, Immediate.NONE, "vv:v"),
  I64X2_LT_S("i64x2.lt_s", 0xFD, 0xD8, Immediate.NONE, "vv:v"),
  I64X2_GT_S("i64x2.gt_s", 0xFD, 0xD9, Immediate.NONE, "vv:v"),
  I64X2_LE_S("i64x2.le_s", 0xFD, 0xDA, Immediate.NONE, "vv:v"),
  I64X2_GE_S("i64x2.ge_s", 0xFD, 0xDB, Immediate.NONE, "vv:v"),
  I64X2_EXTMUL_LOW_I32X4_S("i64x2.extmul_low_i32x4_s", 0xFD, 0xDC, Immediate.NONE, "vv:v"),
  I64X2_EXTMUL_HIGH_I32X4_S("i64x2.extmul_high_i32x4_s", 0xFD, 0xDD, Immediate.NONE, "vv:v"),
  I64X2_EXTMUL_LOW_I32X4_U("i64x2.extmul_low_i32x4_u", 0xFD, 0xDE, Immediate.NONE, "vv:v"),
  I64X2_EXTMUL_HIGH_I32X4_U("i64x2.extmul_high_i32x4_u", 0xFD, 0xDF, Immediate.NONE, "vv:v"),
  F32X4_ABS("f32x4.abs", 0xFD, 0xE0, Immediate.NONE, "v:v"),
  F32X4_NEG("f32x4.neg", 0xFD, 0xE1, Immediate.NONE, "v:v"),
  F32X4_SQRT("f32x4.sqrt", 0xFD, 0xE3, Immediate.NONE, "v:v"),
  F32X4_ADD("f32x4.add", 0xFD, 0xE4, Immediate.NONE, "vv:v"),
  F32X4_SUB("f32x4.sub", 0xFD, 0xE5, Immediate.NONE, "vv:v"),
  F32X4_MUL("f32x4.mul", 0xFD, 0xE6, Immediate.NONE, "vv:v"),
  F32X4_DIV("f32x4.div", 0xFD, 0xE7, Immediate.NONE, "vv:v"),
  F32X4_MIN("f32x4.min", 0xFD, 0xE8, Immediate.NONE, "vv:v"),
  F32X4_MAX("f32x4.max", 0xFD, 0xE9, Immediate.NONE, "vv:v"),
  F32X4_PMIN("f32x4.pmin", 0xFD, 0xEA, Immediate.NONE, "vv:v"),
  F32X4_PMAX("f32x4.pmax", 0xFD, 0xEB, Immediate.NONE, "vv:v"),
  F64X2_ABS("f64x2.abs", 0xFD, 0xEC, Immediate.NONE, "v:v"),
  F64X2_NEG("f64x2.neg", 0xFD, 0xED, Immediate.NONE, "v:v"),
  F64X2_SQRT("f64x2.sqrt", 0xFD, 0xEF, Immediate.NONE, "v:v"),
  F64X2_ADD("f64x2.add", 0xFD, 0xF0, Immediate.NONE, "vv:v"),
  F64X2_SUB("f64x2.sub", 0xFD, 0xF1, Immediate.NONE, "vv:v"),
  F64X2_MUL("f64x2.mul", 0xFD, 0xF2, Immediate.NONE, "vv:v"),
  F64X2_DIV("f64x2.div", 0xFD, 0xF3, Immediate.NONE, "vv:v"),
  F64X2_MIN("f64x2.min", 0xFD, 0xF4, Immediate.NONE, "vv:v"),
  F64X2_MAX("f64x2.max", 0xFD, 0xF5, Immediate.NONE, "vv:v"),
  F64X2_PMIN("f64x2.pmin", 0xFD, 0xF6, Immediate.NONE, "vv:v"),
  F64X2_PMAX("f64x2.pmax", 0xFD, 0xF7, Immediate.NONE, "vv:v"),
  I32X4_TRUNC_SAT_F32X4_S("i32x4.trunc_sat_f32x4_s", 0xFD, 0xF8, Immediate.NONE, "v:v"),
  I32X4_TRUNC_SAT_F32X4_U("i32x4.trunc_sat_f32x4_u", 0xFD, 0xF9, Immediate.NONE, "v:v"),
  F32X4_CONVERT_I32X4_S("f32x4.convert_i32x4_s", 0xFD, 0xFA, Immediate.NONE, "v:v"),
  F32X4_CONVERT_I32X4_U("f32x4.convert_i32x4_u", 0xFD, 0xFB, Immediate.NONE, "v:v"),
  I32X4_TRUNC_SAT_F64X2_S_ZERO("i32x4.trunc_sat_f64x2_s_zero", 0xFD, 0xFC, Immediate.NONE, "v:v"),
  I32X4_TRUNC_SAT_F64X2_U_ZERO("i32x4.trunc_sat_f64x2_u_zero", 0xFD, 0xFD, Immediate.NONE, "v:v"),
  F64X2_CONVERT_LOW_I32X4_S("f64x2.convert_low_i32x4_s", 0xFD, 0xFE, Immediate.NONE, "v:v"),
  F64X2_CONVERT_LOW_I32X4_U("f64x2.convert_low_i32x4_u", 0xFD, 0xFF, Immediate.NONE, "v:v");

  /** The immediate operands that follow an instruction in the binary format. */
  public enum Immediate {
    NONE,
    /** A block type: empty (0x40), a value type, or a type index (s33). */
    BLOCK_TYPE,
    /** A label index. */
    LABEL,
    /** A vector of label indices and a default label. */
    BR_TABLE,
    /** A function index. */
    FUNC,
    /** A type index, then a table index. */
    CALL_INDIRECT,
    /** A vector of value types (typed {@code select}). */
    SELECT_TYPES,
    LOCAL,
    GLOBAL,
    TABLE,
    /** Alignment exponent and offset. */
    MEMARG,
    /** A memory index (a zero byte in 2.0). */
    MEMORY,
    I32,
    I64,
    F32,
    F64,
    /** A reference type (heap type) byte. */
    REF_TYPE,
    /** A data segment index, then a memory index. */
    MEMORY_INIT,
    /** A data segment index. */
    DATA,
    /** Destination and source memory indices. */
    MEMORY_COPY,
    /** An element segment index, then a table index. */
    TABLE_INIT,
    /** An element segment index. */
    ELEM,
    /** Destination and source table indices. */
    TABLE_COPY,
    /** Sixteen bytes. */
    V128,
    /** Sixteen lane indices, one byte each. */
    SHUFFLE,
    /** One lane-index byte. */
    LANE,
    /** A memarg, then a lane-index byte. */
    MEMARG_LANE
  }

  private final String text;
  private final int prefix;
  private final int code;
  private final Immediate immediate;
  private final List<ValType> params;
  private final List<ValType> results;

  Opcode(String text, int prefix, int code, Immediate immediate, String signature) {
    this.text = text;
    this.prefix = prefix;
    this.code = code;
    this.immediate = immediate;
    if (signature == null) {
      this.params = null;
      this.results = null;
    } else {
      int colon = signature.indexOf(':');
      this.params = types(signature.substring(0, colon));
      this.results = types(signature.substring(colon + 1));
    }
  }

  private static List<ValType> types(String letters) {
    return letters
        .chars()
        .mapToObj(
            c ->
                switch (c) {
                  case 'i' -> ValType.I32;
                  case 'I' -> ValType.I64;
                  case 'f' -> ValType.F32;
                  case 'F' -> ValType.F64;
                  case 'v' -> ValType.V128;
                  default -> throw new IllegalArgumentException("signature letter " + (char) c);
                })
        .toList();
  }

  /** The name in the text format, e.g. {@code "i32.add"}. */
  public String text() {
    return text;
  }

  /** 0 for single-byte opcodes, else the prefix byte ({@code 0xFC} or {@code 0xFD}). */
  public int prefix() {
    return prefix;
  }

  /** The opcode byte, or the LEB128 sub-opcode after a prefix. */
  public int code() {
    return code;
  }

  public Immediate immediate() {
    return immediate;
  }

  /** Whether the operand and result types are fixed (then {@link #params()} is not null). */
  public boolean hasFixedSignature() {
    return params != null;
  }

  /** Operand types popped, bottom first; null when they depend on context. */
  public List<ValType> params() {
    return params;
  }

  /** Result types pushed; null when they depend on context. */
  public List<ValType> results() {
    return results;
  }

  /** Whether this instruction accesses linear memory through a memarg. */
  public boolean hasMemarg() {
    return immediate == Immediate.MEMARG || immediate == Immediate.MEMARG_LANE;
  }

  /**
   * The natural alignment exponent of a memory access (the largest valid alignment immediate), or
   * -1 for instructions without a memarg.
   */
  public int naturalAlignment() {
    if (!hasMemarg()) {
      return -1;
    }
    return switch (this) {
      case I32_LOAD8_S, I32_LOAD8_U, I64_LOAD8_S, I64_LOAD8_U, I32_STORE8, I64_STORE8 -> 0;
      case V128_LOAD8_SPLAT, V128_LOAD8_LANE, V128_STORE8_LANE -> 0;
      case I32_LOAD16_S, I32_LOAD16_U, I64_LOAD16_S, I64_LOAD16_U, I32_STORE16, I64_STORE16 -> 1;
      case V128_LOAD16_SPLAT, V128_LOAD16_LANE, V128_STORE16_LANE -> 1;
      case I32_LOAD, F32_LOAD, I32_STORE, F32_STORE, I64_LOAD32_S, I64_LOAD32_U, I64_STORE32 -> 2;
      case V128_LOAD32_SPLAT, V128_LOAD32_LANE, V128_STORE32_LANE, V128_LOAD32_ZERO -> 2;
      case I64_LOAD, F64_LOAD, I64_STORE, F64_STORE -> 3;
      case V128_LOAD8X8_S, V128_LOAD8X8_U, V128_LOAD16X4_S, V128_LOAD16X4_U -> 3;
      case V128_LOAD32X2_S, V128_LOAD32X2_U, V128_LOAD64_SPLAT, V128_LOAD64_LANE -> 3;
      case V128_STORE64_LANE, V128_LOAD64_ZERO -> 3;
      case V128_LOAD, V128_STORE -> 4;
      default -> throw new IllegalStateException(text);
    };
  }

  /** The number of lanes of a lane-indexed instruction (extract/replace/load/store lane). */
  public int laneCount() {
    return switch (this) {
      case I8X16_EXTRACT_LANE_S, I8X16_EXTRACT_LANE_U, I8X16_REPLACE_LANE -> 16;
      case V128_LOAD8_LANE, V128_STORE8_LANE -> 16;
      case I16X8_EXTRACT_LANE_S, I16X8_EXTRACT_LANE_U, I16X8_REPLACE_LANE -> 8;
      case V128_LOAD16_LANE, V128_STORE16_LANE -> 8;
      case I32X4_EXTRACT_LANE, I32X4_REPLACE_LANE, F32X4_EXTRACT_LANE, F32X4_REPLACE_LANE -> 4;
      case V128_LOAD32_LANE, V128_STORE32_LANE -> 4;
      case I64X2_EXTRACT_LANE, I64X2_REPLACE_LANE, F64X2_EXTRACT_LANE, F64X2_REPLACE_LANE -> 2;
      case V128_LOAD64_LANE, V128_STORE64_LANE -> 2;
      default -> 0;
    };
  }

  private static final Opcode[] SINGLE = new Opcode[256];
  private static final Opcode[] MISC = new Opcode[32];
  private static final Opcode[] SIMD = new Opcode[256];
  private static final Map<String, Opcode> BY_TEXT = new HashMap<>();

  static {
    for (Opcode op : values()) {
      switch (op.prefix) {
        case 0 -> SINGLE[op.code] = op;
        case 0xFC -> MISC[op.code] = op;
        case 0xFD -> SIMD[op.code] = op;
        default -> throw new IllegalStateException();
      }
      if (op != SELECT_T) {
        BY_TEXT.put(op.text, op);
      }
    }
  }

  /** The single-byte instruction with this opcode, or null (also null for prefix bytes). */
  public static Opcode single(int code) {
    return code >= 0 && code < 256 ? SINGLE[code] : null;
  }

  /** The instruction with prefix {@code 0xFC} and this sub-opcode, or null. */
  public static Opcode misc(long code) {
    return code >= 0 && code < MISC.length ? MISC[(int) code] : null;
  }

  /** The instruction with prefix {@code 0xFD} and this sub-opcode, or null. */
  public static Opcode simd(long code) {
    return code >= 0 && code < SIMD.length ? SIMD[(int) code] : null;
  }

  /**
   * The instruction with this text name, or null. {@code select} maps to the untyped form; the text
   * parser picks {@link #SELECT_T} when a result type is written.
   */
  public static Opcode byText(String name) {
    return BY_TEXT.get(name);
  }
}

package dev.patina.wasm;

/** A WebAssembly value type, with its binary encoding and its text name. */
public enum ValType {
  I32(0x7F, "i32", 1),
  I64(0x7E, "i64", 1),
  F32(0x7D, "f32", 1),
  F64(0x7C, "f64", 1),
  V128(0x7B, "v128", 2),
  FUNCREF(0x70, "funcref", 1),
  EXTERNREF(0x6F, "externref", 1);

  private final int code;
  private final String text;
  private final int slots;

  ValType(int code, String text, int slots) {
    this.code = code;
    this.text = text;
    this.slots = slots;
  }

  /** The byte that encodes this type in the binary format. */
  public int code() {
    return code;
  }

  /** The name of this type in the text format. */
  public String text() {
    return text;
  }

  /** How many 64-bit slots a value of this type takes on the interpreter's stack. */
  public int slots() {
    return slots;
  }

  public boolean isReference() {
    return this == FUNCREF || this == EXTERNREF;
  }

  public boolean isNumeric() {
    return this == I32 || this == I64 || this == F32 || this == F64;
  }

  /** The type encoded by {@code code}, or {@code null} if the byte encodes no value type. */
  public static ValType fromCode(int code) {
    return switch (code) {
      case 0x7F -> I32;
      case 0x7E -> I64;
      case 0x7D -> F32;
      case 0x7C -> F64;
      case 0x7B -> V128;
      case 0x70 -> FUNCREF;
      case 0x6F -> EXTERNREF;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return text;
  }
}

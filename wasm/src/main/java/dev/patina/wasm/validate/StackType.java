package dev.patina.wasm.validate;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.ValType;
import java.util.List;

/**
 * Operand types as bytes, so the validator's stacks are plain byte arrays: {@link #UNKNOWN} (the
 * algorithm's bottom type, popped from an unreachable frame), then {@code ValType.ordinal() + 1}.
 */
final class StackType {
  static final byte UNKNOWN = 0;
  static final byte I32 = code(ValType.I32);
  static final byte V128 = code(ValType.V128);
  static final byte FUNCREF = code(ValType.FUNCREF);

  static final byte[] NONE = {};

  /** The one-element result types of single-value block types, by type code. */
  private static final byte[][] SINGLE = new byte[ValType.values().length + 1][];

  static {
    for (ValType t : ValType.values()) {
      SINGLE[code(t)] = new byte[] {code(t)};
    }
  }

  private StackType() {}

  static byte code(ValType t) {
    return (byte) (t.ordinal() + 1);
  }

  static byte[] codes(List<ValType> types) {
    if (types.isEmpty()) {
      return NONE;
    }
    byte[] codes = new byte[types.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = code(types.get(i));
    }
    return codes;
  }

  static byte[] params(FuncType t) {
    return codes(t.params());
  }

  static byte[] results(FuncType t) {
    return codes(t.results());
  }

  /** A shared one-element array holding {@code code}. */
  static byte[] single(byte code) {
    return SINGLE[code];
  }

  static boolean isNumeric(byte t) {
    return t >= code(ValType.I32) && t <= code(ValType.F64);
  }

  static boolean isReference(byte t) {
    return t == FUNCREF || t == code(ValType.EXTERNREF);
  }

  static String name(byte t) {
    return t == UNKNOWN ? "_" : ValType.values()[t - 1].text();
  }

  static String names(byte[] types) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < types.length; i++) {
      sb.append(i == 0 ? "" : " ").append(name(types[i]));
    }
    return sb.append(']').toString();
  }
}

package dev.patina.wasm;

import dev.patina.wasm.internal.runtime.FunctionInstance;
import dev.patina.wasm.internal.runtime.RawValue;
import java.util.List;

/** Converts between API values and the runtime's slots. */
final class Values {
  private Values() {}

  static void write(Value value, long[] slots, Object[] refs, int slot) {
    switch (value) {
      case Value.I32 v -> slots[slot] = v.value();
      case Value.I64 v -> slots[slot] = v.value();
      case Value.F32 v -> slots[slot] = v.bits() & 0xFFFFFFFFL;
      case Value.F64 v -> slots[slot] = v.bits();
      case Value.V128 v -> {
        slots[slot] = v.low();
        slots[slot + 1] = v.high();
      }
      case Value.FuncRef v -> refs[slot] = v.function() == null ? null : v.function().instance();
      case Value.ExternRef v -> refs[slot] = v.value();
    }
  }

  static Value read(ValType type, long[] slots, Object[] refs, int slot) {
    return switch (type) {
      case I32 -> new Value.I32((int) slots[slot]);
      case I64 -> new Value.I64(slots[slot]);
      case F32 -> new Value.F32((int) slots[slot]);
      case F64 -> new Value.F64(slots[slot]);
      case V128 -> new Value.V128(slots[slot], slots[slot + 1]);
      case FUNCREF -> new Value.FuncRef(functionOf(refs[slot]));
      case EXTERNREF -> new Value.ExternRef(refs[slot]);
    };
  }

  static Value fromRaw(ValType type, RawValue raw) {
    return switch (type) {
      case I32 -> new Value.I32((int) raw.low());
      case I64 -> new Value.I64(raw.low());
      case F32 -> new Value.F32((int) raw.low());
      case F64 -> new Value.F64(raw.low());
      case V128 -> new Value.V128(raw.low(), raw.high());
      case FUNCREF -> new Value.FuncRef(functionOf(raw.ref()));
      case EXTERNREF -> new Value.ExternRef(raw.ref());
    };
  }

  /** The runtime form of a reference value. */
  static Object reference(Value value) {
    return switch (value) {
      case Value.FuncRef v -> v.function() == null ? null : v.function().instance();
      case Value.ExternRef v -> v.value();
      default -> throw new IllegalArgumentException("not a reference: " + value);
    };
  }

  static Function functionOf(Object ref) {
    return ref == null ? null : new Function((FunctionInstance) ref);
  }

  /** Checks that {@code values} fit {@code types}; a mismatch is the caller's mistake. */
  static void check(List<ValType> types, Value[] values, String what) {
    if (values.length != types.size()) {
      throw new IllegalArgumentException(
          what + " expects " + types.size() + " values, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null || values[i].type() != types.get(i)) {
        throw new IllegalArgumentException(
            what
                + ": value "
                + i
                + " must be "
                + types.get(i)
                + ", got "
                + (values[i] == null ? "null" : values[i].type()));
      }
    }
  }
}

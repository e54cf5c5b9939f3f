package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.FuncType;

/**
 * A function that can be called: one defined by a Wasm module or one provided by the host. Its type
 * id is the interned identity of its type, so that {@code call_indirect} checks a type with one
 * integer comparison.
 */
public abstract sealed class FunctionInstance permits WasmFunction, HostFunctionInstance {
  private final FuncType type;
  private final int typeId;
  private final int paramSlots;
  private final int resultSlots;

  protected FunctionInstance(FuncType type) {
    this.type = type;
    this.typeId = TypeRegistry.idOf(type);
    this.paramSlots = TypeRegistry.slots(type.params());
    this.resultSlots = TypeRegistry.slots(type.results());
  }

  public final FuncType type() {
    return type;
  }

  public final int typeId() {
    return typeId;
  }

  public final int paramSlots() {
    return paramSlots;
  }

  public final int resultSlots() {
    return resultSlots;
  }
}

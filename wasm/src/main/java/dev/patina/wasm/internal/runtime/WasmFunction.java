package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.FuncType;

/** A function defined by a module instance, with its compiled code. */
public final class WasmFunction extends FunctionInstance {
  private final ModuleInstance instance;
  private final int index;
  private final CompiledFunction code;

  public WasmFunction(FuncType type, ModuleInstance instance, int index, CompiledFunction code) {
    super(type);
    this.instance = instance;
    this.index = index;
    this.code = code;
  }

  public ModuleInstance instance() {
    return instance;
  }

  /** The function's index in its module's function index space. */
  public int index() {
    return index;
  }

  public CompiledFunction code() {
    return code;
  }

  /** The name from the module's name section, or null. */
  public String name() {
    return instance.functionName(index);
  }
}

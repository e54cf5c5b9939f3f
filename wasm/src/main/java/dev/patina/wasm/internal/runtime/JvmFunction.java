package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.FuncType;

/**
 * A function defined by a Wasm module whose code a compiler turned into JVM bytecode. Callers
 * outside the generated code (the interpreter, the host, other modules) call it like a host
 * function, through its {@link HostCode} entry; generated code of the same instance may call it
 * directly.
 */
public final class JvmFunction extends HostFunctionInstance {
  private final ModuleInstance instance;
  private final int index;

  public JvmFunction(FuncType type, ModuleInstance instance, int index, HostCode entry) {
    super(type, instance.functionName(index), entry);
    this.instance = instance;
    this.index = index;
  }

  public ModuleInstance instance() {
    return instance;
  }

  /** The function's index in its module's function index space. */
  public int index() {
    return index;
  }
}

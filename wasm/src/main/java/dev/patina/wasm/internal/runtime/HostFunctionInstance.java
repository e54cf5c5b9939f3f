package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.FuncType;

/** A function implemented in Java. */
public final class HostFunctionInstance extends FunctionInstance {
  private final HostCode code;
  private final String name;

  public HostFunctionInstance(FuncType type, String name, HostCode code) {
    super(type);
    this.code = code;
    this.name = name;
  }

  public HostCode code() {
    return code;
  }

  /** A name for backtraces, e.g. {@code env.print}. */
  public String name() {
    return name;
  }
}

package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.FuncType;

/**
 * A function implemented in Java, called with its arguments in a {@link CallStack}. Functions that
 * a compiler turned into JVM bytecode are called the same way ({@link JvmFunction}).
 */
public sealed class HostFunctionInstance extends FunctionInstance permits JvmFunction {
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

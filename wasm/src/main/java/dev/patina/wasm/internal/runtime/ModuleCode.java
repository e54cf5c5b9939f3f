package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.FuncType;

/** A module's prepared code: what creates the function instances of each new instance. */
public interface ModuleCode {
  /**
   * The function instance of a function the module defines, for a new instance. {@code index} is
   * the function's index in the module's function index space (imports first), {@code defined} its
   * index among the defined functions. The instance's fields are being filled in: read them when
   * the function runs, not here.
   */
  FunctionInstance function(ModuleInstance instance, int index, int defined, FuncType type);
}

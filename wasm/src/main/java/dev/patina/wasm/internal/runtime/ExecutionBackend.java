package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.structure.WasmModule;

/**
 * How the functions of a module are executed: by the interpreter (the default), or as code that a
 * compiler generated. A backend prepares a validated module's code once; every instance of the
 * module then gets its function instances from that code.
 */
public interface ExecutionBackend {
  /**
   * Prepares the code of a validated module. Metered code charges fuel and serves interruption
   * requests at the start of every basic block (see {@link StoreState}).
   */
  ModuleCode prepare(WasmModule module, boolean metered);
}

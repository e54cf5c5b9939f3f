package dev.patina.wasm;

import dev.patina.wasm.internal.runtime.ModuleInstance;

/**
 * What a host function sees of the Wasm code that called it: the calling instance's memory, for
 * functions that read or write buffers in it.
 */
public final class Caller {
  private final ModuleInstance instance;
  private Memory memory;

  Caller(ModuleInstance instance) {
    this.instance = instance;
  }

  /** The caller's memory 0, or null if it has none (or the call came from the host). */
  public Memory memory() {
    if (memory == null && instance != null && instance.memories.length > 0) {
      memory = new Memory(instance.memories[0]);
    }
    return memory;
  }
}

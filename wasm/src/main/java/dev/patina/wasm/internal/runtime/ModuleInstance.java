package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.structure.NameSection;

/**
 * An instantiated module: its function, table, memory and global index spaces (imports first), the
 * state of its element and data segments (null once dropped), and the canonical ids of its types.
 * The interpreter reads these arrays directly.
 */
public final class ModuleInstance {
  public FunctionInstance[] functions;
  public TableInstance[] tables;
  public MemoryInstance[] memories;

  /** Memory 0, or null: the one memory of a Wasm 2.0 module, read on every access. */
  public MemoryInstance memory;

  public GlobalInstance[] globals;
  public Object[][] elements;
  public byte[][] data;
  public int[] typeIds;

  /** The store's fuel, interrupt flag and limits. */
  public final StoreState store;

  private final NameSection names;

  public ModuleInstance(NameSection names, StoreState store) {
    this.names = names;
    this.store = store;
  }

  public NameSection names() {
    return names;
  }

  public String functionName(int index) {
    return names.functionNames().get(index);
  }

  public String moduleName() {
    return names.moduleName();
  }
}

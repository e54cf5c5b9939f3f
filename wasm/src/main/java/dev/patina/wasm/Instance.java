package dev.patina.wasm;

import dev.patina.wasm.internal.runtime.ModuleInstance;
import java.util.Collections;
import java.util.Map;

/** An instantiated module: its exports, by name. */
public final class Instance {
  private final Module module;
  private final ModuleInstance runtime;
  private final Map<String, Extern> exports;

  Instance(Module module, ModuleInstance runtime, Map<String, Extern> exports) {
    this.module = module;
    this.runtime = runtime;
    this.exports = Collections.unmodifiableMap(exports);
  }

  public Module module() {
    return module;
  }

  ModuleInstance runtime() {
    return runtime;
  }

  /** Every export, in the module's order. */
  public Map<String, Extern> exports() {
    return exports;
  }

  /** The export called {@code name}, or null. */
  public Extern export(String name) {
    return exports.get(name);
  }

  /** The exported function called {@code name}; throws if there is no such function. */
  public Function function(String name) {
    return exportOf(name, Function.class, "function");
  }

  public Memory memory(String name) {
    return exportOf(name, Memory.class, "memory");
  }

  public Table table(String name) {
    return exportOf(name, Table.class, "table");
  }

  public Global global(String name) {
    return exportOf(name, Global.class, "global");
  }

  private <T extends Extern> T exportOf(String name, Class<T> kind, String kindName) {
    Extern e = exports.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no export named \"" + name + "\"");
    }
    if (!kind.isInstance(e)) {
      throw new IllegalArgumentException("export \"" + name + "\" is not a " + kindName);
    }
    return kind.cast(e);
  }
}

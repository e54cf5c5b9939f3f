package dev.patina.wasm;

import java.util.HashMap;
import java.util.Map;

/**
 * Resolves a module's imports by module and field name, then instantiates it. Definitions are host
 * functions, memories, tables and globals, or every export of an instance registered under a module
 * name.
 */
public final class Linker {
  private final Map<String, Map<String, Extern>> definitions = new HashMap<>();

  /** Defines {@code module.name} as {@code value}, replacing an earlier definition. */
  public Linker define(String module, String name, Extern value) {
    definitions.computeIfAbsent(module, k -> new HashMap<>()).put(name, value);
    return this;
  }

  /** Defines a host function {@code module.name}. */
  public Linker function(String module, String name, FuncType type, HostFunction body) {
    return define(module, name, Function.host(module + "." + name, type, body));
  }

  /** Defines every export of {@code instance} under the module name {@code module}. */
  public Linker instance(String module, Instance instance) {
    instance.exports().forEach((name, value) -> define(module, name, value));
    return this;
  }

  /** The definition of {@code module.name}, or null. */
  public Extern get(String module, String name) {
    Map<String, Extern> fields = definitions.get(module);
    return fields == null ? null : fields.get(name);
  }

  /**
   * Instantiates {@code module}: resolves its imports, creates its memories, tables and globals,
   * applies its active segments and runs its start function.
   *
   * @throws UnlinkableException if an import is missing or has the wrong type
   * @throws TrapException if a segment does not fit or the start function traps
   */
  public Instance instantiate(Store store, Module module) {
    return Instantiation.instantiate(store, module, this);
  }
}

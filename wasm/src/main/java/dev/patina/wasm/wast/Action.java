package dev.patina.wasm.wast;

import java.util.List;

/** What a script does to a module instance: call an export or read an exported global. */
public sealed interface Action {
  /** The module's {@code $name}, or null for the most recently defined module. */
  String moduleName();

  /** The export's name. */
  String field();

  /** {@code (invoke $module? "field" arg*)}. */
  record Invoke(String moduleName, String field, List<WastValue> args) implements Action {
    public Invoke {
      args = List.copyOf(args);
    }
  }

  /** {@code (get $module? "field")}. */
  record Get(String moduleName, String field) implements Action {}
}

package dev.patina.wasm.wast;

import java.util.List;

/** One command of a {@code .wast} script, with the 1-based line it starts on. */
public sealed interface WastCommand {
  int line();

  /** {@code (module $name? ...)}: define and instantiate a module; {@code name} may be null. */
  record ModuleCommand(int line, String name, ModuleSource source) implements WastCommand {}

  /**
   * {@code (register "as" $name?)}: make a module's exports importable under {@code as}; a null
   * {@code moduleName} means the most recently defined module.
   */
  record Register(int line, String as, String moduleName) implements WastCommand {}

  /** A bare {@code (invoke ...)} or {@code (get ...)}, whose result is ignored. */
  record ActionCommand(int line, Action action) implements WastCommand {}

  /** The action must return exactly the expected results. */
  record AssertReturn(int line, Action action, List<Expected> expected) implements WastCommand {
    public AssertReturn {
      expected = List.copyOf(expected);
    }
  }

  /** The action must trap with a message starting with {@code message}. */
  record AssertTrap(int line, Action action, String message) implements WastCommand {}

  /** The action must exhaust a resource (typically the call stack). */
  record AssertExhaustion(int line, Action action, String message) implements WastCommand {}

  /** The module must fail to decode or parse. */
  record AssertMalformed(int line, ModuleSource module, String message) implements WastCommand {}

  /** The module must fail validation. */
  record AssertInvalid(int line, ModuleSource module, String message) implements WastCommand {}

  /** The module must fail to link (its imports cannot be satisfied). */
  record AssertUnlinkable(int line, ModuleSource module, String message) implements WastCommand {}

  /**
   * The module must link but trap while instantiating (its start function or segment
   * initialization); written {@code assert_uninstantiable}, or {@code assert_trap} on a module.
   */
  record AssertUninstantiable(int line, ModuleSource module, String message)
      implements WastCommand {}

  /**
   * A command this parser does not model (WebAssembly 3.0 and beyond: {@code assert_exception},
   * {@code module definition}, {@code module instance}, {@code thread}, {@code wait}, ...). It was
   * skipped as a balanced s-expression; {@code keyword} names it.
   */
  record Unsupported(int line, String keyword) implements WastCommand {}
}

package dev.patina.wasm.structure;

import java.util.Map;

/**
 * The contents of the {@code name} custom section: the module name (or null), function names, and
 * local names per function. Maps are keyed by index.
 */
public record NameSection(
    String moduleName,
    Map<Integer, String> functionNames,
    Map<Integer, Map<Integer, String>> localNames) {
  public static final NameSection EMPTY = new NameSection(null, Map.of(), Map.of());

  public NameSection {
    functionNames = Map.copyOf(functionNames);
    localNames = Map.copyOf(localNames);
  }
}

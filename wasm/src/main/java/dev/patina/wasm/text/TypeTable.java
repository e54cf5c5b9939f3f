package dev.patina.wasm.text;

import dev.patina.wasm.FuncType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The type section under construction: explicit {@code (type ...)} definitions first, then the
 * types that inline signatures add, in order of first use ("the smallest existing type index whose
 * definition is the function type, else a new definition at the end of the module").
 */
final class TypeTable {
  private final Space space = new Space("type");
  private final List<FuncType> types = new ArrayList<>();
  private final Map<FuncType, Integer> firstIndex = new HashMap<>();

  Space space() {
    return space;
  }

  /** Adds an explicit definition named by token {@code idToken} (-1 if unnamed). */
  int define(Tokens tokens, int idToken, FuncType type) {
    int index = space.bind(tokens, idToken);
    types.add(type);
    firstIndex.putIfAbsent(type, index);
    return index;
  }

  /** The index of {@code type} for an inline signature, adding a definition if none matches. */
  int implicit(FuncType type) {
    Integer found = firstIndex.get(type);
    if (found != null) {
      return found;
    }
    int index = space.bind(null, -1);
    types.add(type);
    firstIndex.put(type, index);
    return index;
  }

  /** The type at {@code index}, or null if there is no such index (yet). */
  FuncType get(int index) {
    return index >= 0 && index < types.size() ? types.get(index) : null;
  }

  List<FuncType> all() {
    return types;
  }
}

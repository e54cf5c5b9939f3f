package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.ValType;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns function types to small integers. Function types are structural in Wasm 2.0, so one
 * process-wide table serves every store.
 */
public final class TypeRegistry {
  private static final ConcurrentHashMap<FuncType, Integer> IDS = new ConcurrentHashMap<>();

  private TypeRegistry() {}

  public static int idOf(FuncType type) {
    Integer id = IDS.get(type);
    if (id != null) {
      return id;
    }
    synchronized (IDS) {
      return IDS.computeIfAbsent(type, t -> IDS.size());
    }
  }

  /** The number of interpreter slots the values of these types take. */
  public static int slots(List<ValType> types) {
    int n = 0;
    for (ValType t : types) {
      n += t.slots();
    }
    return n;
  }
}

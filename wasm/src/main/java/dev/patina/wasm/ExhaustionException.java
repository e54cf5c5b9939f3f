package dev.patina.wasm;

/**
 * A resource ran out while running Wasm code, e.g. {@code "call stack exhausted"}. It is a trap:
 * the JVM itself never overflows its stack because of Wasm recursion.
 */
public final class ExhaustionException extends TrapException {
  public ExhaustionException(String reason) {
    super(reason);
  }
}

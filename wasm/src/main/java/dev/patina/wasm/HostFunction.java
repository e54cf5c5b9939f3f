package dev.patina.wasm;

/**
 * A function implemented in Java and imported by Wasm modules. It receives the arguments checked
 * against the function type and returns the results (an empty array for none). Throwing a {@link
 * TrapException} traps the calling Wasm code; any other exception becomes a trap too, with the
 * exception as its cause.
 */
@FunctionalInterface
public interface HostFunction {
  Value[] call(Caller caller, Value[] args);
}

package dev.patina.wasm.internal.runtime;

/**
 * The body of a host function at the lowest level: arguments are in the call stack from slot {@code
 * base} on (in the slot layout of the function's parameters), and results are written back from
 * {@code base} on. Read the stack's arrays through {@link CallStack} after any call back into Wasm,
 * since a nested call may grow them.
 */
@FunctionalInterface
public interface HostCode {
  void invoke(CallStack stack, int base);
}

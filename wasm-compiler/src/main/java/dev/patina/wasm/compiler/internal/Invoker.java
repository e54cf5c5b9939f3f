package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.internal.runtime.CallStack;
import dev.patina.wasm.internal.runtime.ModuleInstance;

/**
 * Calls generated functions in the interpreter's slot convention: arguments in the call stack's
 * slots from {@code base} on, results written back there. Generated classes implement it, one per
 * group of functions. {@code calls} is the number of calls still allowed, the callee's included
 * (see {@link Calls#enter}).
 */
public interface Invoker {
  void invoke(int function, ModuleInstance instance, CallStack stack, int base, int calls);
}

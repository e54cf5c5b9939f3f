package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.ExhaustionException;
import dev.patina.wasm.internal.runtime.CallStack;
import dev.patina.wasm.internal.runtime.HostCode;
import dev.patina.wasm.internal.runtime.ModuleInstance;

/**
 * Where the host, the interpreter or another module enters a generated function. It turns a trap
 * unwinding out of generated code back into the {@link dev.patina.wasm.TrapException} with its
 * backtrace. The call depth travels through generated code as a parameter (see {@link
 * Calls#enter}); it starts from the stack's depth here.
 */
final class Entry implements HostCode {
  private final Invoker invoker;
  private final int function;
  private final ModuleInstance instance;

  Entry(Invoker invoker, int function, ModuleInstance instance) {
    this.invoker = invoker;
    this.function = function;
    this.instance = instance;
  }

  @Override
  public void invoke(CallStack stack, int base) {
    try {
      invoker.invoke(function, instance, stack, base, Calls.allowed(stack));
    } catch (Unwind u) {
      throw u.toTrap();
    } catch (StackOverflowError e) {
      throw new ExhaustionException("call stack exhausted");
    }
  }
}

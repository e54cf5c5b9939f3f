package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.ExhaustionException;
import dev.patina.wasm.internal.runtime.CallStack;
import dev.patina.wasm.internal.runtime.HostCode;
import dev.patina.wasm.internal.runtime.ModuleInstance;

/**
 * Where the host, the interpreter or another module enters a generated function. It turns a trap
 * unwinding out of generated code back into the {@link dev.patina.wasm.TrapException} with its
 * backtrace, and restores the call depth.
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
    int depth = stack.depth;
    // Generated functions count themselves on entry; the interpreter counts callers only.
    stack.depth = depth - 1;
    try {
      invoker.invoke(function, instance, stack, base);
    } catch (Unwind u) {
      throw u.toTrap();
    } catch (StackOverflowError e) {
      throw new ExhaustionException("call stack exhausted");
    } finally {
      stack.depth = depth;
    }
  }
}

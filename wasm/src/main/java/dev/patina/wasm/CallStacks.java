package dev.patina.wasm;

import dev.patina.wasm.internal.runtime.CallStack;

/**
 * One call stack per thread: Wasm code runs on the calling thread, and a host function that calls
 * back into Wasm continues on the same stack above its caller's frames.
 */
final class CallStacks {
  private static final ThreadLocal<CallStack> STACKS = ThreadLocal.withInitial(CallStack::new);

  private CallStacks() {}

  static CallStack current() {
    return STACKS.get();
  }
}

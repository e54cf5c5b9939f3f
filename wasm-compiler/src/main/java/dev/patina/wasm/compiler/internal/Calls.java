package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.ExhaustionException;
import dev.patina.wasm.TrapException;
import dev.patina.wasm.internal.interp.Interpreter;
import dev.patina.wasm.internal.runtime.CallStack;
import dev.patina.wasm.internal.runtime.FunctionInstance;
import dev.patina.wasm.internal.runtime.ModuleInstance;
import dev.patina.wasm.internal.runtime.StoreState;

/**
 * Calls and their bookkeeping for generated code: the call depth limit, fuel and interruption, and
 * calls through the interpreter's slot convention (imports, functions of other instances), whose
 * arguments and results pass through the call stack's slots from {@link CallStack#top} on. The same
 * slots carry the results of generated functions with more than one result.
 */
public final class Calls {
  private Calls() {}

  /**
   * Counts a call into a generated function. Generated functions take the number of calls still
   * allowed (this one included) as their last parameter, and pass what this returns on to their
   * callees: the depth limit costs a register and a compare per call, no memory traffic. Traps at
   * the store's depth limit exactly where the interpreter does.
   */
  public static int enter(int calls) {
    if (calls <= 0) {
      throw exhausted();
    }
    return calls - 1;
  }

  private static ExhaustionException exhausted() {
    return new ExhaustionException("call stack exhausted");
  }

  /**
   * The calls allowed from a generated function entered with the stack at its current depth (the
   * interpreter counts the caller's frame only; the callee counts itself in {@link #enter}).
   */
  public static int allowed(CallStack stack) {
    return stack.maxDepth() - stack.depth;
  }

  /** Charges a basic block's fuel and serves a pending interrupt (as the interpreter does). */
  public static void meter(StoreState store, int instructions) {
    if ((store.fuel -= instructions) < 0) {
      store.fuel = 0;
      throw new TrapException("all fuel consumed");
    }
    if (store.interruptRequested) {
      store.interruptRequested = false;
      throw new TrapException("interrupted");
    }
  }

  /** Makes room for {@code slots} slots of arguments or results from the stack's top on. */
  public static void reserve(CallStack stack, int slots) {
    stack.ensureSlots(stack.top + slots);
  }

  /**
   * Calls {@code function} with its arguments from the stack's top on; results land there. {@code
   * calls} is the caller's count of calls still allowed: like the interpreter, this counts the
   * callee as one more frame (the trap, if the limit is reached, is the caller's) and runs it with
   * the stack at that depth, where the interpreter, a host function calling back into Wasm or
   * another instance's generated code carries on counting.
   */
  public static void call(
      FunctionInstance function, ModuleInstance caller, CallStack stack, int calls) {
    if (calls <= 0) {
      throw exhausted();
    }
    ModuleInstance oldCaller = stack.caller;
    int oldDepth = stack.depth;
    stack.caller = caller;
    stack.depth = stack.maxDepth() - calls;
    try {
      Interpreter.invoke(function, stack, stack.top);
    } finally {
      stack.caller = oldCaller;
      stack.depth = oldDepth;
    }
  }

  public static void putI(int value, CallStack stack, int slot) {
    stack.slots()[stack.top + slot] = value;
  }

  public static void putJ(long value, CallStack stack, int slot) {
    stack.slots()[stack.top + slot] = value;
  }

  public static void putF(float value, CallStack stack, int slot) {
    stack.slots()[stack.top + slot] = Float.floatToRawIntBits(value);
  }

  public static void putD(double value, CallStack stack, int slot) {
    stack.slots()[stack.top + slot] = Double.doubleToRawLongBits(value);
  }

  public static void putV(V128 value, CallStack stack, int slot) {
    long[] s = stack.slots();
    s[stack.top + slot] = value.lo();
    s[stack.top + slot + 1] = value.hi();
  }

  public static void putR(Object value, CallStack stack, int slot) {
    stack.refs()[stack.top + slot] = value;
  }

  public static int getI(CallStack stack, int slot) {
    return (int) stack.slots()[stack.top + slot];
  }

  public static long getJ(CallStack stack, int slot) {
    return stack.slots()[stack.top + slot];
  }

  public static float getF(CallStack stack, int slot) {
    return Float.intBitsToFloat((int) stack.slots()[stack.top + slot]);
  }

  public static double getD(CallStack stack, int slot) {
    return Double.longBitsToDouble(stack.slots()[stack.top + slot]);
  }

  public static V128 getV(CallStack stack, int slot) {
    long[] s = stack.slots();
    return new V128(s[stack.top + slot], s[stack.top + slot + 1]);
  }

  /** Reads a reference and clears its slot, so that the stack keeps nothing alive. */
  public static Object getR(CallStack stack, int slot) {
    Object[] refs = stack.refs();
    Object value = refs[stack.top + slot];
    refs[stack.top + slot] = null;
    return value;
  }

  // The same at an explicit base: the entries that host and interpreter callers use.

  public static int argI(CallStack stack, int base) {
    return (int) stack.slots()[base];
  }

  public static long argJ(CallStack stack, int base) {
    return stack.slots()[base];
  }

  public static float argF(CallStack stack, int base) {
    return Float.intBitsToFloat((int) stack.slots()[base]);
  }

  public static double argD(CallStack stack, int base) {
    return Double.longBitsToDouble(stack.slots()[base]);
  }

  public static V128 argV(CallStack stack, int base) {
    long[] s = stack.slots();
    return new V128(s[base], s[base + 1]);
  }

  public static Object argR(CallStack stack, int base) {
    return stack.refs()[base];
  }

  public static void resultI(int value, CallStack stack, int base) {
    stack.slots()[base] = value;
  }

  public static void resultJ(long value, CallStack stack, int base) {
    stack.slots()[base] = value;
  }

  public static void resultF(float value, CallStack stack, int base) {
    stack.slots()[base] = Float.floatToRawIntBits(value);
  }

  public static void resultD(double value, CallStack stack, int base) {
    stack.slots()[base] = Double.doubleToRawLongBits(value);
  }

  public static void resultV(V128 value, CallStack stack, int base) {
    long[] s = stack.slots();
    s[base] = value.lo();
    s[base + 1] = value.hi();
  }

  public static void resultR(Object value, CallStack stack, int base) {
    stack.refs()[base] = value;
  }

  /** Copies {@code slots} result slots from the stack's top down to {@code base}. */
  public static void moveResults(CallStack stack, int base, int slots) {
    int top = stack.top;
    System.arraycopy(stack.slots(), top, stack.slots(), base, slots);
    Object[] refs = stack.refs();
    for (int i = 0; i < slots; i++) {
      refs[base + i] = refs[top + i];
      refs[top + i] = null;
    }
  }

  /** Copies {@code slots} argument slots from {@code base} up to the stack's top. */
  public static void moveArguments(CallStack stack, int base, int slots) {
    stack.ensureSlots(stack.top + slots);
    System.arraycopy(stack.slots(), base, stack.slots(), stack.top, slots);
    System.arraycopy(stack.refs(), base, stack.refs(), stack.top, slots);
  }
}

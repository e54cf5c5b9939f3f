package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.ExhaustionException;
import java.util.Arrays;

/**
 * The stacks one thread runs Wasm code on: a value stack of 64-bit slots with a parallel array for
 * references (same indices), and the frame stack of suspended callers. Both grow on demand up to
 * fixed limits, beyond which a call is a Wasm trap ("call stack exhausted"), never a JVM {@link
 * StackOverflowError}.
 */
public final class CallStack {
  public static final int DEFAULT_MAX_SLOTS = 16 * 1024 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 100_000;

  private long[] slots = new long[4096];
  private Object[] refs = new Object[4096];
  private final int maxSlots;
  private int maxDepth;

  /** Saved caller state, indexed by depth. */
  public int[] savedPc = new int[256];

  public int[] savedFp = new int[256];
  public WasmFunction[] savedFunction = new WasmFunction[256];

  /** The number of suspended frames. */
  public int depth;

  /** The first slot above everything in use; a nested call from the host starts here. */
  public int top;

  /** The instance whose code called the running host function, or null. */
  public ModuleInstance caller;

  public CallStack() {
    this(DEFAULT_MAX_SLOTS, DEFAULT_MAX_DEPTH);
  }

  public CallStack(int maxSlots, int maxDepth) {
    this.maxSlots = maxSlots;
    this.maxDepth = maxDepth;
  }

  /** The current call depth limit; a store may lower it for its calls. */
  public int maxDepth() {
    return maxDepth;
  }

  public void maxDepth(int limit) {
    this.maxDepth = limit;
  }

  public long[] slots() {
    return slots;
  }

  public Object[] refs() {
    return refs;
  }

  /** Makes sure slots {@code [0, needed)} exist; traps when over the limit. */
  public void ensureSlots(int needed) {
    if (needed <= slots.length) {
      return;
    }
    if (needed > maxSlots || needed < 0) {
      throw new ExhaustionException("call stack exhausted");
    }
    int size = (int) Math.min(maxSlots, Math.max((long) needed, 2L * slots.length));
    slots = Arrays.copyOf(slots, size);
    refs = Arrays.copyOf(refs, size);
  }

  /** Makes room to save one more frame; traps when the call depth limit is reached. */
  public void ensureDepth() {
    int next = depth + 1;
    if (next < savedPc.length && next < maxDepth) {
      return;
    }
    if (next >= maxDepth) {
      throw new ExhaustionException("call stack exhausted");
    }
    int size = Math.max(depth + 2, Math.min(maxDepth, savedPc.length * 2));
    savedPc = Arrays.copyOf(savedPc, size);
    savedFp = Arrays.copyOf(savedFp, size);
    savedFunction = Arrays.copyOf(savedFunction, size);
  }
}

package dev.patina.wasm;

import dev.patina.wasm.internal.runtime.CallStack;
import dev.patina.wasm.internal.runtime.MemoryInstance;
import dev.patina.wasm.internal.runtime.StoreState;
import dev.patina.wasm.internal.runtime.TableInstance;

/**
 * The context instances are created in, with the limits and controls that apply to their code:
 *
 * <ul>
 *   <li>memory, table and call-depth limits: exceeding them fails {@code memory.grow}/{@code
 *       table.grow} or traps ("call stack exhausted"), never exhausts the JVM;
 *   <li>fuel: a deterministic budget of executed instructions; running out traps ("all fuel
 *       consumed");
 *   <li>interruption: {@link #interrupt()} from any thread makes the running code trap
 *       ("interrupted") at its next loop iteration or call.
 * </ul>
 *
 * Fuel and interruption cost a check per basic block, so they are off unless asked for.
 */
public final class Store {
  private final StoreState state;

  /** A store with default limits and no fuel or interruption. */
  public Store() {
    this(builder());
  }

  private Store(Builder b) {
    boolean metered = b.fuel >= 0 || b.interruptible;
    this.state =
        new StoreState(
            metered,
            b.fuel >= 0 ? b.fuel : Long.MAX_VALUE,
            b.maxMemoryPages,
            b.maxTableElements,
            b.maxCallDepth);
  }

  public static Builder builder() {
    return new Builder();
  }

  StoreState state() {
    return state;
  }

  public long maxMemoryPages() {
    return state.maxMemoryPages;
  }

  /** Whether {@link #interrupt()} is available (the store was built interruptible or with fuel). */
  public boolean interruptible() {
    return state.metered;
  }

  /** The fuel left, or -1 if this store does not meter fuel. */
  public long fuel() {
    return state.fuel == Long.MAX_VALUE ? -1 : state.fuel;
  }

  /** Adds fuel to a store built with {@link Builder#fuel}. */
  public void addFuel(long amount) {
    if (state.fuel == Long.MAX_VALUE) {
      throw new IllegalStateException("this store does not meter fuel");
    }
    if (amount < 0) {
      throw new IllegalArgumentException("fuel must not be negative");
    }
    state.fuel = Math.addExact(state.fuel, amount);
  }

  /**
   * Asks the code running in this store (on any thread) to stop: it traps with "interrupted" at its
   * next loop iteration or function entry. The request is consumed by that trap; if nothing runs,
   * the next call traps at once. Requires a store built {@link Builder#interruptible}.
   */
  public void interrupt() {
    if (!state.metered) {
      throw new IllegalStateException("this store was not built interruptible");
    }
    state.interruptRequested = true;
  }

  /** Limits and controls of a new store. */
  public static final class Builder {
    private long maxMemoryPages = MemoryInstance.MAX_PAGES;
    private long maxTableElements = TableInstance.MAX_ELEMENTS;
    private int maxCallDepth = CallStack.DEFAULT_MAX_DEPTH;
    private long fuel = -1;
    private boolean interruptible;

    private Builder() {}

    /** The most 64 KiB pages any memory may have. */
    public Builder maxMemoryPages(long pages) {
      if (pages < 0) {
        throw new IllegalArgumentException("maxMemoryPages must not be negative");
      }
      this.maxMemoryPages = pages;
      return this;
    }

    /** The most bytes any memory may have (rounded down to whole pages). */
    public Builder maxMemoryBytes(long bytes) {
      return maxMemoryPages(bytes / MemoryType.PAGE_SIZE);
    }

    /** The most elements any table may have. */
    public Builder maxTableElements(long elements) {
      if (elements < 0) {
        throw new IllegalArgumentException("maxTableElements must not be negative");
      }
      this.maxTableElements = elements;
      return this;
    }

    /** The deepest nesting of calls; deeper calls trap with "call stack exhausted". */
    public Builder maxCallDepth(int depth) {
      if (depth < 1 || depth > CallStack.DEFAULT_MAX_DEPTH) {
        throw new IllegalArgumentException(
            "maxCallDepth must be between 1 and " + CallStack.DEFAULT_MAX_DEPTH);
      }
      this.maxCallDepth = depth;
      return this;
    }

    /** Meters execution with this much fuel (about one unit per executed instruction). */
    public Builder fuel(long fuel) {
      if (fuel < 0) {
        throw new IllegalArgumentException("fuel must not be negative");
      }
      this.fuel = fuel;
      return this;
    }

    /** Makes {@link Store#interrupt()} available. */
    public Builder interruptible(boolean interruptible) {
      this.interruptible = interruptible;
      return this;
    }

    public Store build() {
      return new Store(this);
    }
  }
}

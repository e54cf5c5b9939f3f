package dev.patina.wasm.internal.runtime;

/**
 * What running code reads of its store: the fuel left and whether an interrupt was requested. Only
 * metered code (compiled for a store with fuel or interruption) looks at it.
 */
public final class StoreState {
  /** Fuel left; {@link Long#MAX_VALUE} when fuel is not metered. */
  public long fuel;

  /** Set by another thread to stop running code at its next metering point. */
  public volatile boolean interruptRequested;

  public final boolean metered;
  public final long maxMemoryPages;
  public final long maxTableElements;
  public final int maxCallDepth;

  public StoreState(
      boolean metered, long fuel, long maxMemoryPages, long maxTableElements, int maxCallDepth) {
    this.metered = metered;
    this.fuel = fuel;
    this.maxMemoryPages = maxMemoryPages;
    this.maxTableElements = maxTableElements;
    this.maxCallDepth = maxCallDepth;
  }
}

package dev.patina.wasm;

import dev.patina.wasm.internal.runtime.MemoryInstance;

/**
 * The context instances are created in, with the limits that apply to them: the most pages a memory
 * of this store may grow to. Everything a store holds is reclaimed by the garbage collector once
 * unreachable.
 */
public final class Store {
  private final long maxMemoryPages;

  /** A store with default limits: memories up to the largest size a JVM array allows. */
  public Store() {
    this(MemoryInstance.MAX_PAGES);
  }

  /** A store whose memories may not grow beyond {@code maxMemoryPages} 64 KiB pages. */
  public Store(long maxMemoryPages) {
    if (maxMemoryPages < 0) {
      throw new IllegalArgumentException("maxMemoryPages must not be negative");
    }
    this.maxMemoryPages = maxMemoryPages;
  }

  public long maxMemoryPages() {
    return maxMemoryPages;
  }
}

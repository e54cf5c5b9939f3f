package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.MemoryType;

/**
 * A linear memory. The bytes live in one Java array, so a memory holds at most {@link #MAX_PAGES}
 * pages (2 GiB minus 64 KiB); growing beyond that, or beyond the declared maximum or the embedder's
 * limit, fails as {@code memory.grow} allows.
 */
public final class MemoryInstance {
  /** The most pages a Java byte array can hold. */
  public static final int MAX_PAGES = Integer.MAX_VALUE / MemoryType.PAGE_SIZE;

  private static final byte[] EMPTY = new byte[0];

  /** The current contents; replaced (never resized in place) when the memory grows. */
  public byte[] bytes;

  private final MemoryType type;
  private final long maxPages;

  public MemoryInstance(MemoryType type, long limitPages) {
    this.type = type;
    long declaredMax = type.limits().hasMax() ? type.limits().max() : Long.MAX_VALUE;
    this.maxPages = Math.min(Math.min(declaredMax, limitPages), MAX_PAGES);
    long min = type.limits().min();
    if (min > maxPages) {
      throw new IllegalStateException("memory of " + min + " pages exceeds the limit");
    }
    this.bytes = min == 0 ? EMPTY : new byte[(int) min * MemoryType.PAGE_SIZE];
  }

  public MemoryType type() {
    return type;
  }

  /** The type as it is now: the current size as minimum (what import matching compares). */
  public MemoryType currentType() {
    return new MemoryType(new dev.patina.wasm.Limits(pages(), type.limits().max()));
  }

  public int pages() {
    return bytes.length / MemoryType.PAGE_SIZE;
  }

  /** Grows by {@code delta} pages (an unsigned i32); returns the old size, or -1 on failure. */
  public int grow(int delta) {
    int old = pages();
    long wanted = old + (delta & 0xFFFFFFFFL);
    if (wanted > maxPages) {
      return -1;
    }
    if (delta != 0) {
      byte[] grown;
      try {
        grown = new byte[(int) wanted * MemoryType.PAGE_SIZE];
      } catch (OutOfMemoryError e) {
        return -1;
      }
      System.arraycopy(bytes, 0, grown, 0, bytes.length);
      bytes = grown;
    }
    return old;
  }
}

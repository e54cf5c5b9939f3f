package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.Limits;
import dev.patina.wasm.TableType;
import java.util.Arrays;

/**
 * A table of references: {@link FunctionInstance}s for funcref tables, any object for externref
 * tables, {@code null} for the null reference.
 */
public final class TableInstance {
  /** The most elements a table may hold, to keep a runaway {@code table.grow} from the heap. */
  public static final long MAX_ELEMENTS = 10_000_000;

  public Object[] elements;
  private final TableType type;
  private final long max;

  public TableInstance(TableType type, Object init) {
    this(type, init, MAX_ELEMENTS);
  }

  public TableInstance(TableType type, Object init, long limitElements) {
    this.type = type;
    long declared = type.limits().hasMax() ? type.limits().max() : Long.MAX_VALUE;
    this.max = Math.min(declared, Math.min(limitElements, MAX_ELEMENTS));
    long min = type.limits().min();
    if (min > max) {
      throw new IllegalStateException("table of " + min + " elements exceeds the limit");
    }
    this.elements = new Object[(int) min];
    if (init != null) {
      Arrays.fill(elements, init);
    }
  }

  public TableType type() {
    return type;
  }

  public TableType currentType() {
    return new TableType(type.elementType(), new Limits(size(), type.limits().max()));
  }

  public int size() {
    return elements.length;
  }

  /** Grows by {@code delta} elements set to {@code init}; returns the old size or -1. */
  public int grow(int delta, Object init) {
    int old = elements.length;
    long wanted = old + (delta & 0xFFFFFFFFL);
    if (wanted > max) {
      return -1;
    }
    if (delta != 0) {
      Object[] grown = Arrays.copyOf(elements, (int) wanted);
      Arrays.fill(grown, old, grown.length, init);
      elements = grown;
    }
    return old;
  }
}

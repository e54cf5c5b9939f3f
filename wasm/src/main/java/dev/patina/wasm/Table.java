package dev.patina.wasm;

import dev.patina.wasm.internal.runtime.TableInstance;

/** A table of references, exported by an instance or created by the host. */
public final class Table implements Extern {
  private final TableInstance instance;

  Table(TableInstance instance) {
    this.instance = instance;
  }

  /** A new table of the given type with every element set to {@code init}. */
  public Table(TableType type, Value init) {
    this(new TableInstance(type, init == null ? null : Values.reference(init)));
  }

  TableInstance instance() {
    return instance;
  }

  @Override
  public TableType type() {
    return instance.currentType();
  }

  public int size() {
    return instance.size();
  }

  public Value get(int index) {
    return Values.read(
        instance.type().elementType(), new long[1], new Object[] {instance.elements[index]}, 0);
  }

  public void set(int index, Value value) {
    instance.elements[index] = Values.reference(value);
  }

  /** Grows by {@code delta} elements set to {@code init}; returns the old size or -1. */
  public int grow(int delta, Value init) {
    return instance.grow(delta, Values.reference(init));
  }
}

package dev.patina.wasm;

import dev.patina.wasm.internal.runtime.GlobalInstance;
import dev.patina.wasm.internal.runtime.RawValue;

/** A global variable, exported by an instance or created by the host. */
public final class Global implements Extern {
  private final GlobalInstance instance;

  Global(GlobalInstance instance) {
    this.instance = instance;
  }

  /** A new global of the given type holding {@code value}. */
  public Global(GlobalType type, Value value) {
    this(new GlobalInstance(type));
    store(value);
  }

  GlobalInstance instance() {
    return instance;
  }

  @Override
  public GlobalType type() {
    return instance.type();
  }

  public Value get() {
    return Values.fromRaw(
        instance.type().valType(), new RawValue(instance.value, instance.high, instance.ref));
  }

  /** Sets a mutable global. */
  public void set(Value value) {
    if (!instance.type().mutable()) {
      throw new IllegalStateException("global is immutable");
    }
    store(value);
  }

  private void store(Value value) {
    if (value.type() != instance.type().valType()) {
      throw new IllegalArgumentException(
          "global of type " + instance.type().valType() + " cannot hold " + value.type());
    }
    long[] slots = new long[2];
    Object[] refs = new Object[1];
    Values.write(value, slots, refs, 0);
    instance.value = slots[0];
    instance.high = slots[1];
    instance.ref = value.type().isReference() ? refs[0] : null;
  }
}

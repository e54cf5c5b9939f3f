package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.GlobalType;

/**
 * A global variable. Numeric values live in {@link #value} (f32/f64 as raw bits), v128 in {@link
 * #value} (low) and {@link #high}, references in {@link #ref}.
 */
public final class GlobalInstance {
  private final GlobalType type;
  public long value;
  public long high;
  public Object ref;

  public GlobalInstance(GlobalType type) {
    this.type = type;
  }

  public GlobalType type() {
    return type;
  }
}

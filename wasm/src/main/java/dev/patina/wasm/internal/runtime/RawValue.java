package dev.patina.wasm.internal.runtime;

/**
 * A value in the runtime's own representation: numeric bits (v128: low and high) or a reference.
 */
public record RawValue(long low, long high, Object ref) {
  public static RawValue bits(long bits) {
    return new RawValue(bits, 0, null);
  }

  public static RawValue reference(Object ref) {
    return new RawValue(0, 0, ref);
  }
}

package dev.patina.wasm.compiler.internal;

/**
 * A v128 value in generated code: bytes 0-7 in {@code lo} (lane 0 lowest), bytes 8-15 in {@code
 * hi}, as the interpreter keeps them in two slots.
 */
public record V128(long lo, long hi) {
  public static final V128 ZERO = new V128(0, 0);
}

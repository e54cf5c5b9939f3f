package dev.patina.wasm.wast;

import dev.patina.wasm.ValType;

/** A constant written in a script: an argument of an invocation or an exact expected result. */
public sealed interface WastValue {
  record I32(int value) implements WastValue {}

  record I64(long value) implements WastValue {}

  /** An {@code f32} by its bit pattern (NaN payloads are exact). */
  record F32(int bits) implements WastValue {}

  /** An {@code f64} by its bit pattern (NaN payloads are exact). */
  record F64(long bits) implements WastValue {}

  /**
   * A {@code v128}: {@code lo} holds bytes 0 to 7 and {@code hi} bytes 8 to 15, little-endian, so
   * lane 0 of any shape sits in the lowest bits of {@code lo}.
   */
  record V128(long lo, long hi) implements WastValue {
    /** The 16 bytes, byte 0 first. */
    public byte[] bytes() {
      byte[] b = new byte[16];
      for (int i = 0; i < 8; i++) {
        b[i] = (byte) (lo >>> (8 * i));
        b[i + 8] = (byte) (hi >>> (8 * i));
      }
      return b;
    }

    /** The vector of 16 little-endian bytes. */
    public static V128 of(byte[] b) {
      long lo = 0;
      long hi = 0;
      for (int i = 7; i >= 0; i--) {
        lo = (lo << 8) | (b[i] & 0xFF);
        hi = (hi << 8) | (b[i + 8] & 0xFF);
      }
      return new V128(lo, hi);
    }
  }

  /** {@code (ref.null func)} or {@code (ref.null extern)}. */
  record RefNull(ValType type) implements WastValue {}

  /** {@code (ref.extern n)}: a host reference the script identifies by a number. */
  record RefExtern(long id) implements WastValue {}

  /**
   * A value form of a later WebAssembly version ({@code (ref.host 1)}, {@code (ref.null any)},
   * ...), kept as its source text so that a runner can report it.
   */
  record Unsupported(String text) implements WastValue {}
}

package dev.patina.wasm.structure;

import java.util.Arrays;

/**
 * A constant expression in its binary encoding, including the final {@code end} (0x0B), and the
 * offset of its first byte in the module binary (for error messages; -1 if synthesized).
 */
public record ConstExpr(byte[] code, int offset) {
  /** A {@code ref.func idx} expression, as element segments that list function indices mean. */
  public static ConstExpr refFunc(int functionIndex, int offset) {
    byte[] leb = new byte[8];
    int n = 0;
    leb[n++] = (byte) 0xD2;
    long v = functionIndex & 0xFFFFFFFFL;
    do {
      byte b = (byte) (v & 0x7F);
      v >>>= 7;
      if (v != 0) {
        b |= (byte) 0x80;
      }
      leb[n++] = b;
    } while (v != 0);
    leb[n++] = 0x0B;
    return new ConstExpr(Arrays.copyOf(leb, n), offset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConstExpr other && Arrays.equals(code, other.code);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(code);
  }

  @Override
  public String toString() {
    return "ConstExpr" + Arrays.toString(code);
  }
}

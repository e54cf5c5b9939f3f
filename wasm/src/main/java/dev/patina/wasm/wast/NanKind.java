package dev.patina.wasm.wast;

/** The NaN patterns a result may be required to match. */
public enum NanKind {
  /** {@code nan:canonical}: a quiet NaN with an all-zero payload apart from the quiet bit. */
  CANONICAL,
  /** {@code nan:arithmetic}: any quiet NaN (the quiet bit set, any payload, either sign). */
  ARITHMETIC
}

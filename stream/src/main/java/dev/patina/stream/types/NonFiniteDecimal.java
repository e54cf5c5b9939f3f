package dev.patina.stream.types;

/**
 * The decimal values that are not numbers: RisingWave's decimal (like PostgreSQL's numeric) admits
 * NaN and both infinities. Finite decimal values are {@link java.math.BigDecimal}.
 */
public enum NonFiniteDecimal {
  NAN("NaN"),
  POSITIVE_INFINITY("Infinity"),
  NEGATIVE_INFINITY("-Infinity");

  private final String text;

  NonFiniteDecimal(String text) {
    this.text = text;
  }

  /** PostgreSQL's text for this value: {@code NaN}, {@code Infinity}, {@code -Infinity}. */
  @Override
  public String toString() {
    return text;
  }
}

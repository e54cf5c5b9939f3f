package dev.patina.stream.expr;

/**
 * PostgreSQL's function volatility: whether a function's result depends on its arguments alone.
 * Only {@link #IMMUTABLE} expressions may be folded at plan time or maintained incrementally.
 */
public enum Volatility {
  /** The result depends on the arguments alone. */
  IMMUTABLE,
  /**
   * Fixed within one statement: reads the statement time, the session's TimeZone or a parameter.
   */
  STABLE,
  /** May differ at each call: {@code random()}, {@code proctime()}. */
  VOLATILE;

  /** The less stable of two. */
  public Volatility max(Volatility other) {
    return compareTo(other) >= 0 ? this : other;
  }
}

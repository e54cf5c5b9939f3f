package dev.patina.stream.dataflow;

/**
 * The aggregate functions a {@link StreamGraphBuilder#hashAgg} maintains under inserts and deletes.
 * The first group keeps a small running state (counts, sums); the second keeps its inputs, ordered,
 * in a state table, because a deletion can change the result in ways a summary cannot undo (the
 * current minimum is deleted).
 */
public enum AggKind {
  /** {@code count(*)}: no arguments. */
  COUNT_STAR(false),
  /** {@code count(x)}: non-null values. */
  COUNT(false),
  /** {@code sum(x)}: NULL over no non-null value; integer sums are exact. */
  SUM(false),
  /** {@code sum0(x)}: like SUM but 0 instead of NULL (the sum of partial counts). */
  SUM0(false),
  AVG(false),
  BOOL_AND(false),
  BOOL_OR(false),
  MIN(true),
  MAX(true),
  /** {@code string_agg(value, delimiter)}: two arguments. */
  STRING_AGG(true),
  ARRAY_AGG(true),
  FIRST_VALUE(true),
  LAST_VALUE(true),
  /**
   * Any other aggregate (percentiles, mode, approx_percentile, variance, interval sums ...): keeps
   * its inputs and computes the result from all of a group's inputs with {@link
   * AggCall#finisher()}, the batch engine's code, so both engines answer alike.
   */
  GENERIC(true);

  private final boolean keepsInputs;

  AggKind(boolean keepsInputs) {
    this.keepsInputs = keepsInputs;
  }

  /** Whether the function's inputs are kept in a state table. */
  public boolean keepsInputs() {
    return keepsInputs;
  }
}

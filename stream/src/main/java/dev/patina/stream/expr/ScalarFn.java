package dev.patina.stream.expr;

/**
 * The implementation of a scalar function or cast over runtime values. A strict function is never
 * called with a null argument (its call node returns NULL instead); a non-strict one gets nulls.
 * Runtime errors are {@link dev.patina.stream.pgwire.SqlException}s.
 */
@FunctionalInterface
public interface ScalarFn {
  Object apply(Object[] args);
}

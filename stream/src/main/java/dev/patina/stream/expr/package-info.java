/**
 * Bound scalar expressions of Patina's streaming SQL database: {@link
 * dev.patina.stream.expr.BoundExpr} trees that the binder builds and the batch and streaming
 * executors evaluate row by row.
 *
 * <p>The binder builds them through {@link dev.patina.stream.expr.Operators} (operators, CASE, IN,
 * COALESCE, ARRAY, ROW ...), {@link dev.patina.stream.expr.Functions} (named functions, resolved by
 * PostgreSQL's overload rules), {@link dev.patina.stream.expr.Casts} and {@link
 * dev.patina.stream.expr.Literals}; {@link dev.patina.stream.expr.Coercion} gives the common type
 * of UNION columns and VALUES rows; {@link dev.patina.stream.expr.Ordering} is the SQL order and
 * equality of runtime values (for sorts, joins and group keys). Errors are {@link
 * dev.patina.stream.pgwire.SqlException}s with PostgreSQL's SQLSTATEs.
 */
package dev.patina.stream.expr;

package dev.patina.stream.pgwire;

import java.util.Iterator;
import java.util.List;

/**
 * The rows of a result, pulled one at a time so that results stream to the client and a portal can
 * stop after {@code maxRows} and resume later. A row holds one runtime value per column (null for
 * SQL NULL) of the Java class the column's {@link dev.patina.stream.types.DataType} names.
 */
public interface RowStream extends AutoCloseable {
  /**
   * The next row, or null at the end. May block while rows are computed, and may throw {@link
   * SqlException} (including {@link SqlState#QUERY_CANCELED}).
   */
  Object[] next();

  /** Releases what the stream holds; called when the result is abandoned or done. */
  @Override
  default void close() {}

  /** A stream over rows already computed. */
  static RowStream of(List<Object[]> rows) {
    Iterator<Object[]> it = rows.iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  /** A stream of the given rows. */
  static RowStream of(Object[]... rows) {
    return of(List.of(rows));
  }
}

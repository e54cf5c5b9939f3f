package dev.patina.stream.pgwire;

import dev.patina.stream.types.DataType;
import java.util.List;

/**
 * A statement prepared for the extended protocol: it describes itself and executes with bound
 * parameter values. The server decodes parameters into runtime values of {@link #parameterTypes()}
 * before calling {@link #execute}.
 */
public interface Prepared {
  /** The type of each parameter {@code $1 ... $n}, with unspecified ones resolved. */
  List<DataType> parameterTypes();

  /** The rows the statement returns, or null if it returns none (the client sees NoData). */
  RowDescription rowDescription();

  /**
   * Executes with one value per parameter (null for SQL NULL). A result with rows is consumed
   * lazily, possibly over several Execute messages.
   */
  StatementResult execute(List<Object> parameters);

  /** Frees the statement (Close, or the client disconnected). */
  default void close() {}
}

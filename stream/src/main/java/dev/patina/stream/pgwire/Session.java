package dev.patina.stream.pgwire;

import dev.patina.stream.types.DataType;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;

/**
 * One client's session with the engine. The server calls {@link #execute}, {@link #prepare} and the
 * methods of what they return from one thread at a time (the connection's); {@link #cancel()} may
 * come from any thread.
 *
 * <p>Methods report SQL errors by throwing {@link SqlException}; any other exception becomes an
 * internal error ({@code XX000}) for the client, and the session stays usable.
 */
public interface Session extends AutoCloseable {
  /**
   * Runs a simple-protocol query string, which may hold several statements separated by semicolons.
   * The iterator runs one statement per {@code next()} call and may throw {@link SqlException}
   * there; the server stops at the first error. An empty query string yields one {@link
   * StatementResult.EmptyQuery}.
   */
  Iterator<StatementResult> execute(String sql);

  /**
   * Prepares one statement for the extended protocol.
   *
   * @param parameterTypes the types the client declared for {@code $1, $2, ...}; shorter than the
   *     statement's parameter count or with null entries where the client left the type unspecified
   *     (OID 0), which the engine infers
   */
  Prepared prepare(String sql, List<DataType> parameterTypes);

  /**
   * Told of every error the client receives while the session is ready, whether the engine raised
   * it or the server did (a parameter that does not decode, an unknown portal). A session with
   * transaction blocks marks the block failed here, as PostgreSQL does.
   */
  default void errorOccurred(SqlException error) {}

  /** The transaction state reported in ReadyForQuery. */
  default TransactionStatus transactionStatus() {
    return TransactionStatus.IDLE;
  }

  /** The session's TimeZone, in which timestamptz values are printed and read. */
  default ZoneId timeZone() {
    return ZoneId.of("UTC");
  }

  /**
   * Asks the running statement, if any, to stop with {@link SqlState#QUERY_CANCELED}. Called from
   * another thread on a CancelRequest or when the client disconnects.
   */
  default void cancel() {}

  /** Ends the session (the client disconnected or terminated). */
  @Override
  default void close() {}
}

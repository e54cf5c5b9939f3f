package dev.patina.stream.pgwire;

/**
 * The SQL engine behind a {@link PgServer}: it opens one {@link Session} per client connection.
 * Called from many connections at once, so it must be thread-safe.
 */
@FunctionalInterface
public interface QueryEngine {
  /**
   * Opens a session for an authenticated client.
   *
   * @throws SqlException to refuse the session (e.g. {@link SqlState#INVALID_CATALOG_NAME} for an
   *     unknown database); the client receives it as a FATAL error
   */
  Session open(SessionContext context);
}

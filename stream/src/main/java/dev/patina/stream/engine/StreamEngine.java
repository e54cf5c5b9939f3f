package dev.patina.stream.engine;

import dev.patina.stream.pgwire.QueryEngine;
import dev.patina.stream.pgwire.Session;
import dev.patina.stream.pgwire.SessionContext;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;

/**
 * Patina's streaming SQL engine behind the PostgreSQL wire protocol: one database ({@code dev}),
 * tables, views and materialized views, batch queries and DML.
 */
public final class StreamEngine implements QueryEngine {
  public static final String DATABASE = "dev";

  private final Database db;

  public StreamEngine(Database db) {
    this.db = db;
  }

  public Database database() {
    return db;
  }

  @Override
  public Session open(SessionContext context) {
    if (!DATABASE.equals(context.database())) {
      throw new SqlException(
              SqlState.INVALID_CATALOG_NAME,
              "database \"" + context.database() + "\" does not exist")
          .fatal();
    }
    return new StreamSession(db, context);
  }
}

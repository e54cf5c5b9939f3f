package dev.patina.stream.clients;

import dev.patina.stream.engine.Database;
import dev.patina.stream.engine.DataflowBackend;
import dev.patina.stream.engine.StreamEngine;
import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;

/** Patina's engine (in memory) behind its wire-protocol server, on a free port. */
final class PatinaServer implements AutoCloseable {
  private final Database db;
  private final PgServer server;

  private PatinaServer(Database db, PgServer server) {
    this.db = db;
    this.server = server;
  }

  static PatinaServer start() throws Exception {
    Database db = Database.inMemory(DataflowBackend::new);
    try {
      return new PatinaServer(
          db,
          PgServer.start(
              PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), new StreamEngine(db)));
    } catch (Exception | Error e) {
      db.close();
      throw e;
    }
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() throws Exception {
    try (db) {
      server.close();
    }
  }
}

package dev.patina.cli.stream;

import dev.patina.cli.UserError;
import dev.patina.stream.engine.Database;
import dev.patina.stream.engine.DataflowBackend;
import dev.patina.stream.engine.StreamEngine;
import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;
import dev.patina.stream.state.StateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The streaming database behind its PostgreSQL server, as {@code stream start} and {@code up} run
 * it; closed in that order. Failures to open or listen are one-line {@link UserError}s.
 */
public record StreamDatabase(Database db, PgServer server) implements AutoCloseable {
  public static StreamDatabase start(Path dir, String host, int port) {
    Database db;
    try {
      Files.createDirectories(dir);
      db = Database.open(dir, DataflowBackend::new);
    } catch (StateException | IOException e) {
      throw new UserError("cannot open " + dir + ": " + e.getMessage());
    }
    try {
      return new StreamDatabase(
          db,
          PgServer.start(
              PgServerConfig.defaults().withHost(host).withPort(port), new StreamEngine(db)));
    } catch (RuntimeException e) {
      db.close();
      throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    db.close();
  }
}

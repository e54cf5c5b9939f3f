package dev.patina.stream.engine;

import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The engine tests' fixture: a database in a fresh directory (RocksDB, streaming views maintained
 * by dataflow) behind the wire-protocol server on a free port, opened before each test and closed
 * after it. Register it with {@code @RegisterExtension final EngineServer engine = new
 * EngineServer();}.
 */
public final class EngineServer implements BeforeEachCallback, AfterEachCallback {
  private Path dir;
  private Database db;
  private PgServer server;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("patina-engine-test");
    open();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void open() {
    db = Database.open(dir.resolve("data"), DataflowBackend::new);
    try {
      server =
          PgServer.start(
              PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), new StreamEngine(db));
    } catch (RuntimeException | Error e) {
      db.close();
      throw e;
    }
  }

  private void close() {
    try (Database closing = db) {
      server.close();
    }
  }

  /** Closes the server and the database, then opens both again on the same directory. */
  public void restart() {
    close();
    open();
  }

  /** A new pgjdbc session as {@code root} on database {@code dev}. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.port() + "/dev", "root", null);
  }

  public Database db() {
    return db;
  }

  public int port() {
    return server.port();
  }

  /** The directory the database keeps its files in. */
  public Path dataDir() {
    return dir.resolve("data");
  }
}

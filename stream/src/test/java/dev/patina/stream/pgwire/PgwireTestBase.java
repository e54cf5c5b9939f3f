package dev.patina.stream.pgwire;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Starts one server with the {@link TestEngine} for a test class. */
abstract class PgwireTestBase {
  static TestEngine engine;
  static PgServer server;

  @BeforeAll
  static void startServer() {
    engine = new TestEngine();
    server = PgServer.start(PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), engine);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static String url(String options) {
    return "jdbc:postgresql://127.0.0.1:"
        + server.port()
        + "/dev"
        + (options.isEmpty() ? "" : "?" + options);
  }

  static Connection connect(String options) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "root");
    return DriverManager.getConnection(url(options), p);
  }
}

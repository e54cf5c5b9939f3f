package dev.patina.stream.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/** Password, MD5 and SCRAM-SHA-256 authentication with pgjdbc. */
class AuthTest {
  private static void roundTrip(AuthMethod method) throws SQLException {
    PgServerConfig config =
        PgServerConfig.defaults()
            .withHost("127.0.0.1")
            .withPort(0)
            .withAuth(method, Map.of("root", "s3cret", "alice", "wonder land"));
    try (PgServer server = PgServer.start(config, new TestEngine())) {
      String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/dev";
      for (String[] userPassword : new String[][] {{"root", "s3cret"}, {"alice", "wonder land"}}) {
        try (Connection c = DriverManager.getConnection(url, userPassword[0], userPassword[1]);
            ResultSet rs = c.createStatement().executeQuery("select 1")) {
          assertTrue(rs.next());
        }
      }
      PSQLException e =
          assertThrows(
              PSQLException.class, () -> DriverManager.getConnection(url, "root", "wrong"));
      assertEquals("28P01", e.getSQLState());
      e =
          assertThrows(
              PSQLException.class, () -> DriverManager.getConnection(url, "bob", "s3cret"));
      assertEquals("28P01", e.getSQLState());
    }
  }

  @Test
  void cleartextPassword() throws SQLException {
    roundTrip(AuthMethod.PASSWORD);
  }

  @Test
  void md5() throws SQLException {
    roundTrip(AuthMethod.MD5);
  }

  @Test
  void scramSha256() throws SQLException {
    roundTrip(AuthMethod.SCRAM_SHA_256);
  }

  @Test
  void clientsThatNeverAuthenticateAreDropped() throws Exception {
    PgServerConfig config =
        PgServerConfig.defaults()
            .withHost("127.0.0.1")
            .withPort(0)
            .withAuth(AuthMethod.PASSWORD, Map.of("root", "x"))
            .withAuthTimeout(Duration.ofMillis(300));
    try (PgServer server = PgServer.start(config, new TestEngine());
        RawClient c = new RawClient(server.port())) {
      c.startup(Map.of("user", "root"));
      assertEquals('R', c.read().type());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void connectionLimit() throws Exception {
    PgServerConfig config =
        PgServerConfig.defaults().withHost("127.0.0.1").withPort(0).withMaxConnections(2);
    try (PgServer server = PgServer.start(config, new TestEngine())) {
      String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/dev?user=root";
      try (Connection a = DriverManager.getConnection(url);
          Connection b = DriverManager.getConnection(url)) {
        PSQLException e = assertThrows(PSQLException.class, () -> DriverManager.getConnection(url));
        assertEquals("53300", e.getSQLState());
      }
      long deadline = System.currentTimeMillis() + 5000;
      while (server.sessionCount() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      try (Connection c = DriverManager.getConnection(url)) {
        assertTrue(c.isValid(2));
      }
    }
  }
}

package dev.patina.stream.clients;

import dev.patina.stream.PostgresProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers whose catalogs the client tests read: Patina's engine, and a throwaway PostgreSQL
 * that shows the tests' expectations are what real PostgreSQL answers. Both get the same schema.
 */
final class CatalogTargets implements AutoCloseable {
  /** A server the clients connect to. */
  record Target(String name, int port, String user, String database) {
    String url() {
      return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url(), user, "");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Two tables (one with a composite key) and a materialized view over one of them. */
  static final List<String> SCHEMA =
      List.of(
          "create table orders (id int primary key, customer varchar, amount double precision)",
          "create table items (order_id int, sku varchar, qty int, primary key (order_id, sku))",
          "create materialized view totals as"
              + " select customer, sum(amount) as total from orders group by customer");

  final List<Target> targets = new ArrayList<>();
  private final List<AutoCloseable> closers = new ArrayList<>();

  static CatalogTargets start(String testName) throws Exception {
    CatalogTargets t = new CatalogTargets();
    try {
      t.startPatina();
      t.startPostgres(testName);
      for (Target target : t.targets) {
        try (Connection c = target.connect();
            Statement s = c.createStatement()) {
          for (String sql : SCHEMA) {
            s.execute(sql);
          }
        }
      }
    } catch (Exception | Error e) {
      t.close();
      throw e;
    }
    return t;
  }

  private void startPatina() throws Exception {
    PatinaServer server = PatinaServer.start();
    closers.add(server);
    targets.add(new Target("patina", server.port(), "root", "dev"));
  }

  private void startPostgres(String testName) throws Exception {
    Path bin = PostgresProcess.findBin();
    if (bin == null) {
      System.out.println(
          testName + ": PostgreSQL left out, it is not installed (apt-get install postgresql-15)");
      return;
    }
    PostgresProcess pg = PostgresProcess.start(bin);
    closers.add(pg);
    targets.add(new Target("postgresql", pg.port, "postgres", "postgres"));
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : closers.reversed()) {
      c.close();
    }
  }
}

package dev.patina.stream.engine;

import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Timing of primary-key lookups (run with {@code -Dpatina.timing=true}): 1,000 {@code SELECT * FROM
 * t WHERE id = k} over a 100,000-row table and a materialized view of it, against the same query
 * forced through a full scan ({@code OFFSET 0} keeps the filter above the scan, as every such query
 * ran before key lookups).
 */
@EnabledIfSystemProperty(named = "patina.timing", matches = "true")
class KeyLookupTiming {
  @Test
  void timing() throws Exception {
    try (Database db = Database.inMemory(DataflowBackend::new);
        PgServer server =
            PgServer.start(
                PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), new StreamEngine(db));
        Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/dev", "root", null);
        Statement st = c.createStatement()) {
      st.execute("create table t (id bigint primary key, region int, name varchar)");
      for (int b = 0; b < 100; b++) {
        StringBuilder sb = new StringBuilder("insert into t values ");
        for (int i = 0; i < 1000; i++) {
          int id = b * 1000 + i;
          sb.append(i > 0 ? "," : "")
              .append("(")
              .append(id)
              .append(",")
              .append(id % 97)
              .append(",'n")
              .append(id)
              .append("')");
        }
        st.execute(sb.toString());
      }
      st.execute("create materialized view event_regions as select id, region, name from t");
      st.execute("flush");
      for (String rel : new String[] {"t", "event_regions"}) {
        try (java.sql.PreparedStatement ps =
            c.prepareStatement("select * from " + rel + " where id = ?")) {
          Random r = new Random(2);
          long t0 = System.nanoTime();
          for (int i = 0; i < 1000; i++) {
            ps.setLong(1, r.nextInt(100_000));
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new AssertionError("one row expected");
              }
            }
          }
          System.out.printf(
              "TIMING %s: prepared where id = ?, 1000 queries, %.3f ms/query%n",
              rel, (System.nanoTime() - t0) / 1e6 / 1000);
        }
        time(st, rel, "select * from " + rel + " where id = ", 1000);
        time(st, rel, "select * from (select * from " + rel + " offset 0) q where id = ", 20);
      }
    }
  }

  static void time(Statement st, String rel, String prefix, int n) throws Exception {
    Random r = new Random(1);
    for (int i = 0; i < Math.min(n, 100); i++) { // warm-up
      run(st, prefix + r.nextInt(100_000));
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (run(st, prefix + r.nextInt(100_000)) != 1) {
        throw new AssertionError("one row expected");
      }
    }
    double ms = (System.nanoTime() - t0) / 1e6 / n;
    System.out.printf("TIMING %s: %s... %d queries, %.3f ms/query%n", rel, prefix, n, ms);
  }

  static int run(Statement st, String sql) throws Exception {
    int k = 0;
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        k++;
      }
    }
    return k;
  }
}

package dev.patina.bench.stream;

import dev.patina.stream.engine.Database;
import dev.patina.stream.engine.DataflowBackend;
import dev.patina.stream.engine.StreamEngine;
import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;

/**
 * Ingest into a table feeding five materialized views (an aggregate, a join with a second table, a
 * TopN, a tumbling-window aggregate, a filter), then query latency on the views, over pgjdbc.
 *
 * <pre>
 *   StreamIngestBenchmark patina [--rows N] [--batch B] [--queries Q] [--data DIR]
 *   StreamIngestBenchmark postgres --url JDBC_URL [--rows N] [--batch B] [--queries Q]
 * </pre>
 *
 * "patina" starts Patina's engine in-process (RocksDB under --data, or in memory without it) behind
 * its wire-protocol server on a free port; "postgres" runs the same workload against PostgreSQL
 * with plain (non-materialized) views, so that its reads compute the query.
 */
public final class StreamIngestBenchmark {
  static final int USERS = 1000;

  public static void main(String[] args) throws Exception {
    String target = args.length > 0 ? args[0] : "patina";
    int rows = Integer.parseInt(opt(args, "--rows", "100000"));
    int batch = Integer.parseInt(opt(args, "--batch", "500"));
    int queries = Integer.parseInt(opt(args, "--queries", "500"));
    String data = opt(args, "--data", null);
    if (target.equals("patina")) {
      Database db =
          data == null
              ? Database.inMemory(DataflowBackend::new)
              : Database.open(Files.createDirectories(Path.of(data)), DataflowBackend::new);
      PgServer server =
          PgServer.start(
              PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), new StreamEngine(db));
      try (Connection c =
          DriverManager.getConnection(
              "jdbc:postgresql://127.0.0.1:" + server.port() + "/dev", "root", null)) {
        run("patina" + (data == null ? " (memory)" : " (rocksdb)"), c, true, rows, batch, queries);
      } finally {
        server.close();
        db.close();
      }
    } else {
      try (Connection c = DriverManager.getConnection(opt(args, "--url", null), "postgres", "")) {
        run("postgres (plain views)", c, false, rows, batch, queries);
      }
    }
  }

  static String opt(String[] args, String name, String dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return dflt;
  }

  static void run(String name, Connection c, boolean patina, int rows, int batch, int queries)
      throws SQLException {
    String view = patina ? "MATERIALIZED VIEW" : "VIEW";
    String window =
        patina
            ? "SELECT window_start, count(*) AS n, sum(amount) AS total"
                + " FROM tumble(events, ts, INTERVAL '1 minute') GROUP BY window_start"
            : "SELECT date_bin(INTERVAL '1 minute', ts, TIMESTAMP '2000-01-01') AS window_start,"
                + " count(*) AS n, sum(amount) AS total FROM events GROUP BY 1";
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE users (id int PRIMARY KEY, name varchar, region varchar)");
      st.execute(
          "CREATE TABLE events (id bigint PRIMARY KEY, user_id int, amount int, ts timestamp,"
              + " kind varchar)");
      StringBuilder u = new StringBuilder("INSERT INTO users VALUES ");
      for (int i = 0; i < USERS; i++) {
        u.append(i > 0 ? ", " : "")
            .append("(" + i + ", 'user" + i + "', 'region" + (i % 10) + "')");
      }
      st.execute(u.toString());
      st.execute(
          "CREATE "
              + view
              + " user_totals AS SELECT user_id, count(*) AS n, sum(amount) AS total,"
              + " max(amount) AS biggest FROM events GROUP BY user_id");
      st.execute(
          "CREATE "
              + view
              + " event_regions AS SELECT e.id, e.amount, u.region FROM events e"
              + " JOIN users u ON e.user_id = u.id");
      st.execute(
          "CREATE "
              + view
              + " top_events AS SELECT id, user_id, amount FROM events"
              + " ORDER BY amount DESC, id LIMIT 10");
      st.execute("CREATE " + view + " minute_totals AS " + window);
      st.execute(
          "CREATE "
              + view
              + " big_buys AS SELECT id, user_id, amount FROM events"
              + " WHERE kind = 'buy' AND amount > 900");

      Random rnd = new Random(42);
      String[] kinds = {"buy", "sell", "view", "click"};
      long t0 = System.nanoTime();
      for (int done = 0; done < rows; ) {
        int n = Math.min(batch, rows - done);
        StringBuilder b = new StringBuilder(n * 64).append("INSERT INTO events VALUES ");
        for (int i = 0; i < n; i++) {
          long id = done + i;
          int sec = (int) (id / 20); // 20 events a second: 1200 a window
          b.append(i > 0 ? ", " : "")
              .append('(')
              .append(id)
              .append(", ")
              .append(rnd.nextInt(USERS))
              .append(", ")
              .append(rnd.nextInt(1000))
              .append(", TIMESTAMP '2026-01-01 00:00:00' + INTERVAL '")
              .append(sec)
              .append(" seconds', '")
              .append(kinds[rnd.nextInt(kinds.length)])
              .append("')");
        }
        st.execute(b.toString());
        done += n;
      }
      if (patina) {
        st.execute("FLUSH");
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%s: ingested %d rows in batches of %d in %.2f s: %.0f rows/s%n",
          name, rows, batch, secs, rows / secs);
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM event_regions")) {
        rs.next();
        System.out.printf("%s: event_regions has %d rows%n", name, rs.getLong(1));
      }
    }
    latency(
        name,
        c,
        "point: user_totals WHERE user_id = ?",
        "SELECT n, total, biggest FROM user_totals WHERE user_id = ?",
        queries,
        true);
    latency(
        name,
        c,
        "point: event_regions WHERE id = ?",
        "SELECT amount, region FROM event_regions WHERE id = ?",
        queries,
        rows);
    latency(name, c, "top_events (10 rows)", "SELECT * FROM top_events", queries, 0);
    latency(
        name,
        c,
        "aggregate: sum over minute_totals",
        "SELECT count(*), sum(n), max(total) FROM minute_totals",
        queries,
        0);
    latency(
        name,
        c,
        "aggregate: count(*) big_buys",
        "SELECT count(*), avg(amount) FROM big_buys",
        queries,
        0);
  }

  static void latency(
      String name, Connection c, String label, String sql, int queries, boolean users)
      throws SQLException {
    latency(name, c, label, sql, queries, users ? USERS : 0);
  }

  /** Runs sql queries times (binding a random key below keys when keys > 0); prints p50/p99. */
  static void latency(String name, Connection c, String label, String sql, int queries, int keys)
      throws SQLException {
    Random rnd = new Random(7);
    long[] ns = new long[queries];
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = -Math.min(50, queries); i < queries; i++) { // the first 50: warm-up
        if (keys > 0) {
          ps.setLong(1, rnd.nextInt(keys));
        }
        long t = System.nanoTime();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
        if (i >= 0) {
          ns[i] = System.nanoTime() - t;
        }
      }
    }
    Arrays.sort(ns);
    System.out.printf(
        "%s: %-36s p50 %8.3f ms  p99 %8.3f ms  (%d queries)%n",
        name, label, ns[queries / 2] / 1e6, ns[(int) (queries * 0.99)] / 1e6, queries);
  }

  private StreamIngestBenchmark() {}
}

package dev.patina.stream.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.engine.EngineServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Materialized views maintained by the dataflow, through the engine over pgjdbc: after random
 * inserts, updates and deletes and a FLUSH, every view equals the same query as a plain view
 * (computed by the batch executor when read), also after a restart. Views the engine's streaming
 * planner does not yet plan (window functions, INTERSECT/EXCEPT) are computed on read and only
 * compared.
 */
class ViewsThroughEngineTest {
  static final List<String> QUERIES =
      List.of(
          "select g, count(*) as n, sum(v) as s, min(v) as lo, max(s) as hi, avg(v) as a"
              + " from t group by g",
          "select count(*) as n, sum(v) as s, count(distinct g) as dg from t",
          "select t.id, t.v, u.w from t join u on t.g = u.g where t.v < u.w",
          "select t.id, u.id as uid from t left join u on t.g = u.g",
          "select t.id, u.id as uid from t full join u on t.g = u.g and t.v > u.w",
          "select t.id from t left join u on t.g = u.g where u.id is null",
          "select id, v from t order by v desc, id limit 3",
          "select distinct g from t",
          "select g from t union select g from u",
          "select g, v from t union all select g, w from u",
          "select g from t intersect select g from u",
          "select g from t except select g from u",
          "select distinct on (g) g, id, v from t order by g, v, id",
          "select g, string_agg(s, ',' order by s) as ss from t group by g",
          "select id, g, row_number() over (partition by g order by id) as rn,"
              + " sum(v) over (partition by g order by id) as running,"
              + " lag(v) over (partition by g order by id) as prev from t",
          "select id, rank() over (order by g desc nulls last, id) as r from t",
          "select window_start, count(*) as n from tumble(e, ts, interval '10 minutes')"
              + " group by window_start",
          "select window_start, window_end, max(x) as mx from hop(e, ts, interval '5 minutes',"
              + " interval '15 minutes') group by window_start, window_end");

  @RegisterExtension final EngineServer engine = new EngineServer();

  static List<String> rows(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void viewsEqualTheirQueriesAfterRandomChanges() throws Exception {
    Random rnd = new Random(7);
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t (id int primary key, g int, v int, s varchar)");
      st.execute("create table u (id int primary key, g int, w int)");
      st.execute("insert into t values (1, 1, 5, 'x'), (2, 2, 3, 'y'), (3, 1, null, null)");
      st.execute("insert into u values (1, 1, 7), (2, 3, 1)");
      st.execute("create table e (id int primary key, ts timestamp, x int)");
      st.execute("flush");
      for (int i = 0; i < QUERIES.size(); i++) {
        st.execute("create materialized view m" + i + " as " + QUERIES.get(i));
        st.execute("create view v" + i + " as " + QUERIES.get(i));
        assertTrue(
            !streamed(QUERIES.get(i)) || engine.db().catalog().get("public", "m" + i).maintained(),
            "maintained: " + QUERIES.get(i));
      }
      int nextId = 10;
      for (int round = 0; round < 5; round++) {
        for (int k = 0; k < 6; k++) {
          String table = List.of("t", "u", "e").get(rnd.nextInt(3));
          if (table.equals("e")) {
            st.execute(
                "insert into e values (%d, '2024-01-01 00:%02d:00', %d)"
                    .formatted(nextId++, rnd.nextInt(60), rnd.nextInt(100)));
            continue;
          }
          switch (rnd.nextInt(3)) {
            case 0 ->
                st.execute(
                    table.equals("t")
                        ? "insert into t values (%d, %s, %s, %s)"
                            .formatted(nextId++, val(rnd, 3), val(rnd, 9), str(rnd))
                        : "insert into u values (%d, %s, %s)"
                            .formatted(nextId++, val(rnd, 3), val(rnd, 9)));
            case 1 ->
                st.execute(
                    "update %s set g = %s where id %% 3 = %d"
                        .formatted(table, val(rnd, 3), rnd.nextInt(3)));
            default ->
                st.execute("delete from %s where id %% 5 = %d".formatted(table, rnd.nextInt(5)));
          }
        }
        st.execute("flush");
        for (int i = 0; i < QUERIES.size(); i++) {
          assertEquals(
              rows(st, "select * from v" + i),
              rows(st, "select * from m" + i),
              "round " + round + ": " + QUERIES.get(i));
        }
      }
    }
    // Restart: the views resume from their committed state and keep following the tables.
    engine.restart();
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      for (int i = 0; i < QUERIES.size(); i++) {
        assertTrue(
            !streamed(QUERIES.get(i)) || engine.db().catalog().get("public", "m" + i).maintained(),
            "recovered m" + i);
        assertEquals(rows(st, "select * from v" + i), rows(st, "select * from m" + i));
      }
      st.execute("insert into t values (500, 1, 2, 'r'), (501, null, 3, 'r')");
      st.execute("update u set w = w + 1");
      st.execute("delete from t where id % 4 = 1");
      st.execute("flush");
      for (int i = 0; i < QUERIES.size(); i++) {
        assertEquals(
            rows(st, "select * from v" + i),
            rows(st, "select * from m" + i),
            "after restart: " + QUERIES.get(i));
      }
      // A view over a view, created on existing data, then dropped in order.
      st.execute("create materialized view mm as select g, n from m0 where n > 1");
      st.execute("insert into t values (100, 1, 1, 'z'), (101, 1, 2, 'z')");
      st.execute("flush");
      assertEquals(rows(st, "select g, n from v0 where n > 1"), rows(st, "select * from mm"));
      st.execute("drop materialized view mm");
      st.execute("drop materialized view m0");
    }
  }

  /** Whether the engine's streaming planner maintains a view of {@code query}. */
  static boolean streamed(String query) {
    return !query.contains(" over (") && !query.contains("intersect") && !query.contains("except");
  }

  static String val(Random rnd, int max) {
    return rnd.nextInt(6) == 0 ? "null" : Integer.toString(rnd.nextInt(max));
  }

  static String str(Random rnd) {
    return rnd.nextInt(5) == 0 ? "null" : "'" + (char) ('a' + rnd.nextInt(3)) + "'";
  }
}

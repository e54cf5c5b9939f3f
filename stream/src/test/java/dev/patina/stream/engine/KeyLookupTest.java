package dev.patina.stream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Primary-key lookups of batch queries (a filter fixing a prefix of a table's or materialized
 * view's key reads only those keys): results equal the same query forced through a full scan
 * ({@code OFFSET 0} keeps the filter above the scan), with maintained and computed-on-read views.
 */
class KeyLookupTest {
  static final String SETUP =
      """
      create table t (id bigint primary key, v int, s varchar);
      create table c (a int, b varchar, x int, primary key (a, b));
      create table d (day date, n smallint, w int, primary key (day, n));
      create materialized view mv as select a, b, count(*) as n, sum(x) as sx from c group by a, b;
      create materialized view mt as select id, v from t;
      create materialized view mdup as select a, x from c
      """;

  static void load(Statement st) throws SQLException {
    for (String s : SETUP.split(";")) {
      st.execute(s);
    }
    StringBuilder t = new StringBuilder("insert into t values ");
    StringBuilder c = new StringBuilder("insert into c values ");
    StringBuilder d = new StringBuilder("insert into d values ");
    for (int i = 0; i < 200; i++) {
      t.append(i > 0 ? "," : "")
          .append("(")
          .append(i - 20)
          .append(",")
          .append(i % 7 == 0 ? "null" : String.valueOf(i % 13))
          .append(",'s")
          .append(i % 11)
          .append("')");
      c.append(i > 0 ? "," : "")
          .append("(")
          .append(i % 10 - 3)
          .append(",'")
          .append((char) ('a' + i / 10))
          .append("',")
          .append(i % 6)
          .append(")");
      d.append(i > 0 ? "," : "")
          .append("(date '2024-01-01' + ")
          .append(i % 5)
          .append(",")
          .append(i / 5)
          .append(",")
          .append(i)
          .append(")");
    }
    st.execute(t.toString());
    st.execute(c.toString());
    st.execute(d.toString());
    st.execute("flush");
  }

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

  /** The rows of {@code select * from rel where pred}, by key lookup and by full scan. */
  static List<String> check(Statement st, String rel, String pred) throws SQLException {
    List<String> looked = rows(st, "select * from " + rel + " where " + pred);
    List<String> scanned =
        rows(st, "select * from (select * from " + rel + " offset 0) q where " + pred);
    assertEquals(scanned, looked, rel + " where " + pred);
    return looked;
  }

  interface Body {
    void run(Statement st) throws Exception;
  }

  static void onBothBackends(Body body) throws Exception {
    List<Supplier<Database>> dbs =
        List.of(
            () -> Database.inMemory(DataflowBackend::new),
            () -> Database.inMemory(StreamingBackend.viewsComputedOnRead()));
    for (Supplier<Database> mk : dbs) {
      try (Database db = mk.get();
          PgServer server =
              PgServer.start(
                  PgServerConfig.defaults().withHost("127.0.0.1").withPort(0),
                  new StreamEngine(db));
          Connection conn =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + server.port() + "/dev", "root", null);
          Statement st = conn.createStatement()) {
        load(st);
        body.run(st);
      }
    }
  }

  @Test
  void equalitiesOnKeysAndPrefixes() throws Exception {
    onBothBackends(
        st -> {
          assertEquals(List.of("42 10 s7"), check(st, "t", "id = 42"));
          assertEquals(List.of("42 10 s7"), check(st, "t", "42 = id"));
          assertEquals(List.of("42 10 s7"), check(st, "t", "id = 42::bigint"));
          assertEquals(List.of("42 10 s7"), check(st, "t", "id = 42::smallint"));
          assertEquals(List.of("42 10 s7"), check(st, "t", "id = 42.0"));
          assertEquals(List.of(), check(st, "t", "id = 42.5"));
          assertEquals(List.of("42 10 s7"), check(st, "t", "id = '42'"));
          assertEquals(List.of(), check(st, "t", "id = null"));
          assertEquals(List.of(), check(st, "t", "id = 1000"));
          assertEquals(List.of("-20 null s0"), check(st, "t", "id = -20"));
          assertEquals(List.of("42 10 s7"), check(st, "t", "id = 42 and v = 10"));
          assertEquals(List.of(), check(st, "t", "id = 42 and v = 4"));
          assertEquals(List.of(), check(st, "t", "id = 42 and id = 43"));
          assertEquals(
              List.of("1 null s10", "5 12 s3", "8 null s6"),
              check(st, "t", "id in (5, 1, null, 8, 5)"));
          assertEquals(List.of(), check(st, "t", "id in (null)"));
          assertEquals(List.of("5 12 s3"), check(st, "t", "id in (5, 6) and s = 's3'"));
          assertEquals(20, check(st, "c", "a = 2").size());
          assertEquals(List.of("2 c 1"), check(st, "c", "a = 2 and b = 'c'"));
          assertEquals(List.of("2 c 1"), check(st, "c", "b = 'c' and a = 2 and x < 3"));
          assertEquals(List.of(), check(st, "c", "a = 2 and b = 'c' and x > 3"));
          assertEquals(2, check(st, "c", "a in (2, 3) and b = 'c'").size());
          assertEquals(List.of(), check(st, "c", "a = 2 and b = null"));
          assertEquals(List.of("2 c 1 1"), check(st, "mv", "a = 2 and b = 'c'"));
          assertEquals(20, check(st, "mv", "a = 2").size());
          assertEquals(List.of("42 10"), check(st, "mt", "id = 42"));
          assertEquals(20, check(st, "mdup", "a = 2").size());
          assertEquals(
              java.util.Collections.nCopies(6, "2 1"), check(st, "mdup", "a = 2 and x = 1"));
          assertEquals(List.of(), check(st, "mdup", "a = null"));
          assertEquals(List.of(), check(st, "mt", "id = null"));
          assertEquals(40, check(st, "d", "day = date '2024-01-03'").size());
          assertEquals(5, check(st, "t", "id between 3 and 7").size());
          assertEquals(5, check(st, "t", "id between 3::bigint and 7::bigint").size());
          assertEquals(0, check(st, "t", "id between 7 and 3").size());
          assertEquals(3, check(st, "t", "id > 176 and v >= 0").size());
          assertEquals(3, check(st, "t", "176 < id").size());
          assertEquals(4, check(st, "t", "id <= -17").size());
          assertEquals(0, check(st, "t", "id < null").size());
          assertEquals(40, check(st, "d", "day > '2024-01-03' and day < '2024-01-05'").size());
          assertEquals(4, check(st, "mt", "id <= -17").size());
          assertEquals(20, check(st, "mdup", "a >= 2 and a < 3").size());
          assertEquals(List.of("2024-01-03 2 12"), check(st, "d", "day = '2024-01-03' and n = 2"));
          assertEquals(
              List.of("2024-01-03 2 12"), check(st, "d", "day = '2024-01-03' and n = 2::int"));
          assertEquals(List.of(), check(st, "d", "day = '2024-01-03 00:00:01'::timestamp"));
          assertEquals(40, check(st, "d", "day = '2024-01-03 00:00:00'::timestamp").size());
        });
  }

  static List<String> lookups(Statement st, String sql) throws SQLException {
    return rows(st, "explain " + sql).stream().filter(l -> l.startsWith("Key lookup")).toList();
  }

  @Test
  void explainShowsLookups() throws Exception {
    onBothBackends(
        st -> {
          String point = "point get (1 lookup on 1 of 1 key columns)";
          assertEquals(
              List.of("Key lookup on t: " + point), lookups(st, "select * from t where id = 42"));
          assertEquals(
              List.of("Key lookup on t: " + point), lookups(st, "select * from t where id = '42'"));
          assertEquals(
              List.of("Key lookup on t: point get (2 lookups on 1 of 1 key columns)"),
              lookups(st, "select * from t where id in (4, 2) and v > 1"));
          assertEquals(List.of(), lookups(st, "select * from t where id = 42.0"));
          assertEquals(List.of(), lookups(st, "select * from t where v = 42"));
          assertEquals(
              List.of("Key lookup on c: key prefix scan (1 lookup on 1 of 2 key columns)"),
              lookups(st, "select * from c where a = 2 and x = 1"));
          assertEquals(
              List.of("Key lookup on d: point get (1 lookup on 2 of 2 key columns)"),
              lookups(st, "select * from d where n = 3::smallint and day = '2024-01-02'"));
          // smallint n = integer 3 compares n cast to integer: n does not fix its key column
          assertEquals(
              List.of("Key lookup on d: key prefix scan (1 lookup on 1 of 2 key columns)"),
              lookups(st, "select * from d where n = 3 and day = '2024-01-02'"));
          assertEquals(List.of(), lookups(st, "select * from d where n = 3"));
          assertEquals(
              List.of("Key lookup on t: key range scan on the first key column"),
              lookups(st, "select * from t where id between 3 and 7"));
          assertEquals(List.of(), lookups(st, "select * from t where id > 3.5"));
        });
    // a maintained view is read by key, one computed on read through its base table
    try (Database db = Database.inMemory(DataflowBackend::new);
        PgServer server =
            PgServer.start(
                PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), new StreamEngine(db));
        Connection conn =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/dev", "root", null);
        Statement st = conn.createStatement()) {
      load(st);
      assertEquals(
          List.of("Key lookup on mv: key prefix scan (1 lookup on 2 of 4 key columns)"),
          lookups(st, "select * from mv where a = 1 and b = 'c'"));
      assertEquals(
          List.of("Key lookup on mt: key prefix scan (1 lookup on 1 of 2 key columns)"),
          lookups(st, "select * from mt where id = 1"));
    }
  }

  @Test
  void parameters() throws Exception {
    onBothBackends(
        st -> {
          for (String rel : new String[] {"t", "mt"}) {
            try (java.sql.PreparedStatement ps =
                st.getConnection().prepareStatement("select v from " + rel + " where id = ?")) {
              ps.setLong(1, 42);
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(10, rs.getInt(1));
                assertEquals(false, rs.next());
              }
              ps.setInt(1, 44);
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(12, rs.getInt(1));
                assertEquals(false, rs.next());
              }
              ps.setNull(1, java.sql.Types.BIGINT);
              try (ResultSet rs = ps.executeQuery()) {
                assertEquals(false, rs.next());
              }
            }
          }
        });
  }

  @Test
  void randomPredicatesAgreeWithFullScans() throws Exception {
    onBothBackends(
        st -> {
          Random r = new Random(20261130);
          String[] ints = {"null", "-1", "0", "2", "3", "7", "2.0", "2.5", "'3'", "3::bigint"};
          String[] strs = {"null", "'a'", "'c'", "'s3'", "'z'", "'c'::varchar"};
          for (int i = 0; i < 300; i++) {
            String a = ints[r.nextInt(ints.length)];
            String b = strs[r.nextInt(strs.length)];
            List<String> cs = new ArrayList<>();
            switch (r.nextInt(4)) {
              case 0 -> {
                cs.add(r.nextBoolean() ? "id = " + a : "id in (" + a + ", " + r.nextInt(50) + ")");
                if (r.nextBoolean()) {
                  cs.add("v " + (r.nextBoolean() ? "=" : ">") + " " + r.nextInt(13));
                }
                String rel = r.nextBoolean() ? "t" : "mt";
                if (rel.equals("t") && r.nextBoolean()) {
                  cs.add("s = " + b);
                }
                check(st, rel, String.join(" and ", cs.reversed()));
                continue;
              }
              default -> {
                cs.add(
                    r.nextBoolean() ? "a = " + a : "a in (" + a + ", " + (r.nextInt(8) - 3) + ")");
                if (r.nextBoolean()) {
                  cs.add("b = " + b);
                }
                if (r.nextBoolean()) {
                  cs.add("x <> " + r.nextInt(6));
                }
                if (cs.size() > 1 && r.nextBoolean()) {
                  cs = cs.reversed();
                }
                String rel = r.nextBoolean() ? "c" : "mv";
                check(
                    st,
                    rel,
                    String.join(" and ", cs).replace("x <>", rel.equals("mv") ? "sx <>" : "x <>"));
              }
            }
          }
        });
  }
}

package dev.patina.stream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine end to end: SQL over the wire protocol through pgjdbc. */
class StreamEngineTest {
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
    return out;
  }

  @Test
  void tablesQueriesAndMaterializedViews() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t (v1 int, v2 int, v3 varchar)");
      assertEquals(
          3, st.executeUpdate("insert into t values (1, 4, 'a'), (2, 3, 'b'), (3, 4, null)"));
      st.execute(
          "create materialized view mv as select v2, sum(v1) as s, count(*) as n from t group by v2");
      st.execute("flush");
      assertEquals(List.of("3 2 1", "4 4 2"), rows(st, "select * from mv order by v2"));
      assertEquals(1, st.executeUpdate("update t set v1 = v1 + 10 where v3 = 'a'"));
      assertEquals(1, st.executeUpdate("delete from t where v1 = 2"));
      st.execute("flush");
      assertEquals(List.of("4 14 2"), rows(st, "select * from mv"));
      assertEquals(
          List.of("11 a", "3 null"),
          rows(st, "select v1, v3 from t where v1 > 1 order by v1 desc nulls last limit 5 offset 0")
              .reversed()
              .stream()
              .sorted()
              .toList());
      assertEquals(List.of("4"), rows(st, "select count(*) from t t1 join t t2 on t1.v2 = t2.v2"));
      assertEquals(
          List.of("1", "2", "3"),
          rows(st, "select * from (values (3), (1), (2)) as v(x) order by x"));
      assertEquals(List.of("mv"), rows(st, "show materialized views"));
      assertEquals(List.of("t"), rows(st, "show tables"));
      SQLException e = assertThrows(SQLException.class, () -> st.execute("select nope from t"));
      assertEquals("42703", e.getSQLState());
      e = assertThrows(SQLException.class, () -> st.execute("drop table t"));
      assertEquals("2BP01", e.getSQLState());
      st.execute("drop materialized view mv");
      st.execute("drop table t");
      assertEquals(List.of(), rows(st, "show tables"));
    }
  }

  @Test
  void notNullAndDefaults() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table d (a int not null, b varchar default 'none', c int default 1 + 1)");
      st.execute("insert into d (a) values (1)");
      assertEquals(List.of("1 none 2"), rows(st, "select * from d"));
      SQLException e =
          assertThrows(SQLException.class, () -> st.execute("insert into d values (null, 'x', 3)"));
      assertEquals("23502", e.getSQLState());
      e = assertThrows(SQLException.class, () -> st.execute("update d set a = null"));
      assertEquals("23502", e.getSQLState());
      assertEquals(List.of("1 none 2"), rows(st, "select * from d"));
    }
  }

  @Test
  void correlatedSubqueries() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table a (id int, x int)");
      st.execute("create table b (aid int, y int)");
      st.execute("insert into a values (1, 10), (2, 20), (3, 30)");
      st.execute("insert into b values (1, 5), (1, 6), (3, 7)");
      assertEquals(
          List.of("1 11", "2 null", "3 7"),
          rows(st, "select id, (select sum(y) from b where b.aid = a.id) from a order by id"));
      assertEquals(
          List.of("2"),
          rows(st, "select id from a where not exists (select 1 from b where aid = a.id)"));
    }
  }

  @Test
  void preparedStatementsInferParameterTypes() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table k (id int primary key, name varchar)");
      try (PreparedStatement ps = c.prepareStatement("insert into k values (?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          ps.setInt(1, i);
          ps.setString(2, "n" + i);
          ps.executeUpdate();
        }
      }
      // an insert of an existing key overwrites the row
      st.execute("insert into k values (2, 'two')");
      try (PreparedStatement ps =
          c.prepareStatement("select name from k where id >= ? order by id")) {
        ps.setInt(1, 2);
        List<String> names = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
        assertEquals(List.of("two", "n3"), names);
      }
    }
  }

  @Test
  void tablesSurviveRestart() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table r (a int, b varchar)");
      st.execute("insert into r values (1, 'x'), (2, 'y')");
      st.execute("create materialized view rm as select count(*) as n from r");
      st.execute("create materialized view rm2 as select n * 10 as m from rm");
    }
    engine.restart();
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      assertEquals(List.of("1 x", "2 y"), rows(st, "select * from r order by a"));
      assertEquals(List.of("2"), rows(st, "select n from rm"));
      st.execute("insert into r values (3, 'z')");
      assertTrue(rows(st, "select count(*) from r").contains("3"));
      // the views' jobs resumed from their committed state and follow new writes
      assertEquals(List.of("3"), rows(st, "select n from rm"));
      assertEquals(List.of("30"), rows(st, "select m from rm2"));
    }
  }

  @Test
  void failedDdlLeavesNothingBehind() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      assertThrows(SQLException.class, () -> st.execute("create table bad (a int, a int)"));
      assertThrows(
          SQLException.class,
          () -> st.execute("create materialized view m as select x from nothing"));
      assertEquals(List.of(), rows(st, "show tables"));
      assertEquals(List.of(), rows(st, "show materialized views"));
      st.execute("create table bad (a int)");
    }
  }
}

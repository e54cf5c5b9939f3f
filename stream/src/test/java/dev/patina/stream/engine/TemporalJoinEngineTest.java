package dev.patina.stream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code JOIN t FOR SYSTEM_TIME AS OF PROCTIME()} through the engine: planning, errors, restart.
 */
class TemporalJoinEngineTest {
  @RegisterExtension final EngineServer engine = new EngineServer();

  private static void create(Statement st) throws SQLException {
    st.execute("create table s (id1 int, a1 int, b1 int) append only");
    st.execute("create table version (id2 int, a2 int, b2 int, primary key (id2))");
  }

  @Test
  void resultsKeepTheTableAsItWasAcrossARestart() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      create(st);
      st.execute(
          "create materialized view v as select id1, a1, id2, b2 from s"
              + " left join version for system_time as of proctime() as w on id1 = w.id2");
      st.execute("insert into version values (1, 10, 100)");
      st.execute("insert into s values (1, 0, 0), (2, 0, 0)");
      st.execute("update version set b2 = 200 where id2 = 1");
    }
    engine.restart();
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("insert into s values (1, 1, 0)");
      st.execute("insert into version values (2, 20, 300)");
      st.execute("flush");
      assertEquals(
          List.of("1 0 1 100", "1 1 1 200", "2 0 null null"),
          StreamEngineTest.rows(st, "select * from v order by id1, a1"));
    }
  }

  @Test
  void anIndexCoveringTheKeyServesTheLookup() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      create(st);
      st.execute("create index idx on version (a2)");
      st.execute(
          "create materialized view v as select id1, id2, a2 from s"
              + " join idx for system_time as of proctime() on a1 = a2 and b1 > b2");
      st.execute("insert into version values (1, 10, 5), (2, 10, 50)");
      st.execute("insert into s values (7, 10, 20)");
      st.execute("flush");
      assertEquals(List.of("7 1 10"), StreamEngineTest.rows(st, "select * from v"));
      // an index's lookup key is its distribution key: DISTRIBUTED BY, else all its columns
      st.execute("create index idx2 on version (b2, id2) distributed by (b2)");
      st.execute(
          "create materialized view v2 as select id1, id2 from s"
              + " join version for system_time as of proctime() on b1 = b2");
      st.execute("create index idx3 on version (b2, a2)");
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  st.execute(
                      "create materialized view v3 as select id1 from s"
                          + " join idx3 for system_time as of proctime() on b1 = b2"));
      assertTrue(e.getMessage().contains("lookup table's primary key"), e.getMessage());
    }
  }

  @Test
  void refusesWhatRisingWaveRefuses() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      create(st);
      st.execute("create view vv as select * from version");
      String join = " for system_time as of proctime() on id1 = id2";
      assertError(st, "lookup table's primary key", "s join version" + join.replace("id2", "a2"));
      assertError(st, "dangling temporal scan", "s right join version" + join);
      assertError(st, "dangling temporal scan", "s full join version" + join);
      assertError(st, "should be a table, index, or materialized view", "s join vv" + join);
      assertError(st, "PROCTIME", "s join version for system_time as of now() on id1 = id2");
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> st.executeQuery("select * from s join version" + join).close());
      assertTrue(e.getMessage().contains("temporal join for batch queries"), e.getMessage());
      e =
          assertThrows(
              SQLException.class,
              () ->
                  st.execute(
                      "create materialized view m as with w as (select * from version)"
                          + " select * from s join w"
                          + join));
      assertTrue(e.getMessage().contains("should not be a CTE"), e.getMessage());
      // a view computed when read would fail at every read: refused when created
      e =
          assertThrows(
              SQLException.class,
              () ->
                  st.execute(
                      "create materialized view m as select a2 from s join version"
                          + join
                          + " intersect all select a2 from s join version"
                          + join));
      assertTrue(e.getMessage().contains("cannot be maintained"), e.getMessage());
    }
  }

  private static void assertError(Statement st, String message, String from) {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> st.execute("create materialized view m as select * from " + from));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}

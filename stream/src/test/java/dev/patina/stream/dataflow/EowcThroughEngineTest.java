package dev.patina.stream.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.engine.EngineServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EMIT ON WINDOW CLOSE views through the engine over pgjdbc (RisingWave's eowc scripts), with a
 * restart between the two inserts: the views, their held-back rows and the watermark come back from
 * the store.
 */
class EowcThroughEngineTest {
  @RegisterExtension final EngineServer engine = new EngineServer();

  static List<String> rows(Statement st, String sql) throws SQLException {
    return ViewsThroughEngineTest.rows(st, sql);
  }

  @Test
  void windowsCloseAcrossARestart() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "create table t (tm timestamp, foo int, bar int,"
              + " watermark for tm as tm - interval '5 minutes') append only");
      st.execute(
          "create materialized view agg as select window_start, max(foo) as m"
              + " from tumble(t, tm, interval '1 hour') group by window_start emit on window close");
      st.execute(
          "create materialized view top as select window_start, foo from (select *,"
              + " row_number() over (partition by window_start order by foo) as rn"
              + " from tumble(t, tm, interval '1 hour')) where rn <= 1 emit on window close");
      st.execute(
          "create materialized view ow as select tm, foo, bar,"
              + " lead(foo) over (partition by bar order by tm) as nxt,"
              + " row_number() over (partition by bar order by tm) as rn from t emit on window close");
      st.execute("create materialized view plain as select count(*) as n from t");
      assertTrue(engine.db().catalog().get("public", "agg").maintained());
      assertTrue(engine.db().catalog().get("public", "ow").maintained());
      st.execute(
          "insert into t values ('2023-05-06 16:51:00', 1, 100), ('2023-05-06 16:56:00', 8, 100),"
              + " ('2023-05-06 17:30:00', 3, 200), ('2023-05-06 17:35:00', 5, 100),"
              + " ('2023-05-06 17:59:00', 4, 100), ('2023-05-06 18:01:00', 6, 200)");
      st.execute("flush");
      assertEquals(List.of("2023-05-06 16:00:00 8"), rows(st, "select * from agg"));
      assertEquals(List.of("2023-05-06 16:00:00 1"), rows(st, "select * from top"));
      assertEquals(
          List.of("2023-05-06 16:51:00 1 100 8 1", "2023-05-06 16:56:00 8 100 5 2"),
          rows(st, "select * from ow"));
    }
    engine.restart();
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      assertEquals(List.of("2023-05-06 16:00:00 8"), rows(st, "select * from agg"));
      // late (below the watermark 17:56): dropped by every view's watermark filter
      st.execute("insert into t values ('2023-05-06 17:10:00', 100, 100)");
      st.execute("insert into t values ('2023-05-06 18:10:00', 7, 100)");
      st.execute("flush");
      assertEquals(
          List.of("2023-05-06 16:00:00 8", "2023-05-06 17:00:00 5"), rows(st, "select * from agg"));
      assertEquals(
          List.of("2023-05-06 16:00:00 1", "2023-05-06 17:00:00 3"), rows(st, "select * from top"));
      assertEquals(
          List.of(
              "2023-05-06 16:51:00 1 100 8 1",
              "2023-05-06 16:56:00 8 100 5 2",
              "2023-05-06 17:30:00 3 200 6 1",
              "2023-05-06 17:35:00 5 100 4 3"),
          rows(st, "select * from ow"));
      assertEquals(List.of("7"), rows(st, "select * from plain"));
      // as in RisingWave, the append-only table itself does not store the late row
      assertEquals(List.of("7"), rows(st, "select count(*) from t"));
      assertEquals(1, st.executeUpdate("insert into t values (null, 1, 1)"));
      assertEquals(List.of("7"), rows(st, "select count(*) from t"));
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  st.execute(
                      "create materialized view bad as select bar, count(*) from t group by bar"
                          + " emit on window close"));
      assertEquals("0A000", e.getSQLState());
      e =
          assertThrows(
              SQLException.class,
              () -> st.execute("create table w (a int, watermark for b as b) append only"));
      assertEquals("42703", e.getSQLState());
    }
  }

  /**
   * A view created over rows already in the table reads them in key order, here the reverse of
   * their arrival, in several chunks: none of them is late (the table accepted them all).
   */
  @Test
  void aNewViewReadsEveryStoredRow() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "create table k (id int primary key, tm timestamp,"
              + " watermark for tm as tm - interval '1 minute') append only");
      st.execute(
          "insert into k select 2000 - i, '2024-01-01 00:00:00'::timestamp + i * interval '1"
              + " second' from generate_series(0, 1099) as s(i)");
      st.execute("create materialized view n as select count(*) as n from k");
      st.execute(
          "create materialized view w as select window_start, count(*) as n from tumble(k, tm,"
              + " interval '10 minutes') group by window_start emit on window close");
      assertEquals(List.of("1100"), rows(st, "select * from n"));
      // watermark 00:17:19: the window of 00:00 is closed, 00:10 (to 00:20) is not
      assertEquals(List.of("2024-01-01 00:00:00 600"), rows(st, "select * from w"));
    }
  }

  /** A watermark passes {@code col + interval}: the shifted column closes windows as well. */
  @Test
  void watermarkThroughAShiftedColumn() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "create table s (tm timestamp, watermark for tm as tm - interval '5 minutes')"
              + " append only");
      st.execute(
          "create materialized view sh as select tm + interval '1 hour' as t2, count(*) as n"
              + " from s group by 1 emit on window close");
      st.execute("insert into s values ('2023-05-06 16:51:00'), ('2023-05-06 18:51:00')");
      assertEquals(List.of("2023-05-06 17:51:00 1"), rows(st, "select * from sh"));
    }
  }
}

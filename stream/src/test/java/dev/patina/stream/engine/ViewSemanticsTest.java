package dev.patina.stream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Materialized views that give RisingWave's answers where a plain SQL reading differs: full joins
 * over NULL primary keys, interval group keys, the creating session's TimeZone, VALUES row order.
 */
class ViewSemanticsTest {
  @RegisterExtension final EngineServer engine = new EngineServer();

  @Test
  void fullJoinDropsRowsWhoseKeysAreAllNull() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t (a int primary key, b int)");
      st.execute(
          "create materialized view mv as select t1.a, t2.b from t as t1 full join t as t2"
              + " on t1.a = t2.a");
      st.execute("insert into t values (null, 1), (2, 2)");
      st.execute("flush");
      // the NULL key's two padded rows are dropped (risingwave#8084); a batch query keeps them
      assertEquals(List.of("2 2"), StreamEngineTest.rows(st, "select * from mv"));
      assertEquals(
          List.of("2 2", "null 1", "null null"),
          StreamEngineTest.rows(
              st,
              "select t1.a, t2.b from t as t1 full join t as t2 on t1.a = t2.a"
                  + " order by 1 nulls last, 2 nulls last"));
    }
  }

  @Test
  void intervalGroupKeysComeOutJustified() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t (v interval, w int)");
      st.execute(
          "insert into t values (interval '24 hours', 1), (interval '1 day', 2),"
              + " (interval '-30 days -1 hour', 3), (interval '1 mon -1 hour', 4)");
      st.execute("create materialized view mv as select v, sum(w) as s from t group by v");
      st.execute("create materialized view d as select distinct v from t");
      st.execute("flush");
      assertEquals(
          List.of("-1 mons -01:00:00 3", "1 day 3", "29 days 23:00:00 4"),
          StreamEngineTest.rows(st, "select v::varchar, s from mv order by v"));
      assertEquals(
          List.of("-1 mons -01:00:00", "1 day", "29 days 23:00:00"),
          StreamEngineTest.rows(st, "select v::varchar from d order by v"));
    }
  }

  @Test
  void viewsEvaluateInTheCreatingSessionsTimeZoneAlsoAfterARestart() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("set timezone to 'America/New_York'");
      st.execute("create table t (n int)");
      st.execute(
          "create materialized view mv as select make_timestamptz(n, 1, 1, 1, 1, 1)::varchar as z,"
              + " '2020-06-01 12:00'::timestamptz::varchar as c from t");
      st.execute("insert into t values (2000)");
    }
    engine.restart();
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("set timezone to 'Asia/Tokyo'");
      st.execute("insert into t values (2001)");
      st.execute("flush");
      assertEquals(
          List.of(
              "2000-01-01 01:01:01-05:00 2020-06-01 12:00:00-04:00",
              "2001-01-01 01:01:01-05:00 2020-06-01 12:00:00-04:00"),
          StreamEngineTest.rows(st, "select * from mv order by z"));
    }
  }

  @Test
  void viewsOfConstantsKeepTheValuesOrder() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create materialized view a as values (2, 'b'), (1, 'a'), (3, null)");
      st.execute(
          "create materialized view w as select lag(x) over (partition by 0::int) as l"
              + " from (values (1), (2)) as t(x)");
      st.execute("create table t (v int)");
      st.execute("create materialized view m as select v from t union all values (5), (4)");
      st.execute("insert into t values (9)");
      st.execute("flush");
      assertEquals(List.of("2 b", "1 a", "3 null"), StreamEngineTest.rows(st, "select * from a"));
      assertEquals(List.of("null", "1"), StreamEngineTest.rows(st, "select * from w"));
      // a view reading a table is maintained: its rows come in key order
      assertEquals(List.of("4", "5", "9"), StreamEngineTest.rows(st, "select * from m"));
    }
  }
}

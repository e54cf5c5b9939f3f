package dev.patina.stream.engine;

import static dev.patina.stream.engine.StreamEngineTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code WITH c AS CHANGELOG FROM rel} through the engine: binding (columns, hidden row id),
 * maintenance, recovery after a restart, noop update elimination through a join, and the errors of
 * what cannot produce a changelog; also UNION CORRESPONDING's errors.
 */
class ChangelogTest {
  @RegisterExtension final EngineServer engine = new EngineServer();

  static final String LOG = "select k, v, changelog_op from log order by _changelog_row_id";

  @Test
  void listsEveryChangeWithItsOpAndSurvivesARestart() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t (k int primary key, v varchar)");
      st.execute("insert into t values (1, 'a')");
      st.execute(
          "create materialized view log as with c as changelog from t"
              + " select *, _changelog_row_id from c");
      try (var rs = st.executeQuery("select * from log")) {
        ResultSetMetaData md = rs.getMetaData();
        assertEquals(4, md.getColumnCount());
        assertEquals("changelog_op", md.getColumnName(3));
        assertEquals("int2", md.getColumnTypeName(3));
        assertEquals("_changelog_row_id", md.getColumnName(4));
      }
      // the snapshot at creation is a list of inserts
      assertEquals(List.of("1 a 1"), rows(st, LOG));
      st.execute("update t set v = 'b' where k = 1");
      st.execute("insert into t values (2, 'x')");
      st.execute("delete from t where k = 1");
      assertEquals(List.of("1 a 1", "1 a 4", "1 b 3", "2 x 1", "1 b 2"), rows(st, LOG));
    }
    engine.restart();
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      // recovered: nothing replayed, new changes appended after the old ones
      st.execute("update t set v = 'y' where k = 2");
      assertEquals(
          List.of("1 a 1", "1 a 4", "1 b 3", "2 x 1", "1 b 2", "2 x 4", "2 y 3"), rows(st, LOG));
      assertEquals(List.of("7"), rows(st, "select count(distinct _changelog_row_id) from log"));
    }
  }

  @Test
  void starLeavesTheRowIdOutAndDownstreamOperatorsRunOnTheLog() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t (v int)");
      st.execute(
          "create materialized view ops as with c as changelog from t"
              + " select changelog_op, count(*) as n from c group by changelog_op");
      st.execute("create materialized view plain as with c as changelog from t select * from c");
      st.execute(
          "create materialized view ids as with c as changelog from t"
              + " select v, changelog_op, _changelog_row_id from c");
      st.execute("insert into t values (1), (2)");
      st.execute("update t set v = 3 where v = 1");
      st.execute("delete from t where v = 2");
      assertEquals(List.of("1 2", "2 1", "3 1", "4 1"), rows(st, "select * from ops order by 1"));
      // t's hidden _row_id and the changelog's row id stay hidden from *
      try (var rs = st.executeQuery("select * from plain")) {
        assertEquals(2, rs.getMetaData().getColumnCount());
      }
      assertEquals(
          List.of("1"),
          rows(
              st,
              "select count(*) from ids where changelog_op = 3 and v = 3"
                  + " and abs(date_part('epoch', now() - _changelog_row_id::timestamptz)) < 60"));
    }
  }

  @Test
  void updatesOfColumnsProjectedOutDoNotReachTheLog() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t1 (a int primary key, b int, c3 int)");
      st.execute("create table t2 (x int primary key, y int)");
      st.execute("insert into t1 values (1, 10, 100)");
      st.execute("insert into t2 values (1, 0)");
      st.execute(
          "create materialized view mv as select t2.x, t2.y, t1.b from t2"
              + " left join t1 on t2.x = t1.a");
      st.execute("create materialized view log as with s as changelog from mv select * from s");
      st.execute("update t1 set c3 = 999 where a = 1");
      assertEquals(List.of("1"), rows(st, "select count(*) from log"));
      st.execute("update t1 set b = 11 where a = 1");
      assertEquals(List.of("1 0 11"), rows(st, "select * from mv"));
      assertTrue(Integer.parseInt(rows(st, "select count(*) from log").get(0)) > 1);
    }
  }

  @Test
  void whatCannotGiveAChangelogIsRefused() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t (v int)");
      st.execute("create view pv as select v from t");
      SQLException batch =
          assertThrows(
              SQLException.class,
              () -> st.executeQuery("with c as changelog from t select * from c"));
      assertEquals("0A000", batch.getSQLState());
      SQLException view =
          assertThrows(
              SQLException.class,
              () ->
                  st.execute(
                      "create materialized view m as with c as changelog from pv select * from c"));
      assertTrue(view.getMessage().contains("must be a table or source"), view.getMessage());
      // INTERSECT ALL is computed when read, which cannot list changes
      SQLException unmaintained =
          assertThrows(
              SQLException.class,
              () ->
                  st.execute(
                      "create materialized view m as with c as changelog from t"
                          + " select v from c intersect all select v from t"));
      assertEquals("0A000", unmaintained.getSQLState());
      st.execute("create table op (changelog_op int)");
      SQLException clash =
          assertThrows(
              SQLException.class,
              () ->
                  st.execute(
                      "create materialized view m as with c as changelog from op select * from c"));
      assertTrue(clash.getMessage().contains("cannot have `changelog_op`"), clash.getMessage());
      assertEquals(List.of(), rows(st, "show materialized views"));
    }
  }

  @Test
  void correspondingErrorsInRisingWavesWording() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t1 (v1 int, v2 int)");
      st.execute("create table t2 (v2 int, v3 int)");
      st.execute("create table t3 (w int)");
      st.execute("insert into t1 values (1, 2)");
      st.execute("insert into t2 values (2, 3)");
      assertEquals(
          List.of("2"), rows(st, "select * from t1 union corresponding by (v2) select * from t2"));
      SQLException by =
          assertThrows(
              SQLException.class,
              () ->
                  st.executeQuery("select * from t1 union corresponding by (v1) select * from t2"));
      assertEquals(
          "Failed to run the query\n\nCaused by:\n  Invalid input syntax: Column name `v1` in"
              + " CORRESPONDING BY is not found in a side of the UNION operation. It shall be"
              + " included in both sides.",
          ((org.postgresql.util.PSQLException) by).getServerErrorMessage().getMessage());
      SQLException none =
          assertThrows(
              SQLException.class,
              () -> st.executeQuery("select * from t1 union corresponding select * from t3"));
      assertTrue(
          none.getMessage()
              .contains(
                  "Left side query column list: (\"v1\", \"v2\"). Right side query column list:"
                      + " (\"w\")."),
          none.getMessage());
    }
  }
}

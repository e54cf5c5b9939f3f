package dev.patina.stream.engine;

import static dev.patina.stream.engine.StreamEngineTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GAP_FILL in queries and in materialized views (computed when read). */
class GapFillTest {
  @RegisterExtension final EngineServer engine = new EngineServer();

  @Test
  void partitionedInterpolateAndLocf() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t (k int, ts timestamp, v int, s varchar)");
      st.execute(
          "insert into t values (1, '2024-01-01 00:00:00', 0, 'a'),"
              + " (1, '2024-01-01 00:06:00', 12, 'b'), (2, '2024-01-01 00:00:00', 7, 'c'),"
              + " (2, null, 1, 'n')");
      String q =
          "select k, ts, v, s from gap_fill(t, ts, interval '2 minutes', interpolate(v),"
              + " locf(s), partition_by(k))";
      // k=1: 0 → 12 over three steps of 2 minutes gives 4 and 8; s carries 'a' forward.
      // k=2: one timed row, nothing to fill; the NULL-time row passes through.
      assertEquals(
          List.of(
              "1 2024-01-01 00:00:00 0 a",
              "1 2024-01-01 00:02:00 4 a",
              "1 2024-01-01 00:04:00 8 a",
              "1 2024-01-01 00:06:00 12 b",
              "2 null 1 n",
              "2 2024-01-01 00:00:00 7 c"),
          rows(st, q + " order by k, ts nulls first"));
      st.execute("create materialized view mv as " + q);
      st.execute("insert into t values (1, '2024-01-01 00:02:00', 1, 'x')");
      // 00:04 now lies between 1 and 12: 1 + 11 / 2 = 6 in integer arithmetic; s is 'x'.
      assertEquals(
          List.of(
              "1 2024-01-01 00:00:00 0 a",
              "1 2024-01-01 00:02:00 1 x",
              "1 2024-01-01 00:04:00 6 x",
              "1 2024-01-01 00:06:00 12 b"),
          rows(st, "select k, ts, v, s from mv where k = 1 order by ts"));
      st.execute("delete from t where k = 1 and ts = '2024-01-01 00:06:00'");
      assertEquals(
          List.of("1 2024-01-01 00:00:00 0 a", "1 2024-01-01 00:02:00 1 x"),
          rows(st, "select k, ts, v, s from mv where k = 1 order by ts"));
    }
  }

  @Test
  void timestamptzWithNullDefault() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table z (ts timestamptz, v double)");
      st.execute(
          "insert into z values ('2024-01-01 00:00:00+00', 1.0), ('2024-01-01 03:00:00+00', 4.0)");
      // 00:00 and 03:00 plus generated 01:00 and 02:00 with v NULL.
      assertEquals(
          List.of("4 2 5"),
          rows(st, "select count(*), count(v), sum(v) from gap_fill(z, ts, interval '1 hour')"));
      assertThrows(
          SQLException.class, () -> rows(st, "select * from gap_fill(z, v, interval '1 hour')"));
      assertThrows(
          SQLException.class,
          () -> rows(st, "select * from gap_fill(z, ts, interval '1 hour', bogus(v))"));
    }
  }
}

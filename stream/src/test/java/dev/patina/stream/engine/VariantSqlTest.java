package dev.patina.stream.engine;

import static dev.patina.stream.engine.StreamEngineTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The variant type through the engine: DDL, casts, functions, views, and refused keys. */
class VariantSqlTest {
  @RegisterExtension final EngineServer engine = new EngineServer();

  @Test
  void castsAndFunctions() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      assertEquals(
          List.of("int64 double int32 int16 decimal16 string null object array"),
          rows(
              st,
              "select variant_typeof('1'::variant), variant_typeof('1.5'::variant),"
                  + " variant_typeof(to_variant(1)), variant_typeof(to_variant(1::smallint)),"
                  + " variant_typeof(to_variant(1.0::decimal)),"
                  + " variant_typeof(to_variant('x'::varchar)),"
                  + " variant_typeof(to_variant(null::int)),"
                  + " variant_typeof(to_variant(row(1, 'a'))),"
                  + " variant_typeof(to_variant(array[1, 2]))"));
      assertEquals(
          List.of("{\"a\":10,\"b\":[1,2]} 10 [1,2] t"),
          rows(
              st,
              "select v, variant_get(v, '$.a')::varchar, variant_get(v, '$.b'),"
                  + " variant_get(v, '$.c') is null"
                  + " from (select '{\"b\":[1,2],\"a\":10}'::variant as v) s"));
      assertEquals(
          List.of("{\"a\": 1.5} object"),
          rows(
              st,
              "select '{\"a\":1.5}'::variant::jsonb,"
                  + " variant_typeof('{\"a\":1}'::jsonb::variant)"));
      assertEquals(
          List.of("t"), rows(st, "select try_variant_get('{\"a\":[1]}'::variant, '$.') is null"));
      SQLException path =
          assertThrows(
              SQLException.class,
              () -> st.executeQuery("select variant_get('{\"a\":[1]}'::variant, '$.')"));
      assertTrue(path.getMessage().contains("invalid variant path"), path.getMessage());
      SQLException dup =
          assertThrows(
              SQLException.class,
              () -> st.executeQuery("select to_variant(row(1, 'x')::struct<a int, a varchar>)"));
      assertTrue(dup.getMessage().contains("duplicate field name"), dup.getMessage());
      // no implicit cast from varchar: a typed text value needs an explicit one
      assertThrows(
          SQLException.class, () -> st.executeQuery("select variant_typeof('1'::varchar)"));
    }
  }

  @Test
  void tablesAndViewsHoldVariantsAcrossARestart() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "create table t (id int primary key, p variant, s struct<v variant>, l variant[])");
      st.execute(
          "create materialized view mv as select id, p, variant_get(p, '$.a') as a,"
              + " variant_typeof(p) as kind from t");
      st.execute(
          "insert into t values (1, '{\"a\":10}'::variant, row('[1]'::variant),"
              + " array['1'::variant, 'true'::variant]), (2, to_variant('plain'::varchar), null,"
              + " null)");
      assertEquals(
          List.of("1 10 object", "2 null string"),
          rows(st, "select id, a::varchar, kind from mv order by id"));
      assertEquals(List.of("1 ([1]) {1,true}"), rows(st, "select id, s, l from t where id = 1"));
    }
    engine.restart();
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("update t set p = '{\"a\":20}'::variant where id = 1");
      assertEquals(
          List.of("1 20 object", "2 null string"),
          rows(st, "select id, a::varchar, kind from mv order by id"));
      assertEquals(List.of("{\"a\":20}"), rows(st, "select p from t where id = 1"));
    }
  }

  @Test
  void streamingKeysRefuseVariants() throws Exception {
    try (Connection c = engine.connect();
        Statement st = c.createStatement()) {
      st.execute("create table t (id int primary key, p variant, s struct<v variant>)");
      st.execute("create table u (id int primary key, p variant)");
      String[][] cases = {
        {"select p, count(*) from t group by p", "should not be in the aggregation group key"},
        {"select distinct s from t", "should not be in the aggregation group key"},
        {"select p from t union select p from u", "should not be in the aggregation group key"},
        {"select count(*) from (select * from t order by s limit 10)", "TopN order key"},
        {
          "select id from (select id, rank() over (partition by s order by id) as r from t)"
              + " where r <= 2",
          "over window partition key"
        },
        {"select array_agg(id order by s) from t", "should not be in the aggregation order key"},
        {"select count(distinct s) from t", "should not be in the distinct aggregation argument"},
        {"select t.id from t join u on t.p = u.p", "should not be in the join key"},
        {"select p from t order by p", "is part of the storage primary key"},
      };
      for (String[] k : cases) {
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> st.execute("create materialized view bad as " + k[0]),
                k[0]);
        assertTrue(e.getMessage().contains("VARIANT column"), e.getMessage());
        assertTrue(e.getMessage().contains(k[1]), k[0] + ": " + e.getMessage());
        assertEquals("0A000", e.getSQLState());
      }
      // the jsonb opt-in does not lift it
      st.execute("set rw_streaming_allow_jsonb_in_stream_key = true");
      assertThrows(
          SQLException.class,
          () -> st.execute("create materialized view bad as select p from t group by p"));
      // variants as plain values are fine, also through an aggregation's input
      st.execute(
          "create materialized view ok as select id, count(p) as n, max(id) as m from t group by id");
      st.execute("insert into t values (1, '1'::variant, null)");
      assertEquals(List.of("1 1 1"), rows(st, "select * from ok"));
    }
  }
}

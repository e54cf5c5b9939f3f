package dev.patina.stream.sql;

import java.util.List;

/** Statements that exercise every construct of the dialect: round-trip cases and fuzz seeds. */
final class Corpus {
  private Corpus() {}

  static final List<String> STATEMENTS =
      List.of(
          // DDL: tables
          "CREATE TABLE t (a int PRIMARY KEY, b varchar NOT NULL, c numeric(10, 2) DEFAULT 0)",
          "create table if not exists s.t (v1 int, v2 double precision, v3 float4, v4 float8,"
              + " v5 int2, v6 int4, v7 int8, v8 real, v9 double, v10 smallint, v11 bigint,"
              + " v12 boolean, v13 bool, v14 decimal, v15 text, v16 character varying(20),"
              + " v17 bytea, v18 date, v19 time, v20 timestamp, v21 timestamptz,"
              + " v22 timestamp with time zone, v23 interval, v24 jsonb, v25 int[],"
              + " v26 varchar[][], v27 struct<a int, b varchar>, v28 struct<x struct<y int>>,"
              + " v29 map(varchar, int), v30 time(3) without time zone, v31 char(3), v32 bit(8))",
          "create table t (tm timestamp, foo int, watermark for tm as tm - interval '5 minutes')"
              + " append only",
          "create table t (id int, v int, primary key (id)) on conflict do update if not null"
              + " with version column (v)",
          "create table t (id int, constraint pk primary key (id), unique (v), check (v > 0),"
              + " v int constraint nn not null check (v < 10))",
          "create table t (a int, b int as a + 1) with (connector = 'kafka',"
              + " properties.bootstrap.server = 'localhost:9092', topic = 'x', n = -3,"
              + " flag = true, conn = my_conn) format plain encode json (schema.registry ="
              + " 'http://x') key encode bytes",
          "create table t2 as select * from t1",
          "create table t (*, ts timestamptz) with (connector = 'datagen')",
          "CREATE TEMPORARY TABLE IF NOT EXISTS t ()",
          "drop table if exists t, s.u cascade",
          // views
          "create materialized view if not exists mv (a, b) with (streaming_parallelism = 2) as"
              + " select a, count(*) from t group by a emit on window close",
          "create or replace view v as select 1",
          "drop materialized view if exists mv",
          "drop view v restrict",
          // indexes
          "create index idx on t (a desc nulls last, b) include (c, d) distributed by (a)",
          "create unique index if not exists idx on t using btree (lower(a))",
          "drop index idx",
          // sources and sinks
          "create source if not exists s (id int, ts timestamp, watermark for ts as ts - interval"
              + " '1' second) with (connector = 'kafka', topic = 't') format upsert encode avro",
          "create sink sk from mv with (connector = 'blackhole')",
          "create sink sk into t (a, b) as select a, b from u emit on window close",
          "drop source s",
          "drop sink sk",
          "create schema if not exists s authorization alice",
          "create database db",
          // DML
          "insert into t values (1, 'a'), (2, default)",
          "insert into t (a, b) select a, b from u returning a, b as bee, *",
          "insert into t default values",
          "insert into t (select * from u)",
          "update t set a = a + 1, (b, c) = (1, 2) where a > 0 returning *",
          "update t as x set v = default where x.id in (select id from u)",
          "delete from t where a is null returning a",
          "delete from t x where x.a = 1",
          "flush",
          "recover",
          // session, transactions
          "set rw_implicit_flush to true",
          "SET streaming_parallelism = 1",
          "set timezone to 'UTC'",
          "set time zone 'America/New_York'",
          "set search_path to public, \"$user\"",
          "set local x = default",
          "set transaction isolation level read committed, read only",
          "set session characteristics as transaction isolation level serializable",
          "show rw_implicit_flush",
          "show all",
          "show time zone",
          "show transaction isolation level",
          "show tables",
          "show tables from public like 't%'",
          "show materialized views from s",
          "show columns from t",
          "show indexes from t",
          "show sources",
          "show sinks",
          "show views",
          "show internal tables",
          "show databases",
          "show schemas",
          "show create materialized view mv",
          "show create table s.t",
          "describe t",
          "explain select 1",
          "explain (verbose, trace, type logical) create materialized view mv as select 1",
          "explain analyze (format json) select * from t",
          "explain verbose select 1",
          "begin",
          "begin transaction read only",
          "start transaction isolation level repeatable read",
          "commit",
          "end",
          "rollback",
          "abort",
          // queries
          "select distinct on (a, b) a, b, c from t order by a, b, c desc",
          "select distinct a from t",
          "select all a from t",
          "select * except (a, b) from t",
          "select t.*, s.t.* from s.t",
          "select (x).*, (x).a, (t.x).b.c from t",
          "select a from t1 join t2 on t1.a = t2.a left join t3 using (a)"
              + " right outer join t4 on true full join t5 on false cross join t6"
              + " natural join t7 natural left join t8 inner join t9 on 1 = 1",
          "select * from t1, lateral (select * from t2 where t2.a = t1.a) x,"
              + " lateral generate_series(1, t1.n) as g(i)",
          "select * from (t1 join t2 on a = b) join (t3 join t4 on c = d) on e = f",
          "select * from ((select 1) union (select 2)) as u",
          "select * from generate_series(1, 10) with ordinality as g(i, n)",
          "select * from unnest(array[1, 2, 3]) u",
          "select * from tumble(t, ts, interval '1' minute)",
          "select window_start, count(*) from hop(t, ts, interval '1' minute, interval '5'"
              + " minute) group by window_start",
          "select * from a join b for system_time as of proctime() on a.k = b.k",
          "select * from a asof join b on a.k = b.k and a.t >= b.t",
          "select * from a asof left join b on a.k = b.k and a.t >= b.t",
          "select a, sum(b) from t group by rollup (a, (b, c)), cube (d), grouping sets"
              + " ((a, b), a, (), rollup (e)) having count(*) > 1",
          "select a from t group by ()",
          "select rank() over w, sum(x) over (w rows between unbounded preceding and current"
              + " row), lag(x, 1) over (partition by a order by b range between interval '1'"
              + " day preceding and unbounded following exclude ties) from t window w as"
              + " (partition by a order by b)",
          "select first_value(x) over (order by t session with gap interval '10' minute) from t",
          "select sum(x) over (order by t groups 2 preceding exclude no others) from t",
          "select 1 union select 2 union all select 3 intersect select 4 except distinct select"
              + " 5 order by 1 limit 10 offset 2",
          "(select 1 order by 1 limit 1) union all (select 2)",
          "select a from t1 union corresponding by (a) select a from t2",
          "select a from t1 union all corresponding select a from t2",
          "select * from t order by a asc nulls first, b desc nulls last fetch first 3 rows"
              + " with ties",
          "select * from t offset 5 rows fetch next 1 row only",
          "select * from t limit all",
          "values (1, 'a'), (2, 'b') order by 1",
          "with recursive r (n) as (select 1 union all select n + 1 from r where n < 10),"
              + " s as materialized (select 2), u as not materialized (select 3)"
              + " select * from r, s, u",
          "with sub as changelog from mv select * from sub",
          "select from t",
          // expressions
          "select 1 + 2 * 3 - 4 / 5 % 6 ^ 7, -x, +y, - -z, |/ 16, ||/ 27, @ -5, ~ 1",
          "select a || b || 'c', j -> 'k', j ->> 'k', j #> '{a}', j #>> '{a}', j @> '{}',"
              + " j <@ '{}', j ? 'k', j ?| array['a'], j ?& array['a'], j #- '{a}', a && b,"
              + " a << 1, a >> 1, a & 1, a | 1, a # 1, s ~ 're', s ~* 're', s !~ 're',"
              + " s !~* 're', s ^@ 'x'",
          "select a is null, a is not null, a isnull, a notnull, b is true, b is not false,"
              + " b is unknown, a is distinct from b, a is not distinct from b",
          "select a between 1 and 2, a not between symmetric 2 and 1, s like 'a%',"
              + " s not ilike 'a%' escape '!', s similar to 'a|b', s not similar to 'c'",
          "select a in (1, 2, 3), a not in (select b from t), exists (select 1),"
              + " not exists (select 1 from t where t.a = 1), (select max(b) from t)",
          "select a = any (array[1, 2]), a > all (select b from t), a < some (select 1),"
              + " s like any (array['a%']), s not ilike all (array['b%'])",
          "select cast(a as int), a::varchar(10), '1'::int[], x::struct<a int>, y::map(int,"
              + " varchar), '2020-01-01'::timestamptz at time zone 'UTC'",
          "select case when a then 1 when b then 2 else 3 end, case x when 1 then 'one' end",
          "select count(*), count(distinct a), string_agg(s, ',' order by s desc),"
              + " sum(x) filter (where x > 0), percentile_cont(0.5) within group (order by x),"
              + " array_agg(x order by y nulls first) filter (where y is not null),"
              + " concat_ws(',', variadic array['a', 'b'])",
          "select extract(year from ts), extract(epoch from now()), extract('dow' from d),"
              + " position('a' in s), substring(s from 2 for 3), substring(s for 2),"
              + " substring(s, 1, 2), trim(both 'x' from s), trim(leading from s), trim(s),"
              + " trim(trailing 'y' from s), overlay(s placing 'x' from 2 for 3), overlay(s"
              + " placing 'x' from 2)",
          "select date '2020-01-01', time '12:00', timestamp '2020-01-01 00:00',"
              + " timestamptz '2020-01-01 00:00:00+00', timestamp with time zone '2020-01-01',"
              + " int '850', smallint '726', double precision '1.5', interval '1' hour,"
              + " interval '1 day', interval '1' day to second, interval '1.5' second(3),"
              + " interval '2' year to month, numeric(10, 2) '3.14', jsonb '{}'",
          "select 1, 1.5, .5, 5., 1e10, 1.5e-3, 0x1F, 0o17, 0b101, 1_000_000, 'it''s',"
              + " E'a\\nb\\x41\\u00e9', $$dollar 'quoted'$$, $tag$with $$ inside$tag$,"
              + " U&'d\\0061t\\+000061', 'con'\n'cat', true, false, null, $1, $2",
          "select \"Quoted\", \"with \"\"quote\"\"\", \"select\" from \"Table\"",
          "select array[1, 2], array[[1, 2], [3, 4]], array[]::int[], arr[1], arr[1:2],"
              + " arr[:2], arr[2:], arr[1][2], array(select 1), (arr)[1]",
          "select row(1, 'a'), row(), (1, 2), (x).f, ((x).g).h, (row(1, 2)).f1",
          "select current_date, current_time, current_timestamp(3), localtime, localtimestamp,"
              + " current_user, session_user, user, current_role, current_schema,"
              + " current_schema(), current_catalog",
          "select a collate \"C\", b collate pg_catalog.\"default\"",
          "select coalesce(a, b), nullif(a, b), greatest(a, b), least(a, b), grouping(a, b),"
              + " left(s, 2), right(s, 2), pg_catalog.format_type(a, b)",
          "select not a and b or c, not (a or b), a and not b",
          "select a operator(pg_catalog.~) b, a OPERATOR(+) b, operator(pg_catalog.-) c",
          "select x is json, x is not json object, x is json array with unique keys",
          "select 'a' < 'b' = true, a <> b, a != b, a <= b, a >= b",
          "select * from t where x = $1 and y like $2",
          "select a from t where a > (select avg(a) from t) and b in (select b from u union"
              + " select b from v)",
          "select a as select, b as \"from\", c d, e \"F\" from t",
          "select timestamp, time, interval, date, value, version, source from t",
          // comments and separators
          "select /* block /* nested */ comment */ 1 -- line comment\n");

  /** Scripts of several statements. */
  static final List<String> SCRIPTS =
      List.of(
          "select 1; select 2;",
          ";;select 1;;",
          "create table t (a int); insert into t" + " values (1); flush; select * from t");
}

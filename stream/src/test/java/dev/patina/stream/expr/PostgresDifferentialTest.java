package dev.patina.stream.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.stream.PostgresProcess;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.NonFiniteDecimal;
import dev.patina.stream.types.PgText;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Scalar expressions against a real PostgreSQL: each expression is bound and evaluated by Patina
 * and run by PostgreSQL as {@code SELECT expr, pg_typeof(expr)}; the result types must agree, and
 * the values (PostgreSQL's text read back as Patina's type) must be equal, or both must fail with
 * the same SQLSTATE. Decimals compare by value within PostgreSQL's 16 significant digits of
 * division (RisingWave's decimal keeps more). Skipped where PostgreSQL is not installed.
 */
class PostgresDifferentialTest {
  private static PostgresProcess.Admin pg;
  private static Connection conn;
  static final Instant NOW = Instant.parse("2024-03-10T12:34:56.123456Z");

  @BeforeContainer
  static void start() throws Exception {
    pg = PostgresProcess.Admin.startIfInstalled("PostgresDifferentialTest");
    conn = pg == null ? null : pg.conn();
    if (conn != null) {
      RisingWaveDecimalModel.install(conn);
    }
  }

  @AfterContainer
  static void stop() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  /** Expressions whose value or error must match PostgreSQL's. */
  static final List<String> CASES =
      List.of(
          // arithmetic and errors
          "1 + 2",
          "2147483647 + 1",
          "-2147483648 / -1",
          "9223372036854775807 + 1",
          "(-9223372036854775808)::int8 / -1",
          "7 / 0",
          "7 % 0",
          "7.0 / 0",
          "-7 / 2",
          "-7 % 2",
          "7 % -3",
          "1.5 + 1",
          "10 / 4.0",
          "2 ^ 10",
          "2.0 ^ 3",
          "(-8) ^ (1.0/3)",
          "0 ^ -1",
          "1e308::float8 * 10",
          "1::float8 / 0",
          "32767::int2 + 1::int2",
          "-(-32768)::int2",
          "abs(-2147483648)",
          "abs(-5)",
          "abs(-5.5)",
          "mod(7, 3)",
          "mod(-7.5, 2)",
          "round(2.5)",
          "round(-2.5)",
          "round(2.5::float8)",
          "round(3.5::float8)",
          "round(1.2345, 2)",
          "round(1234.5, -2)",
          "ceil(1.2)",
          "ceil(-1.2)",
          "floor(-1.2)",
          "floor(1.8::float8)",
          "trunc(-1.8)",
          "sqrt(2::float8)",
          "sqrt(-1::float8)",
          "sqrt(16)",
          "ln(0::float8)",
          "ln(-1::float8)",
          "exp(1::float8)",
          "power(2, 0.5)",
          "sign(-3.2)",
          "5 & 3",
          "5 | 3",
          "5 # 3",
          "~5",
          "1 << 4",
          "-16 >> 2",
          // comparison and logic
          "1 = 1.0",
          "1 < 2",
          "'abc' < 'abd'",
          "'a' = 'a '",
          "1 = '1'",
          "'1.5'::numeric = 1.50",
          "null::int = 1",
          "true and null",
          "false and null",
          "true or null",
          "not null::bool",
          "null is null",
          "1 is distinct from null",
          "null::int is not distinct from null",
          "2 between 1 and 3",
          "2 between 3 and 1",
          "2 between symmetric 3 and 1",
          "2 not between 1 and 3",
          "1 in (1, 2)",
          "3 in (1, null)",
          "3 not in (1, null)",
          "1 in (1.0, 2)",
          "true is true",
          "null::bool is not false",
          "'nan'::float8 > 1e300::float8",
          "'nan'::float8 = 'nan'::float8",
          "-0.0::float8 = 0",
          "'1 day'::interval = '24 hours'",
          "'1 mon'::interval = '30 days'",
          "1 = any(array[1, 2])",
          "16777217 = 16777216::float4",
          "nullif(1, 1::float4)",
          "3 > all(array[1, 2])",
          "3 = any(array[1, null])",
          "1 = 'x'",
          // conditionals
          "case when 1 > 2 then 'a' else 'b' end",
          "case 2 when 1 then 10 when 2 then 20 end",
          "case when false then 1 end",
          "case when true then 1 else 2.5 end",
          "coalesce(null, 2, 3)",
          "coalesce(null::int, 2.5)",
          "nullif(1, 1)",
          "nullif(1, 2)",
          "greatest(1, 5, null, 3)",
          "least(1.5, 0.5)",
          "greatest('a', 'b')",
          "case when true then 1 else 'x' end",
          "coalesce(1, true)",
          // strings
          "'ab' || 'cd'",
          "'ab' || 1",
          "1 || 'ab'",
          "'a' || null",
          "length('héllo')",
          "lower('ABC')",
          "upper('abc')",
          "substr('hello', 2, 3)",
          "substr('hello', 0, 2)",
          "substr('hello', -1, 3)",
          "substr('hello', 3)",
          "substr('hello', 2, -1)",
          "substring('hello' from 2 for 2)",
          "trim('  x  ')",
          "trim(both 'x' from 'xxaxx')",
          "ltrim('  x')",
          "rtrim('xyy', 'y')",
          "concat('a', null, 1, true)",
          "concat_ws(',', 'a', null, 'b')",
          "concat_ws(null, 'a')",
          "replace('abcabc', 'b', 'X')",
          "split_part('a,b,c', ',', 2)",
          "split_part('a,b,c', ',', 5)",
          "split_part('a,b,c', ',', -1)",
          "split_part('a,b', ',', 0)",
          "position('c' in 'abcd')",
          "position('z' in 'abcd')",
          "strpos('abc', 'b')",
          "left('abcde', 2)",
          "left('abcde', -2)",
          "right('abcde', 2)",
          "lpad('ab', 5, 'xy')",
          "rpad('ab', 1)",
          "repeat('ab', 3)",
          "reverse('abc')",
          "initcap('hello wORLD')",
          "md5('abc')",
          "'abc' like 'a%'",
          "'abc' like 'A%'",
          "'abc' ilike 'A%'",
          "'a_c' like 'a\\_c'",
          "'abc' not like '%d'",
          "'abc' ~ 'b.'",
          "'abc' ~* 'B'",
          "'abc' !~ 'z'",
          "regexp_replace('abcabc', 'b', 'X')",
          "regexp_replace('abcabc', 'b', 'X', 'g')",
          "regexp_replace('abc', '(b)', '[\\1]')",
          "regexp_match('foobar', 'o(b)')",
          "regexp_count('abcabc', 'b')",
          "translate('abc', 'ab', 'x')",
          "ascii('A')",
          "chr(65)",
          "starts_with('abc', 'ab')",
          "overlay('abcdef' placing 'XY' from 2 for 3)",
          "quote_ident('Foo')",
          "concat(variadic array['a', 'b'])",
          "concat_ws(',', variadic array[1, 2, null])",
          "format('%s %s', variadic array['x', 'y'])",
          "concat(variadic null::text[])",
          "concat(variadic 1)",
          "'abc' similar to 'a%'",
          "'abc' similar to 'a.c'",
          "'a.c' similar to 'a.c'",
          "'abd' similar to 'a(b|c)d'",
          "'abc' not similar to '%(x|y)%'",
          "'ab' similar to 'a_'",
          "'a%' similar to 'a#%' escape '#'",
          "'Hello1' ~ '^[[:alpha:]]+[[:digit:]]$'",
          "regexp_replace('foo bar', '\\mb', 'X')",
          "format('%s-%s', 1, 'x')",
          "format('%I', 'Foo')",
          "format('%L', null)",
          "format('%2$s %1$s', 'a', 'b')",
          "format('%s %s', 1)",
          "format('%s', true)",
          "encode('\\x00ff'::bytea, 'hex')",
          "encode('abc'::bytea, 'base64')",
          "decode('616263', 'hex')",
          "md5('abc'::bytea)",
          "sha256('abc'::bytea)",
          "length('abc'::bytea)",
          "'ab'::bytea || 'c'::bytea",
          "encode(decode('YWJj', 'base64'), 'escape')",
          "quote_literal('it''s')",
          // dates and times
          "date '2020-01-31' + 1",
          "date '2020-03-01' - date '2020-02-01'",
          "date '2020-01-31' + interval '1 month'",
          "timestamp '2020-01-31 10:00' + interval '1 mon 1 day 1 hour'",
          "timestamp '2020-03-01' - timestamp '2020-02-28 12:00'",
          "timestamptz '2020-01-01 00:00+00' + interval '1 day'",
          "timestamptz '2020-01-02 00:00+00' - timestamptz '2020-01-01 01:00+00'",
          "interval '1 day' + interval '2 hours'",
          "interval '1 mon' * 1.5",
          "interval '1 day' / 3",
          "interval '1 hour' / 0",
          "- interval '1 day 2 hours'",
          "time '10:00' + interval '3 hours'",
          "time '23:00' + interval '2 hours'",
          "time '10:00' - time '08:30'",
          "date '2020-01-01' + time '10:00'",
          "extract(year from timestamp '2020-05-06 07:08:09.5')",
          "extract(second from timestamp '2020-05-06 07:08:09.5')",
          "extract(epoch from timestamp '2020-05-06 07:08:09.5')",
          "extract(dow from date '2024-03-10')",
          "extract(isodow from date '2024-03-10')",
          "extract(doy from date '2024-03-10')",
          "extract(week from date '2024-01-01')",
          "extract(quarter from date '2024-08-01')",
          "extract(century from date '2000-01-01')",
          "extract(epoch from interval '1 day 2 hours')",
          "extract(hour from interval '26 hours')",
          "extract(month from interval '14 months')",
          "extract(hour from date '2020-01-01')",
          "extract(foo from timestamp '2020-01-01')",
          "date_part('epoch', interval '1 hour')",
          "date_part('minute', timestamp '2020-01-01 10:11:12')",
          "date_trunc('hour', timestamp '2020-05-06 07:08:09')",
          "date_trunc('month', timestamp '2020-05-06 07:08:09')",
          "date_trunc('week', timestamp '2024-03-10 07:08:09')",
          "date_trunc('quarter', timestamp '2020-05-06 07:08:09')",
          "date_trunc('year', timestamptz '2020-05-06 07:08:09+00')",
          "date_trunc('day', interval '1 day 3 hours')",
          "date_trunc('bogus', timestamp '2020-01-01')",
          "to_char(timestamp '2020-05-06 07:08:09.123', 'YYYY-MM-DD HH24:MI:SS.MS')",
          "to_char(timestamp '2020-05-06 17:08:09', 'Mon DD YYYY HH12:MI AM Day')",
          "to_char(timestamp '2020-05-06 17:08:09', 'FMMonth FMDD, YYYY')",
          "to_timestamp(0)",
          "to_timestamp(1600000000.5)",
          "make_date(2020, 2, 29)",
          "make_date(2021, 2, 29)",
          "make_timestamp(2020, 1, 2, 3, 4, 5.5)",
          "make_timestamptz(2020, 1, 2, 3, 4, 5.5)",
          "make_timestamptz(2020, 1, 2, 3, 4, 5.5, 'Asia/Manila')",
          "timestamp '2020-01-01 12:00' at time zone 'America/New_York'",
          "timestamptz '2020-01-01 12:00+00' at time zone 'Asia/Tokyo'",
          "date_bin(interval '15 minutes', timestamp '2020-01-01 10:17', timestamp '2000-01-01')",
          "justify_hours(interval '50 hours')",
          "justify_days(interval '35 days')",
          // casts and text formats
          "1::text",
          "true::text",
          "1.50::text",
          "'1.5'::float8::text",
          "'12'::int2",
          "'99999'::int2",
          "'abc'::int",
          "' 12 '::int",
          "2.5::int",
          "3.5::int",
          "2.5::float8::int",
          "(-2.5)::int",
          "1e10::int",
          "'2020-02-30'::date",
          "'2020-01-01 10:00'::timestamp::date",
          "'2020-01-01'::date::timestamp",
          "'10:00'::time",
          "'1 day 02:00'::interval::text",
          "interval '1' hour",
          "interval '90' minute",
          "interval '1:30' minute to second",
          "'t'::bool",
          "'yes'::bool",
          "'maybe'::bool",
          "1::bool",
          "true::int",
          "'{1,2,3}'::int[]",
          "array[1,2]::text",
          "array['a', null]",
          "'nan'::numeric",
          "'inf'::float8",
          "'-infinity'::float8::text",
          "1.5::float4::float8",
          "'1e-50'::float8::float4",
          "(1.23456789012345678::float8)::numeric",
          "123::numeric::float4",
          // jsonb
          "'{\"a\": 1, \"b\": [1, 2]}'::jsonb -> 'b'",
          "'{\"a\": 1}'::jsonb ->> 'a'",
          "'{\"a\": \"x\"}'::jsonb ->> 'a'",
          "'[1, 2, 3]'::jsonb -> -1",
          "'[1, 2, 3]'::jsonb -> 5",
          "'{\"a\": {\"b\": 2}}'::jsonb #> '{a,b}'",
          "'{\"a\": {\"b\": 2}}'::jsonb #>> '{a,b}'",
          "'{\"a\": 1, \"b\": 2}'::jsonb @> '{\"a\": 1}'",
          "'{\"a\": 1}'::jsonb ? 'a'",
          "jsonb_typeof('[1]'::jsonb)",
          "jsonb_array_length('[1, 2]'::jsonb)",
          "'{\"a\": 1}'::jsonb || '{\"b\": 2}'::jsonb",
          "'{\"a\": 1, \"b\": 2}'::jsonb - 'a'",
          "to_jsonb(1.5)",
          "to_jsonb('x'::text)",
          "jsonb_build_object('a', 1, 'b', 'x')",
          "jsonb_build_array(1, 'a', null)",
          "('{\"a\": 1}'::jsonb -> 'a')::int",
          "('\"x\"'::jsonb)::int",
          // arrays and rows
          "(array[1, 2, 3])[2]",
          "(array[1, 2, 3])[5]",
          "(array[1, 2, 3])[2:3]",
          "(array[1, 2, 3])[:2]",
          "array_length(array[1, 2], 1)",
          "cardinality(array[1, 2, 3])",
          "array[1] || array[2]",
          "array[1] || 2",
          "0 || array[1]",
          "array_append(array[1], 2)",
          "array_prepend(0, array[1])",
          "array_cat(array[1], null)",
          "array_position(array['a', 'b'], 'b')",
          "array_remove(array[1, 2, 1], 1)",
          "array_to_string(array[1, null, 3], ',')",
          "array_to_string(array[1, null, 3], ',', '*')",
          "string_to_array('a,b,,c', ',')",
          "string_to_array('a,b,,c', ',', '')",
          "array[1, 2] @> array[2]",
          "array[1, 2] && array[3]",
          "array[1, 2] = array[1, 2]",
          "array[1, 2] < array[1, 3]",
          "array[1.5, 2]",
          "'a' || true",
          "concat_ws('-', 1.50, false)",
          "nullif(1, 2.2)",
          "nullif(1.5::float4, 2)",
          "nullif(1::int2, 1)",
          "row(1, 2) = row(1, 2)",
          "row(1, null) is null");

  @net.jqwik.api.Example
  void handWrittenCases() throws Exception {
    if (conn == null) {
      return;
    }
    List<String> failures = new ArrayList<>();
    for (String c : CASES) {
      String f = check(c);
      if (f != null) {
        failures.add(f);
      }
    }
    assertEquals(List.of(), failures, failures.size() + " of " + CASES.size() + " differ");
  }

  @Property(tries = 1000)
  void randomNumericExpressions(@ForAll("numeric") String expr) throws Exception {
    if (conn == null) {
      return;
    }
    assertEquals(null, check(expr, true));
  }

  @Property(tries = 200)
  void randomStringAndDateExpressions(@ForAll("textual") String expr) throws Exception {
    if (conn == null) {
      return;
    }
    assertEquals(null, check(expr));
  }

  @Provide
  Arbitrary<String> textual() {
    Arbitrary<String> str =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("abcAB ,%_-é").ofMaxLength(6).map(x -> "'" + x + "'"),
            Arbitraries.of("null::text", "''"));
    Arbitrary<String> small = Arbitraries.integers().between(-3, 7).map(i -> "(" + i + ")");
    Arbitrary<String> strExpr =
        Arbitraries.oneOf(
            str,
            Combinators.combine(str, str).as((a, b) -> a + " || " + b),
            Combinators.combine(str, small).as((a, n) -> "substr(" + a + ", " + n + ")"),
            Combinators.combine(str, small, small)
                .as((a, n, m) -> "substr(" + a + ", " + n + ", abs(" + m + "))"),
            Combinators.combine(str, small).as((a, n) -> "left(" + a + ", " + n + ")"),
            Combinators.combine(str, small).as((a, n) -> "right(" + a + ", " + n + ")"),
            Combinators.combine(str, small, str)
                .as((a, n, f) -> "lpad(" + a + ", abs(" + n + "), " + f + ")"),
            Combinators.combine(str, str, str)
                .as((a, b, c) -> "replace(" + a + ", " + b + ", " + c + ")"),
            Combinators.combine(str, str, small)
                .as((a, b, n) -> "split_part(" + a + ", " + b + ", " + n + ")"),
            Combinators.combine(str, str).as((a, b) -> "trim(both " + b + " from " + a + ")"),
            Combinators.combine(str, str).as((a, b) -> "concat_ws(" + b + ", " + a + ", 1, null)"),
            Combinators.combine(str, str).as((a, b) -> "translate(" + a + ", " + b + ", 'xy')"),
            // ASCII only: PostgreSQL's test cluster has the C locale, RisingWave maps all Unicode
            str.filter(a -> a.chars().allMatch(ch -> ch < 128)).map(a -> "upper(" + a + ")"),
            str.filter(a -> a.chars().allMatch(ch -> ch < 128)).map(a -> "initcap(" + a + ")"),
            str.map(a -> "reverse(" + a + ")"));
    Arbitrary<String> date =
        Arbitraries.integers().between(-40000, 40000).map(d -> "(date '2000-02-29' + " + d + ")");
    Arbitrary<String> ts =
        Combinators.combine(date, Arbitraries.integers().between(0, 86399))
            .as((d, sec) -> "(" + d + " + interval '" + sec + " seconds')");
    Arbitrary<String> iv =
        Combinators.combine(
                Arbitraries.integers().between(-30, 30),
                Arbitraries.integers().between(-40, 40),
                Arbitraries.integers().between(-100000, 100000))
            .as((m, d, s) -> "interval '" + m + " mons " + d + " days " + s + " seconds'");
    Arbitrary<String> field =
        Arbitraries.of(
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "dow",
            "doy",
            "week",
            "quarter",
            "epoch",
            "isodow",
            "decade",
            "century",
            "millisecond");
    Arbitrary<String> dateExpr =
        Arbitraries.oneOf(
            Combinators.combine(ts, iv).as((t, i) -> "(" + t + " + " + i + ")::text"),
            Combinators.combine(ts, iv).as((t, i) -> "(" + t + " - " + i + ")::text"),
            Combinators.combine(ts, ts).as((a, b) -> "(" + a + " - " + b + ")::text"),
            Combinators.combine(date, date).as((a, b) -> "(" + a + " - " + b + ")::text"),
            Combinators.combine(field, ts).as((f, t) -> "extract(" + f + " from " + t + ")::text"),
            Combinators.combine(field, iv).as((f, i) -> "extract(" + f + " from " + i + ")::text"),
            Combinators.combine(field, ts).as((f, t) -> "date_trunc('" + f + "', " + t + ")::text"),
            Combinators.combine(iv, Arbitraries.of("2", "0.5", "-1.25", "3"))
                .as((i, f) -> "(" + i + " * " + f + ")::text"),
            Combinators.combine(
                    ts,
                    Arbitraries.of(
                        "YYYY-MM-DD HH24:MI:SS", "FMDay, DD Mon YYYY", "HH12:MI AM Q IW DDD"))
                .as((t, f) -> "to_char(" + t + ", '" + f + "')"));
    return Arbitraries.oneOf(strExpr.map(e -> "(" + e + ")::text"), dateExpr);
  }

  @Provide
  Arbitrary<String> numeric() {
    return Arbitraries.recursive(this::leaf, this::node, 3);
  }

  private Arbitrary<String> leaf() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-20, 20).map(i -> i < 0 ? "(" + i + ")" : "" + i),
        Arbitraries.of(
            "2147483647",
            "(-2147483648)",
            "9223372036854775807",
            "3000000000",
            "0",
            "1.5",
            "(-0.25)",
            "100.125",
            "'2.5'::float8",
            "'-0.1'::float8",
            "32767::int2",
            "null::int",
            "null::numeric",
            "'1e15'::float8",
            "7::int8"));
  }

  private Arbitrary<String> node(Arbitrary<String> sub) {
    Arbitrary<String> op = Arbitraries.of("+", "-", "*", "/", "%");
    Arbitrary<String> cmp = Arbitraries.of("=", "<>", "<", "<=", ">", ">=");
    return Arbitraries.oneOf(
        net.jqwik.api.Combinators.combine(sub, op, sub)
            .as((a, o, b) -> "(" + a + " " + o + " " + b + ")"),
        net.jqwik.api.Combinators.combine(sub, cmp, sub, sub, sub)
            .as(
                (a, o, b, x, y) ->
                    "(case when " + a + " " + o + " " + b + " then " + x + " else " + y + " end)"),
        net.jqwik.api.Combinators.combine(sub, sub).as((a, b) -> "coalesce(" + a + ", " + b + ")"),
        net.jqwik.api.Combinators.combine(sub, sub).as((a, b) -> "greatest(" + a + ", " + b + ")"),
        net.jqwik.api.Combinators.combine(sub, sub).as((a, b) -> "nullif(" + a + ", " + b + ")"),
        sub.map(a -> "abs(" + a + ")"),
        sub.map(a -> "(-" + a + ")"),
        sub.map(a -> "round(" + a + "::numeric, 1)"),
        sub.map(a -> "floor(" + a + ")"),
        Arbitraries.of("::int2", "::int4", "::int8", "::numeric", "::float8", "::float4")
            .flatMap(t -> sub.map(a -> "(" + a + ")" + t)));
  }

  /** Null when Patina and PostgreSQL agree on {@code expr}, else a description. */
  static String check(String expr) throws SQLException {
    return check(expr, false);
  }

  /**
   * Null when Patina and PostgreSQL agree on {@code expr}, else a description; {@code exact}: its
   * decimals are arithmetic that RisingWaveDecimalModel models, so they must agree to the digit.
   */
  static String check(String expr, boolean exact) throws SQLException {
    String pgValue = null;
    String pgType = null;
    String pgState = null;
    try (Statement s = conn.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      String modelled = RisingWaveDecimalModel.rewrite(expr);
      try (ResultSet rs =
          s.executeQuery("SELECT " + modelled + ", pg_typeof(" + modelled + ")::text")) {
        rs.next();
        pgValue = rs.getString(1);
        pgType = rs.getString(2);
      }
    } catch (SQLException e) {
      pgState = e.getSQLState();
    }
    BoundExpr bound;
    Object value;
    String state = null;
    DataType type = null;
    try {
      bound = ExprBinder.bindConstant(SqlParser.parseExpr(expr));
      type = bound.type();
      EvalContext ctx = EvalContext.of(NOW, ZoneOffset.UTC);
      value = ctx.call(() -> bound.eval(new Object[0]));
    } catch (SqlException e) {
      state = e.sqlState();
      value = null;
    } catch (Exception e) {
      return expr + ": Patina threw " + e;
    }
    if (pgState != null || state != null) {
      return java.util.Objects.equals(pgState, state)
          ? null
          : expr
              + ": PostgreSQL "
              + (pgState == null ? "= " + pgValue : "error " + pgState)
              + ", Patina "
              + (state == null ? "= " + render(type, value) : "error " + state);
    }
    String want = pgTypeName(type);
    if (!want.equals(pgType)) {
      return expr + ": type " + pgType + " in PostgreSQL, " + type.sqlName() + " in Patina";
    }
    if (pgValue == null || value == null) {
      return pgValue == null && value == null
          ? null
          : expr + ": PostgreSQL " + pgValue + ", Patina " + render(type, value);
    }
    Object expected;
    try {
      expected = PgText.decode(type, pgValue, ZoneOffset.UTC);
    } catch (RuntimeException e) {
      return expr + ": cannot read PostgreSQL's " + pgValue + " as " + type.sqlName();
    }
    if (sameValue(expected, value, exact)) {
      return null;
    }
    return expr + ": PostgreSQL " + pgValue + ", Patina " + render(type, value);
  }

  static String render(DataType type, Object v) {
    return v == null ? "NULL" : PgText.encode(type, v, ZoneOffset.UTC);
  }

  static boolean sameValue(Object a, Object b, boolean exactDecimals) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      if (x.compareTo(y) == 0) {
        return true;
      }
      if (exactDecimals) {
        return false;
      }
      // Decimal arithmetic is modelled exactly (RisingWaveDecimalModel), but PostgreSQL
      // computes power, sqrt, ln ... to 16 or more significant digits and RisingWave through
      // double: there agree on PostgreSQL's digits rounded to Patina's, or on 15 digits
      if (x.precision() < 16) {
        return false;
      }
      int scale = Math.min(x.scale(), y.scale());
      boolean sameRounded =
          x.setScale(scale, java.math.RoundingMode.HALF_UP)
                  .compareTo(y.setScale(scale, java.math.RoundingMode.HALF_UP))
              == 0;
      return sameRounded
          || x.subtract(y).abs().compareTo(x.abs().max(y.abs()).movePointLeft(15)) <= 0;
    }
    if (a instanceof Double x && b instanceof Double y && Double.isFinite(x)) {
      return x.equals(y) || Math.abs(x - y) <= Math.abs(x) * 1e-15;
    }
    if (a instanceof NonFiniteDecimal || b instanceof NonFiniteDecimal) {
      return a == b;
    }
    return Ordering.equal(a, b);
  }

  /** The name pg_typeof gives for a Patina type. */
  static String pgTypeName(DataType t) {
    if (t instanceof dev.patina.stream.types.ListType l) {
      return pgTypeName(l.element()) + "[]";
    }
    if (t instanceof dev.patina.stream.types.StructType) {
      return "record";
    }
    return switch ((dev.patina.stream.types.ScalarType) t) {
      case VARCHAR -> "text";
      default -> t.sqlName();
    };
  }
}

package dev.patina.stream.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.sql.Expr.BinaryOp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expressions: PostgreSQL's precedence and every expression form. */
class ExpressionTest {

  static Expr e(String sql) {
    return SqlParser.parseExpr(sql);
  }

  static <T extends Expr> T e(String sql, Class<T> type) {
    return assertInstanceOf(type, e(sql));
  }

  /** Parentheses leave no node, so a fully parenthesized spelling shows the intended tree. */
  @ParameterizedTest
  @CsvSource(
      delimiterString = "==",
      quoteCharacter = '`',
      value = {
        "1 + 2 * 3 == 1 + (2 * 3)",
        "1 - 2 - 3 == (1 - 2) - 3",
        "2 ^ 3 ^ 2 == (2 ^ 3) ^ 2",
        "a * b ^ c == a * (b ^ c)",
        "a / b % c * d == ((a / b) % c) * d",
        "- a ^ 2 == (- a) ^ 2",
        "- a * b == (- a) * b",
        "- x :: int == - (x :: int)",
        "- a[1] == - (a[1])",
        "a || b + c == a || (b + c)",
        "a + b || c == (a + b) || c",
        "a || b LIKE c == (a || b) LIKE c",
        "a = b LIKE c == a = (b LIKE c)",
        "a LIKE b = c == (a LIKE b) = c",
        "a = b IS NULL == (a = b) IS NULL",
        "a IS NULL = b == (a IS NULL) = b",
        "NOT a = b == NOT (a = b)",
        "NOT a IS NULL == NOT (a IS NULL)",
        "NOT a AND b == (NOT a) AND b",
        "a OR b AND c == a OR (b AND c)",
        "a AND b OR c AND d == (a AND b) OR (c AND d)",
        "a OR NOT b AND c == a OR ((NOT b) AND c)",
        "a < b = c == (a < b) = c",
        "a + b IN (1) == (a + b) IN (1)",
        "a IN (1) = TRUE == (a IN (1)) = TRUE",
        "a BETWEEN 1 AND 2 AND b == (a BETWEEN 1 AND 2) AND b",
        "a BETWEEN b + 1 AND c * 2 == a BETWEEN (b + 1) AND (c * 2)",
        "x -> 'a' ->> 'b' = 'c' == ((x -> 'a') ->> 'b') = 'c'",
        "j @> k AND l <@ m == (j @> k) AND (l <@ m)",
        "2 | 3 & 4                 == (2 | 3) & 4",
        "1 << 2 + 3 == 1 << (2 + 3)",
        "~ a + b == ~ (a + b)",
        "~ a || b == (~ a) || b",
        "|/ 4 + 12 == |/ (4 + 12)",
        "a AT TIME ZONE 'UTC' + b == (a AT TIME ZONE 'UTC') + b",
        "a COLLATE \"C\" || b == (a COLLATE \"C\") || b",
        "a::int[] || b == (a::int[]) || b",
        "a IS DISTINCT FROM b = c == a IS DISTINCT FROM (b = c)",
        "a = ANY (b) AND c == (a = ANY (b)) AND c",
        "s LIKE 'a' ESCAPE '!' OR t == (s LIKE 'a' ESCAPE '!') OR t",
      })
  void precedenceFollowsPostgreSql(String sql, String parenthesized) {
    assertEquals(e(parenthesized), e(sql));
  }

  @Test
  void precedenceIsNotTrivial() {
    assertNotEquals(e("(1 + 2) * 3"), e("1 + 2 * 3"));
    assertNotEquals(e("a OR (b AND c)"), e("(a OR b) AND c"));
  }

  @Test
  void minusFoldsIntoNumbersAsPostgreSqlDoes() {
    assertEquals(new Expr.NumberLit(Pos.NONE, "-3"), e("-3"));
    assertEquals(new Expr.NumberLit(Pos.NONE, "3"), e("- -3"));
    assertEquals(e("(-2) ^ 2"), e("-2 ^ 2"));
    var cast = e("-1::int", Expr.Unary.class);
    assertInstanceOf(Expr.Cast.class, cast.operand());
    assertEquals(Expr.UnaryOp.PLUS, e("+1", Expr.Unary.class).op());
  }

  @Test
  void binaryOperators() {
    for (BinaryOp op : BinaryOp.values()) {
      String sql = "a " + op.symbol + " b";
      Expr.Binary b = e(sql, Expr.Binary.class);
      assertEquals(op, b.op(), sql);
      assertEquals(3, b.pos().column(), "the position of a binary is its operator");
    }
    assertEquals(BinaryOp.NE, e("a != b", Expr.Binary.class).op());
    assertEquals(BinaryOp.REGEX_MATCH, e("a OPERATOR(pg_catalog.~) b", Expr.Binary.class).op());
    var unary = e("OPERATOR(pg_catalog.-) b", Expr.Unary.class);
    assertEquals(Expr.UnaryOp.MINUS, unary.op());
    ParseException x = assertThrows(ParseException.class, () -> e("a <=> b"));
    assertEquals("operator does not exist: <=>", x.getMessage());
    assertEquals("42883", x.sqlState());
  }

  @Test
  void operatorsAreSplitAsPostgreSqlSplitsThem() {
    assertEquals(e("a * (- b)"), e("a*-b"));
    assertEquals(e("a + (- b)"), e("a+-b"));
    assertEquals(e("a - (- b)"), e("a - -b"));
    assertEquals(e("a"), e("a--b"));
    assertThrows(ParseException.class, () -> e("a @- b"));
    assertEquals(e("a ->> 'k'"), e("a->>'k'"));
  }

  @Test
  void isTests() {
    assertEquals(Expr.IsKind.NULL, e("a IS NULL", Expr.Is.class).kind());
    assertTrue(e("a IS NOT NULL", Expr.Is.class).negated());
    assertEquals(e("a IS NULL"), e("a ISNULL"));
    assertEquals(e("a IS NOT NULL"), e("a NOTNULL"));
    assertEquals(Expr.IsKind.TRUE, e("a IS TRUE", Expr.Is.class).kind());
    assertEquals(Expr.IsKind.FALSE, e("a IS NOT FALSE", Expr.Is.class).kind());
    assertEquals(Expr.IsKind.UNKNOWN, e("a IS UNKNOWN", Expr.Is.class).kind());
    assertTrue(e("a IS NOT DISTINCT FROM b", Expr.IsDistinctFrom.class).negated());
    var json = e("a IS NOT JSON OBJECT WITH UNIQUE KEYS", Expr.IsJson.class);
    assertEquals(Expr.JsonKind.OBJECT, json.kind());
    assertTrue(json.uniqueKeys() && json.negated());
    assertEquals(e("a IS JSON"), e("a IS JSON VALUE"));
  }

  @Test
  void betweenLikeIn() {
    var b = e("a NOT BETWEEN SYMMETRIC 1 AND 2", Expr.Between.class);
    assertTrue(b.negated() && b.symmetric());
    assertEquals(e("a BETWEEN 1 AND 2"), e("a BETWEEN ASYMMETRIC 1 AND 2"));
    var like = e("a NOT ILIKE 'x%' ESCAPE '!'", Expr.Like.class);
    assertEquals(Expr.LikeKind.ILIKE, like.kind());
    assertTrue(like.negated());
    assertEquals(new Expr.StringLit(Pos.NONE, "!"), like.escape());
    assertEquals(Expr.LikeKind.SIMILAR_TO, e("a SIMILAR TO 'x'", Expr.Like.class).kind());
    assertEquals(3, e("a IN (1, 2, 3)", Expr.InList.class).list().size());
    assertTrue(e("a NOT IN (1)", Expr.InList.class).negated());
    assertInstanceOf(Expr.InSubquery.class, e("a IN (SELECT b FROM t)"));
    assertInstanceOf(Expr.InSubquery.class, e("a IN ((SELECT b FROM t))"));
    assertInstanceOf(Expr.InSubquery.class, e("a IN ((SELECT 1) UNION (SELECT 2))"));
    assertEquals(2, e("a IN ((SELECT 1), 2)", Expr.InList.class).list().size());
    assertThrows(ParseException.class, () -> e("a IN ()"));
  }

  @Test
  void quantifiedComparisons() {
    var any = e("a = ANY (ARRAY[1, 2])", Expr.Quantified.class);
    assertEquals(Expr.Quantifier.ANY, any.quantifier());
    assertInstanceOf(Expr.ArrayLit.class, any.right());
    assertEquals(e("a = ANY (SELECT 1)"), e("a = SOME (SELECT 1)"));
    var all = e("a > ALL (SELECT b FROM t)", Expr.Quantified.class);
    assertEquals(Expr.Quantifier.ALL, all.quantifier());
    assertInstanceOf(Expr.Subquery.class, all.right());
    assertEquals(BinaryOp.LIKE_OP, e("s LIKE ANY (p)", Expr.Quantified.class).op());
    assertEquals(BinaryOp.NOT_ILIKE_OP, e("s NOT ILIKE ALL (p)", Expr.Quantified.class).op());
  }

  @Test
  void subqueries() {
    assertInstanceOf(Expr.Subquery.class, e("(SELECT 1)"));
    assertInstanceOf(Expr.Subquery.class, e("((SELECT 1))"));
    var union = e("((SELECT 1) UNION SELECT 2)", Expr.Subquery.class);
    assertInstanceOf(SetExpr.SetOperation.class, union.query().body());
    var limited = e("((SELECT 1) ORDER BY 1 LIMIT 1)", Expr.Subquery.class);
    assertEquals(1, limited.query().orderBy().size());
    assertInstanceOf(Expr.Exists.class, e("EXISTS (SELECT 1)"));
    assertInstanceOf(Expr.ArraySubquery.class, e("ARRAY(SELECT 1)"));
    assertEquals(e("((SELECT 1)) + 1"), e("(SELECT 1) + 1"));
  }

  @Test
  void castsAndTypes() {
    assertEquals(e("CAST(a AS int)"), e("a::int"));
    var cast = e("a::numeric(10, 2)", Expr.Cast.class);
    assertEquals(new DataType.Named(Pos.NONE, null, "numeric", List.of(10, 2)), cast.type());
    var array = e("'{}'::varchar[][]", Expr.Cast.class);
    assertEquals(
        new DataType.Array(Pos.NONE, new DataType.Array(Pos.NONE, DataType.Named.of("varchar"))),
        array.type());
    assertEquals(e("a::int[]"), e("a::int ARRAY"));
    assertEquals(e("a::int[]"), e("a::int[3]"));
    var struct = e("a::struct<x int, y struct<z varchar>>", Expr.Cast.class);
    var s = assertInstanceOf(DataType.Struct.class, struct.type());
    assertEquals("y", s.fields().get(1).name());
    assertInstanceOf(DataType.Struct.class, s.fields().get(1).type());
    assertInstanceOf(DataType.Map.class, e("a::map(varchar, int)", Expr.Cast.class).type());
    assertEquals(
        DataType.Named.of("double precision"), e("a::double precision", Expr.Cast.class).type());
    assertEquals(
        new DataType.Named(Pos.NONE, null, "timestamp with time zone", List.of(3)),
        e("a::timestamp(3) with time zone", Expr.Cast.class).type());
    assertEquals(
        DataType.Named.of("character varying"), e("a::character varying", Expr.Cast.class).type());
    assertEquals(
        new DataType.Named(Pos.NONE, "pg_catalog", "regclass", List.of()),
        e("a::pg_catalog.regclass", Expr.Cast.class).type());
    assertEquals(
        DataType.Named.of("interval day to second"),
        e("a::interval day to second", Expr.Cast.class).type());
  }

  @Test
  void dataTypesStandAlone() {
    for (String t :
        List.of(
            "boolean",
            "bool",
            "smallint",
            "int2",
            "integer",
            "int",
            "int4",
            "bigint",
            "int8",
            "real",
            "float4",
            "double precision",
            "double",
            "float8",
            "float(24)",
            "numeric",
            "decimal(10, 2)",
            "dec",
            "varchar",
            "varchar(10)",
            "character varying(3)",
            "text",
            "char(3)",
            "bytea",
            "date",
            "time",
            "time with time zone",
            "timestamp",
            "timestamp without time zone",
            "timestamptz",
            "interval",
            "interval year to month",
            "jsonb",
            "json",
            "int[]",
            "varchar[][]",
            "struct<a int, b varchar>",
            "struct<>",
            "map(varchar, struct<a int[]>)",
            "rw_int256",
            "serial",
            "uuid",
            "\"MyType\"")) {
      DataType type = SqlParser.parseDataType(t);
      assertEquals(type, SqlParser.parseDataType(type.toSql()), t);
    }
    assertThrows(ParseException.class, () -> SqlParser.parseDataType("select"));
    assertThrows(ParseException.class, () -> SqlParser.parseDataType("struct<a int"));
  }

  @Test
  void typedLiterals() {
    var date = e("DATE '2020-01-01'", Expr.TypedLiteral.class);
    assertEquals(DataType.Named.of("date"), date.type());
    assertEquals("2020-01-01", date.value());
    assertEquals(DataType.Named.of("int"), e("INT '850'", Expr.TypedLiteral.class).type());
    assertEquals(
        DataType.Named.of("timestamp with time zone"),
        e("timestamp with time zone '2020-01-01'", Expr.TypedLiteral.class).type());
    assertEquals(
        DataType.Named.of("double precision"),
        e("double precision '1.5'", Expr.TypedLiteral.class).type());
    var interval = e("INTERVAL '1' HOUR", Expr.IntervalLit.class);
    assertEquals(
        new Expr.IntervalQualifier(Expr.IntervalField.HOUR, null, null), interval.qualifier());
    assertNull(e("INTERVAL '1 day'", Expr.IntervalLit.class).qualifier());
    assertEquals(
        new Expr.IntervalQualifier(Expr.IntervalField.DAY, Expr.IntervalField.SECOND, 3),
        e("INTERVAL '1' DAY TO SECOND(3)", Expr.IntervalLit.class).qualifier());
    assertEquals(
        new Expr.IntervalQualifier(Expr.IntervalField.SECOND, null, 2),
        e("INTERVAL '1.5' SECOND(2)", Expr.IntervalLit.class).qualifier());
    // without a string these words are names
    assertEquals(new Expr.ColumnRef(Pos.NONE, List.of("timestamp")), e("timestamp"));
    assertEquals(new Expr.ColumnRef(Pos.NONE, List.of("interval")), e("interval"));
    assertEquals(new Expr.ColumnRef(Pos.NONE, List.of("time")), e("time"));
  }

  @Test
  void functionCalls() {
    var count = e("count(*)", Expr.FunctionCall.class);
    assertTrue(count.star());
    assertEquals(List.of(), count.args());
    var agg = e("string_agg(DISTINCT x, ',' ORDER BY y DESC NULLS FIRST)", Expr.FunctionCall.class);
    assertTrue(agg.distinct());
    assertEquals(2, agg.args().size());
    assertTrue(agg.orderBy().getFirst().descending());
    assertEquals(OrderByItem.NullsOrder.FIRST, agg.orderBy().getFirst().nulls());
    var filtered = e("sum(x) FILTER (WHERE x > 0)", Expr.FunctionCall.class);
    assertInstanceOf(Expr.Binary.class, filtered.filter());
    var within = e("percentile_cont(0.5) WITHIN GROUP (ORDER BY x)", Expr.FunctionCall.class);
    assertEquals(1, within.withinGroup().size());
    assertTrue(e("concat_ws(',', VARIADIC a)", Expr.FunctionCall.class).variadic());
    var qualified = e("pg_catalog.format_type(a, b)", Expr.FunctionCall.class);
    assertEquals(List.of("pg_catalog", "format_type"), qualified.name().parts());
    assertEquals(List.of("left"), e("left(s, 2)", Expr.FunctionCall.class).name().parts());
    assertEquals(List.of("coalesce"), e("coalesce(a, b)", Expr.FunctionCall.class).name().parts());
    assertEquals(
        List.of("substring"), e("substring(s, 1, 2)", Expr.FunctionCall.class).name().parts());
  }

  @Test
  void windowFunctions() {
    var w =
        assertInstanceOf(
            Window.Spec.class,
            e(
                    "sum(x) OVER (PARTITION BY a, b ORDER BY c ROWS BETWEEN 1 PRECEDING AND"
                        + " UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)",
                    Expr.FunctionCall.class)
                .over());
    assertEquals(2, w.partitionBy().size());
    assertEquals(Window.Units.ROWS, w.frame().units());
    assertEquals(Window.BoundKind.PRECEDING, w.frame().start().kind());
    assertEquals(Window.BoundKind.UNBOUNDED_FOLLOWING, w.frame().end().kind());
    assertEquals(Window.Exclusion.CURRENT_ROW, w.frame().exclusion());
    var named = e("rank() OVER w", Expr.FunctionCall.class);
    assertEquals("w", assertInstanceOf(Window.Named.class, named.over()).name());
    var based =
        assertInstanceOf(
            Window.Spec.class, e("rank() OVER (w ORDER BY x)", Expr.FunctionCall.class).over());
    assertEquals("w", based.base());
    var range =
        assertInstanceOf(
            Window.Spec.class,
            e("f() OVER (ORDER BY t RANGE INTERVAL '1' DAY PRECEDING)", Expr.FunctionCall.class)
                .over());
    assertNull(range.frame().end());
    var session =
        assertInstanceOf(
            Window.Spec.class,
            e(
                    "first_value(t) OVER (ORDER BY t SESSION WITH GAP '10 minutes')",
                    Expr.FunctionCall.class)
                .over());
    assertEquals(Window.Units.SESSION, session.frame().units());
    assertInstanceOf(Expr.StringLit.class, session.frame().gap());
  }

  @Test
  void specialSyntaxFunctions() {
    var extract = e("EXTRACT(year FROM ts)", Expr.Extract.class);
    assertEquals("YEAR", extract.field());
    assertEquals("EPOCH", e("extract('epoch' from ts)", Expr.Extract.class).field());
    var position = e("POSITION('a' IN s)", Expr.Position.class);
    assertInstanceOf(Expr.StringLit.class, position.substring());
    var sub = e("SUBSTRING(s FROM 2 FOR 3)", Expr.Substring.class);
    assertEquals(new Expr.NumberLit(Pos.NONE, "2"), sub.start());
    assertEquals(new Expr.NumberLit(Pos.NONE, "3"), sub.length());
    assertEquals(e("SUBSTRING(s FROM 2 FOR 3)"), e("substring(s for 3 from 2)"));
    var trim = e("TRIM(LEADING 'x' FROM s)", Expr.Trim.class);
    assertEquals(Expr.TrimSide.LEADING, trim.side());
    assertEquals(e("TRIM(BOTH 'x' FROM s)"), e("trim(s, 'x')"));
    assertEquals(e("TRIM(BOTH FROM s)"), e("trim(s)"));
    var overlay = e("OVERLAY(s PLACING 'x' FROM 2 FOR 3)", Expr.Overlay.class);
    assertEquals(new Expr.NumberLit(Pos.NONE, "3"), overlay.length());
    assertEquals(
        Expr.ValueFunctionKind.CURRENT_TIMESTAMP,
        e("CURRENT_TIMESTAMP(3)", Expr.ValueFunction.class).kind());
    assertEquals(3, e("current_timestamp(3)", Expr.ValueFunction.class).precision());
    assertEquals(
        Expr.ValueFunctionKind.CURRENT_SCHEMA,
        e("current_schema", Expr.ValueFunction.class).kind());
    assertInstanceOf(Expr.FunctionCall.class, e("current_schema()"));
  }

  @Test
  void caseExpressions() {
    var searched = e("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END", Expr.Case.class);
    assertNull(searched.operand());
    assertEquals(2, searched.whens().size());
    var simple = e("CASE x WHEN 1 THEN 'one' END", Expr.Case.class);
    assertInstanceOf(Expr.ColumnRef.class, simple.operand());
    assertNull(simple.otherwise());
    assertThrows(ParseException.class, () -> e("CASE END"));
  }

  @Test
  void arraysRowsAndFields() {
    assertEquals(2, e("ARRAY[1, 2]", Expr.ArrayLit.class).elements().size());
    assertEquals(e("ARRAY[ARRAY[1], ARRAY[2]]"), e("ARRAY[[1], [2]]"));
    assertEquals(List.of(), e("ARRAY[]", Expr.ArrayLit.class).elements());
    assertThrows(ParseException.class, () -> e("ARRAY[[1], 2]"));
    assertThrows(ParseException.class, () -> e("ARRAY[1, [2]]"));
    assertInstanceOf(Expr.Subscript.class, e("a[1]"));
    assertEquals(e("(a[1])[2]"), e("a[1][2]"));
    var slice = e("a[:2]", Expr.Slice.class);
    assertNull(slice.lower());
    assertNull(e("a[2:]", Expr.Slice.class).upper());
    assertEquals(2, e("ROW(1, 'a')", Expr.Row.class).fields().size());
    assertEquals(e("ROW(1, 2)"), e("(1, 2)"));
    assertEquals(List.of(), e("ROW()", Expr.Row.class).fields());
    var field = e("(x).f", Expr.FieldAccess.class);
    assertEquals("f", field.field());
    assertEquals(e("((x).f).g"), e("(x).f.g"));
    assertEquals(List.of("t", "x", "f"), e("t.x.f", Expr.ColumnRef.class).names());
    assertInstanceOf(Expr.FieldAccess.class, e("$1.f"));
  }

  @Test
  void literalsAndNames() {
    assertEquals(new Expr.BoolLit(Pos.NONE, true), e("TRUE"));
    assertEquals(new Expr.NullLit(Pos.NONE), e("null"));
    assertEquals(new Expr.Param(Pos.NONE, 12), e("$12"));
    assertEquals(new Expr.ColumnRef(Pos.NONE, List.of("foo")), e("FOO"));
    assertEquals(new Expr.ColumnRef(Pos.NONE, List.of("Foo")), e("\"Foo\""));
    assertEquals(new Expr.ColumnRef(Pos.NONE, List.of("select")), e("\"select\""));
    assertThrows(ParseException.class, () -> e("select"));
    assertEquals(new Expr.ColumnRef(Pos.NONE, List.of("value")), e("value"));
    assertEquals(new Expr.Default(Pos.NONE), e("DEFAULT"));
    var collate = e("a COLLATE pg_catalog.\"default\"", Expr.Collate.class);
    assertEquals(List.of("pg_catalog", "default"), collate.collation().parts());
    assertInstanceOf(Expr.AtTimeZone.class, e("ts AT TIME ZONE 'UTC'"));
  }
}

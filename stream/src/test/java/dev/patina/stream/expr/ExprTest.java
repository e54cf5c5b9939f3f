package dev.patina.stream.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.stream.expr.BoundExpr.InputRef;
import dev.patina.stream.expr.BoundExpr.When;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.types.DataType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprTest {
  static BoundExpr n(String text) {
    return Literals.number(text);
  }

  static BoundExpr s(String text) {
    return Literals.string(text);
  }

  static Object eval(BoundExpr e) {
    return e.eval(new Object[0]);
  }

  static String state(Runnable r) {
    return assertThrows(SqlException.class, r::run).sqlState();
  }

  @Test
  void integerArithmeticAndTypes() {
    BoundExpr e = Operators.binary("+", n("1"), n("2"));
    assertEquals(DataType.INT32, e.type());
    assertEquals(3, eval(e));
    assertEquals(DataType.INT64, Operators.binary("*", n("3000000000"), n("2")).type());
    BoundExpr mixed = Operators.binary("+", n("1"), n("1.5"));
    assertEquals(DataType.DECIMAL, mixed.type());
    assertEquals(new BigDecimal("2.5"), eval(mixed));
    assertEquals(-3, eval(Operators.binary("/", n("-7"), n("2"))));
    assertEquals(-1, eval(Operators.binary("%", n("-7"), n("2"))));
  }

  @Test
  void postgresErrors() {
    assertEquals("22003", state(() -> eval(Operators.binary("+", n("2147483647"), n("1")))));
    assertEquals("22012", state(() -> eval(Operators.binary("/", n("1"), n("0")))));
    assertEquals("22012", state(() -> eval(Operators.binary("/", n("1.0"), n("0")))));
    assertEquals(
        "42883", state(() -> Operators.binary("+", n("1"), Literals.typed(DataType.BOOLEAN, "t"))));
    assertEquals("22P02", state(() -> Operators.binary("+", n("1"), s("x"))));
  }

  @Test
  void untypedLiteralTakesOtherSide() {
    BoundExpr col = new InputRef(0, DataType.INT32);
    BoundExpr eq = Operators.binary("=", col, s("5"));
    assertEquals(Boolean.TRUE, eq.eval(new Object[] {5}));
    assertNull(eq.eval(new Object[] {null}));
    BoundExpr plus = Operators.binary("+", col, s("5"));
    assertEquals(DataType.INT32, plus.type());
  }

  @Test
  void threeValuedLogic() {
    BoundExpr t = Literals.typed(DataType.BOOLEAN, "true");
    BoundExpr f = Literals.typed(DataType.BOOLEAN, "false");
    BoundExpr nul = BoundExpr.Literal.nullOf(DataType.BOOLEAN);
    assertEquals(false, eval(Operators.and(List.of(nul, f))));
    assertNull(eval(Operators.and(List.of(nul, t))));
    assertEquals(true, eval(Operators.or(List.of(nul, t))));
    assertNull(eval(Operators.not(nul)));
    assertEquals(
        true, eval(Operators.isDistinctFrom(n("1"), BoundExpr.UntypedLiteral.NULL, false)));
    assertEquals(
        true,
        eval(
            Operators.isDistinctFrom(
                BoundExpr.UntypedLiteral.NULL, BoundExpr.UntypedLiteral.NULL, true)));
  }

  @Test
  void inCaseCoalesce() {
    assertNull(eval(Operators.in(n("1"), List.of(n("2"), BoundExpr.UntypedLiteral.NULL), false)));
    assertEquals(true, eval(Operators.in(n("2"), List.of(n("2.0"), n("3")), false)));
    BoundExpr c =
        Operators.caseWhen(
            List.of(new When(Operators.binary(">", n("1"), n("2")), n("1"))), n("2.5"));
    assertEquals(DataType.DECIMAL, c.type());
    assertEquals(new BigDecimal("2.5"), eval(c));
    assertEquals(
        7L, eval(Operators.coalesce(List.of(BoundExpr.Literal.nullOf(DataType.INT64), n("7")))));
    assertEquals(
        3, eval(Operators.greatest(List.of(n("1"), n("3"), BoundExpr.UntypedLiteral.NULL))));
    assertEquals(
        "42804",
        state(() -> Operators.coalesce(List.of(n("1"), Literals.typed(DataType.BOOLEAN, "t")))));
  }

  @Test
  void likeAndStrings() {
    assertEquals(true, eval(Operators.binary("~~", s("abc"), s("a%"))));
    assertEquals(false, eval(Operators.like(s("abc"), s("A_C"), null, false, false)));
    assertEquals(true, eval(Operators.like(s("abc"), s("A_C"), null, true, false)));
    assertEquals(true, eval(Operators.like(s("a%c"), s("a\\%c"), null, false, false)));
    assertEquals("abc", eval(Operators.binary("||", s("ab"), s("c"))));
    assertEquals(3, eval(Functions.call("length", List.of(s("abc")))));
    assertEquals("42883", state(() -> Functions.call("no_such_fn", List.of(n("1")))));
  }

  @Test
  void castsUseTextFormats() {
    assertEquals(
        "true",
        eval(
            Casts.cast(
                Literals.typed(DataType.BOOLEAN, "t"), DataType.VARCHAR, CastContext.EXPLICIT)));
    assertEquals(3, eval(Casts.cast(n("2.5"), DataType.INT32, CastContext.EXPLICIT)));
    assertEquals(
        2,
        eval(
            Casts.cast(
                Literals.typed(DataType.FLOAT64, "2.5"), DataType.INT32, CastContext.EXPLICIT)));
    assertEquals(
        "22003", state(() -> eval(Casts.cast(n("40000"), DataType.INT16, CastContext.EXPLICIT))));
    assertEquals(
        "42846",
        state(
            () ->
                Casts.cast(
                    Literals.typed(DataType.DATE, "2020-01-01"),
                    DataType.INT32,
                    CastContext.EXPLICIT)));
  }

  @Test
  void withTimeZonePinsTheZone() {
    BoundExpr ts = Literals.typed(DataType.TIMESTAMPTZ, "2020-01-01 00:00:00+00");
    BoundExpr text = Casts.cast(ts, DataType.VARCHAR, CastContext.EXPLICIT);
    BoundExpr pinned = text.withTimeZone(java.time.ZoneId.of("Asia/Tokyo"));
    assertEquals("2020-01-01 00:00:00+00:00", eval(text));
    assertEquals("2020-01-01 09:00:00+09:00", eval(pinned));
  }

  @Test
  void isJson() {
    java.util.function.Function<String, Object> sql =
        t -> eval(ExprBinder.bindConstant(dev.patina.stream.sql.SqlParser.parseExpr(t)));
    assertEquals(true, sql.apply("'{\"a\": 1}' is json"));
    assertEquals(true, sql.apply("'{\"a\": 1}' is json object"));
    assertEquals(false, sql.apply("'[1]' is json object"));
    assertEquals(true, sql.apply("'1' is json scalar"));
    assertEquals(true, sql.apply("'{bad' is not json"));
    assertNull(sql.apply("null::text is json"));
  }

  @Test
  void explainAndFold() {
    BoundExpr e = Operators.binary("+", new InputRef(0, DataType.INT32), n("1"));
    assertEquals("($0 + 1:integer)", e.explain());
    BoundExpr c = Operators.binary("*", n("2"), n("3")).fold();
    assertEquals(new BoundExpr.Literal(6, DataType.INT32), c);
  }
}

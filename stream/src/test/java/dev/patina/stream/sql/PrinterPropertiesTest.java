package dev.patina.stream.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.stream.sql.Expr.BinaryOp;
import dev.patina.stream.sql.Expr.UnaryOp;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random expression trees print to SQL that parses back to the same tree: the printer's parentheses
 * agree with the parser's precedence for every pair of operators, and names and literals are quoted
 * where they must be.
 */
class PrinterPropertiesTest {
  private static final Pos P = Pos.NONE;

  @Property(tries = 1000)
  void printedExpressionsParseToTheSameTree(@ForAll("exprs") Expr e) {
    String printed = e.toSql();
    Expr again;
    try {
      again = SqlParser.parseExpr(printed);
    } catch (ParseException x) {
      throw new AssertionError(printed + "\n" + x.describe() + "\n" + e, x);
    }
    assertEquals(e, again, printed);
    assertEquals(printed, again.toSql());
  }

  /** Found by the property: ~ binds more loosely than AT TIME ZONE, + more tightly. */
  @net.jqwik.api.Example
  void prefixChainKeepsItsParentheses() {
    assertEquals("(+ ~5) AT TIME ZONE z", SqlParser.parseExpr("(+ ~5) AT TIME ZONE z").toSql());
    assertEquals("(- ~a) * b", SqlParser.parseExpr("(- ~a) * b").toSql());
    Expr e = SqlParser.parseExpr("+ ~5 AT TIME ZONE z");
    assertEquals(e, SqlParser.parseExpr(e.toSql()));
  }

  @Property(tries = 500)
  void printedTypesParseToTheSameType(@ForAll("types") DataType t) {
    assertEquals(t, SqlParser.parseDataType(t.toSql()), t.toSql());
  }

  // ---- generators

  private static final List<String> NAMES =
      List.of(
          "a",
          "b",
          "t",
          "x_1",
          "Foo",
          "select",
          "from",
          "with space",
          "q\"uote",
          "é",
          "left",
          "value",
          "rollup",
          "interval",
          "current_date");

  private static final List<String> FUNCTIONS =
      List.of(
          "f",
          "count",
          "sum",
          "coalesce",
          "left",
          "row",
          "exists",
          "extract",
          "trim",
          "substring",
          "position",
          "overlay",
          "interval",
          "array",
          "operator",
          "Upper",
          "rollup",
          "filter",
          "over",
          "current_schema");

  private static final List<Query> QUERIES =
      List.of(
          (Query) SqlParser.parseOne("select 1"),
          (Query) SqlParser.parseOne("select a from t where b > 0"),
          (Query) SqlParser.parseOne("select 1 union select 2 order by 1 limit 1"),
          (Query) SqlParser.parseOne("values (1), (2)"));

  Arbitrary<String> names() {
    return Arbitraries.of(NAMES);
  }

  Arbitrary<Expr> leaf() {
    return Arbitraries.oneOf(
        names().list().ofMinSize(1).ofMaxSize(3).map(n -> (Expr) new Expr.ColumnRef(P, n)),
        Arbitraries.of("0", "42", "1.5", ".5", "5.", "1e10", "2.5E-3", "-3", "-0.5", "99999999999")
            .map(t -> (Expr) new Expr.NumberLit(P, t)),
        Arbitraries.strings()
            .withChars("ab'\"\\$\n é😀-*/%")
            .ofMaxLength(6)
            .map(s -> (Expr) new Expr.StringLit(P, s)),
        Arbitraries.of(true, false).map(b -> (Expr) new Expr.BoolLit(P, b)),
        Arbitraries.just(new Expr.NullLit(P)),
        Arbitraries.just(new Expr.Default(P)),
        Arbitraries.integers().between(1, 99).map(i -> (Expr) new Expr.Param(P, i)),
        Combinators.combine(literalTypes(), Arbitraries.of("2020-01-01", "1", "it's"))
            .as((t, v) -> (Expr) new Expr.TypedLiteral(P, t, v)),
        Combinators.combine(Arbitraries.of("1", "1 day", "-2:00"), qualifiers())
            .as((v, q) -> (Expr) new Expr.IntervalLit(P, v, q)),
        Combinators.combine(
                Arbitraries.of(Expr.ValueFunctionKind.class),
                Arbitraries.integers().between(0, 6).injectNull(0.7))
            .as(
                (k, p) ->
                    (Expr)
                        new Expr.ValueFunction(
                            P,
                            k,
                            switch (k) {
                              case CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP -> p;
                              default -> null;
                            })),
        Arbitraries.of(QUERIES)
            .flatMap(
                q ->
                    Arbitraries.of(
                        new Expr.Exists(P, q),
                        new Expr.Subquery(P, q),
                        new Expr.ArraySubquery(P, q))));
  }

  Arbitrary<Expr.IntervalQualifier> qualifiers() {
    return Combinators.combine(
            Arbitraries.of(Expr.IntervalField.class),
            Arbitraries.of(Expr.IntervalField.class).injectNull(0.6),
            Arbitraries.integers().between(0, 6).injectNull(0.6))
        .as(
            (from, to, p) -> {
              Expr.IntervalField last = to != null ? to : from;
              return new Expr.IntervalQualifier(
                  from, to, last == Expr.IntervalField.SECOND ? p : null);
            })
        .injectNull(0.3);
  }

  Arbitrary<DataType> literalTypes() {
    return Arbitraries.of(
        DataType.Named.of("date"),
        DataType.Named.of("int"),
        DataType.Named.of("int8"),
        DataType.Named.of("timestamp with time zone"),
        new DataType.Named(P, null, "timestamp", List.of(3)),
        new DataType.Named(P, null, "time with time zone", List.of(2)),
        DataType.Named.of("double precision"),
        new DataType.Named(P, null, "numeric", List.of(10, 2)),
        new DataType.Named(P, null, "character varying", List.of(5)),
        DataType.Named.of("jsonb"));
  }

  @Provide
  Arbitrary<DataType> types() {
    return type(3);
  }

  Arbitrary<DataType> type(int depth) {
    Arbitrary<DataType> named =
        Arbitraries.oneOf(
            literalTypes(),
            Arbitraries.of(
                DataType.Named.of("interval"),
                DataType.Named.of("interval day to second"),
                new DataType.Named(P, null, "interval hour", List.of(2)),
                new DataType.Named(P, "pg_catalog", "regclass", List.of()),
                DataType.Named.of("MyType"),
                DataType.Named.of("struct"),
                DataType.Named.of("map"),
                new DataType.Named(P, null, "float", List.of(24)),
                new DataType.Named(P, null, "bit varying", List.of(8))));
    if (depth == 0) {
      return named;
    }
    Arbitrary<DataType> sub = Arbitraries.lazy(() -> type(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(4, named),
        Tuple.of(2, sub.map(t -> (DataType) new DataType.Array(P, t))),
        Tuple.of(
            1,
            Combinators.combine(names(), sub)
                .as((n, t) -> new DataType.Field(P, n, t))
                .list()
                .ofMaxSize(3)
                .map(f -> (DataType) new DataType.Struct(P, f))),
        Tuple.of(
            1, Combinators.combine(sub, sub).as((k, v) -> (DataType) new DataType.Map(P, k, v))));
  }

  @Provide
  Arbitrary<Expr> exprs() {
    return expr(4);
  }

  Arbitrary<Expr> expr(int depth) {
    if (depth == 0) {
      return leaf();
    }
    Arbitrary<Expr> sub = Arbitraries.lazy(() -> expr(depth - 1));
    Arbitrary<List<Expr>> subs = sub.list().ofMaxSize(3);
    Arbitrary<Expr> maybe = sub.injectNull(0.4);
    List<BinaryOp> comparisons =
        Arrays.stream(BinaryOp.values())
            .filter(op -> op != BinaryOp.AND && op != BinaryOp.OR)
            .toList();
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaf()),
        Tuple.of(
            6,
            Combinators.combine(sub, Arbitraries.of(BinaryOp.class), sub)
                .as((l, op, r) -> (Expr) new Expr.Binary(P, l, op, r))),
        Tuple.of(
            3,
            Combinators.combine(Arbitraries.of(UnaryOp.class), sub)
                .filter((op, x) -> !(op == UnaryOp.MINUS && x instanceof Expr.NumberLit))
                .as((op, x) -> (Expr) new Expr.Unary(P, op, x))),
        Tuple.of(
            2,
            Combinators.combine(sub, Arbitraries.of(Expr.IsKind.class), Arbitraries.of(true, false))
                .as((x, k, n) -> (Expr) new Expr.Is(P, x, k, n))),
        Tuple.of(
            1,
            Combinators.combine(
                    sub,
                    Arbitraries.of(Expr.JsonKind.class),
                    Arbitraries.of(true, false),
                    Arbitraries.of(true, false))
                .as((x, k, u, n) -> (Expr) new Expr.IsJson(P, x, k, u, n))),
        Tuple.of(
            1,
            Combinators.combine(sub, sub, Arbitraries.of(true, false))
                .as((l, r, n) -> (Expr) new Expr.IsDistinctFrom(P, l, r, n))),
        Tuple.of(
            2,
            Combinators.combine(
                    sub, sub, sub, Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((x, lo, hi, s, n) -> (Expr) new Expr.Between(P, x, lo, hi, s, n))),
        Tuple.of(
            2,
            Combinators.combine(
                    sub,
                    Arbitraries.of(Expr.LikeKind.class),
                    sub,
                    maybe,
                    Arbitraries.of(true, false))
                .as((x, k, p, esc, n) -> (Expr) new Expr.Like(P, x, k, p, esc, n))),
        Tuple.of(
            2,
            Combinators.combine(
                    sub, sub.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(true, false))
                // x IN ((SELECT ...)) is a subquery test, as in PostgreSQL
                .filter((x, l, n) -> !(l.size() == 1 && l.getFirst() instanceof Expr.Subquery))
                .as((x, l, n) -> (Expr) new Expr.InList(P, x, l, n))),
        Tuple.of(
            1,
            Combinators.combine(sub, Arbitraries.of(QUERIES), Arbitraries.of(true, false))
                .as((x, q, n) -> (Expr) new Expr.InSubquery(P, x, q, n))),
        Tuple.of(
            2,
            Combinators.combine(
                    sub, Arbitraries.of(comparisons), Arbitraries.of(Expr.Quantifier.class), sub)
                .as((l, op, q, r) -> (Expr) new Expr.Quantified(P, l, op, q, r))),
        Tuple.of(2, Combinators.combine(sub, type(2)).as((x, t) -> (Expr) new Expr.Cast(P, x, t))),
        Tuple.of(
            2,
            Combinators.combine(
                    maybe,
                    Combinators.combine(sub, sub)
                        .as(Expr.When::new)
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(2),
                    maybe)
                .as((o, w, el) -> (Expr) new Expr.Case(P, o, w, el))),
        Tuple.of(4, functionCall(sub, subs)),
        Tuple.of(
            1,
            Combinators.combine(Arbitraries.of("YEAR", "EPOCH", "DOW", "A B"), sub)
                .as((f, x) -> (Expr) new Expr.Extract(P, f, x))),
        Tuple.of(1, Combinators.combine(sub, sub).as((a, b) -> (Expr) new Expr.Position(P, a, b))),
        Tuple.of(
            1,
            Combinators.combine(sub, maybe, maybe)
                .filter((s, a, b) -> a != null || b != null)
                .as((s, a, b) -> (Expr) new Expr.Substring(P, s, a, b))),
        Tuple.of(
            1,
            Combinators.combine(Arbitraries.of(Expr.TrimSide.class), maybe, sub)
                .as((side, c, s) -> (Expr) new Expr.Trim(P, side, c, s))),
        Tuple.of(
            1,
            Combinators.combine(sub, sub, sub, maybe)
                .as((s, r, a, b) -> (Expr) new Expr.Overlay(P, s, r, a, b))),
        Tuple.of(
            2, Combinators.combine(sub, sub).as((a, b) -> (Expr) new Expr.AtTimeZone(P, a, b))),
        Tuple.of(
            1,
            Combinators.combine(sub, names().list().ofMinSize(1).ofMaxSize(2))
                .as((x, n) -> (Expr) new Expr.Collate(P, x, new ObjectName(P, n)))),
        Tuple.of(2, subs.map(l -> (Expr) new Expr.ArrayLit(P, l))),
        Tuple.of(2, Combinators.combine(sub, sub).as((b, i) -> (Expr) new Expr.Subscript(P, b, i))),
        Tuple.of(
            1,
            Combinators.combine(sub, maybe, maybe)
                .as((b, l, u) -> (Expr) new Expr.Slice(P, b, l, u))),
        Tuple.of(2, subs.map(l -> (Expr) new Expr.Row(P, l))),
        Tuple.of(
            2,
            Combinators.combine(sub, names()).as((b, f) -> (Expr) new Expr.FieldAccess(P, b, f))));
  }

  Arbitrary<Expr> functionCall(Arbitrary<Expr> sub, Arbitrary<List<Expr>> subs) {
    Arbitrary<List<OrderByItem>> orderBy =
        Combinators.combine(
                sub, Arbitraries.of(true, false), Arbitraries.of(OrderByItem.NullsOrder.class))
            .as((x, d, n) -> new OrderByItem(P, x, d, n))
            .list()
            .ofMaxSize(2);
    Arbitrary<Window.Frame> frames =
        Arbitraries.oneOf(
            Combinators.combine(
                    Arbitraries.of(Window.Units.ROWS, Window.Units.RANGE, Window.Units.GROUPS),
                    bound(sub),
                    bound(sub).injectNull(0.5),
                    Arbitraries.of(Window.Exclusion.class))
                .as((u, s, e, x) -> new Window.Frame(u, s, e, x, null)),
            sub.map(
                g -> new Window.Frame(Window.Units.SESSION, null, null, Window.Exclusion.NONE, g)));
    Arbitrary<Window> windows =
        Arbitraries.oneOf(
            names().map(n -> (Window) new Window.Named(P, n)),
            Combinators.combine(
                    Arbitraries.of("w", "partition", "Win").injectNull(0.7),
                    subs,
                    orderBy,
                    frames.injectNull(0.5))
                .as((b, p, o, f) -> (Window) new Window.Spec(P, b, p, o, f)));
    return Combinators.combine(
            Arbitraries.of(FUNCTIONS).list().ofMinSize(1).ofMaxSize(2),
            subs,
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            orderBy,
            orderBy,
            sub.injectNull(0.7),
            windows.injectNull(0.7))
        .as(
            (name, args, distinct, variadic, order, within, filter, over) -> {
              boolean star = args.isEmpty() && distinct;
              return (Expr)
                  new Expr.FunctionCall(
                      P,
                      new ObjectName(P, name),
                      args,
                      star,
                      !star && distinct,
                      variadic && !args.isEmpty(),
                      args.isEmpty() ? List.of() : order,
                      within,
                      filter,
                      over);
            });
  }

  Arbitrary<Window.Bound> bound(Arbitrary<Expr> sub) {
    return Combinators.combine(Arbitraries.of(Window.BoundKind.class), sub)
        .as(
            (k, x) ->
                new Window.Bound(
                    k,
                    k == Window.BoundKind.PRECEDING || k == Window.BoundKind.FOLLOWING ? x : null));
  }
}

package dev.patina.stream.expr.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.stream.PostgresProcess;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.BoundExpr.InputRef;
import dev.patina.stream.expr.ExprBinder;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.sql.Expr;
import dev.patina.stream.sql.OrderByItem;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.PgText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * Aggregates against a real PostgreSQL: random rows (v integer, s varchar, k integer), each call
 * computed by an {@link Accumulator} and by PostgreSQL over the same VALUES; types and values must
 * agree (numeric within PostgreSQL's digits, as RisingWave's decimal keeps more). Skipped where
 * PostgreSQL is not installed.
 */
class AggregateDifferentialTest {
  private static PostgresProcess.Admin pg;
  private static Connection conn;

  static final List<String> CALLS =
      List.of(
          "count(*)",
          "count(v)",
          "count(distinct v)",
          "sum(v)",
          "sum(v::int8)",
          "sum(v::float8)",
          "sum(distinct v)",
          "avg(v)",
          "avg(v::float4)",
          "min(v)",
          "max(s)",
          "min(s) filter (where k > 1)",
          "bool_and(v > 0)",
          "bool_or(v > 5)",
          "bit_and(v)",
          "bit_or(v)",
          "bit_xor(v)",
          "string_agg(s, ',' order by k, s)",
          "string_agg(distinct s, '-' order by s)",
          "array_agg(v order by v desc nulls first)",
          "array_agg(k order by k, v)",
          "jsonb_agg(v order by k, v)",
          "var_pop(v)",
          "stddev_samp(v::float8)",
          "percentile_cont(0.4) within group (order by v)",
          "percentile_disc(0.7) within group (order by v desc)",
          "mode() within group (order by k)");

  @BeforeContainer
  static void start() throws Exception {
    pg = PostgresProcess.Admin.startIfInstalled("AggregateDifferentialTest");
    conn = pg == null ? null : pg.conn();
  }

  @AfterContainer
  static void stop() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  @Provide
  Arbitrary<List<Object[]>> tables() {
    return Combinators.combine(
            Arbitraries.integers().between(-8, 12).injectNull(0.15),
            Arbitraries.of("a", "b", "cc", "", "d").injectNull(0.15),
            Arbitraries.integers().between(0, 3).injectNull(0.15))
        .as((v, s, k) -> new Object[] {v, s, k})
        .list()
        .ofMaxSize(15);
  }

  @Property(tries = 40)
  void aggregatesAgreeWithPostgres(@ForAll("tables") List<Object[]> rows) throws Exception {
    if (conn == null) {
      return;
    }
    StringBuilder values = new StringBuilder();
    for (Object[] r : rows) {
      values.append(values.isEmpty() ? "" : ", ").append('(').append(r[0]).append("::int, ");
      values.append(r[1] == null ? "null" : "'" + r[1] + "'").append("::varchar, ");
      values.append(r[2]).append("::int)");
    }
    String from =
        rows.isEmpty()
            ? "(SELECT null::int, null::varchar, null::int WHERE false) t(v, s, k)"
            : "(VALUES " + values + ") t(v, s, k)";
    List<String> failures = new ArrayList<>();
    for (String text : CALLS) {
      String want;
      String pgType;
      try (Statement st = conn.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT " + text + ", pg_typeof(" + text + ")::text FROM " + from)) {
        rs.next();
        want = rs.getString(1);
        pgType = rs.getString(2).replace("character varying", "text"); // Patina has one string type
      }
      AggCall call = bind(text);
      Object got = call.aggregate(rows);
      String patinaType = pgTypeName(call.type());
      if (!patinaType.equals(pgType)) {
        failures.add(text + ": type " + pgType + " in PostgreSQL, " + patinaType + " in Patina");
      } else if (!same(call.type(), want, got)) {
        failures.add(
            text
                + ": PostgreSQL "
                + want
                + ", Patina "
                + (got == null ? null : PgText.encode(call.type(), got)));
      }
    }
    assertEquals(List.of(), failures);
  }

  static boolean same(DataType type, String pgText, Object value) {
    if (pgText == null || value == null) {
      return pgText == null && value == null;
    }
    Object expected = PgText.decode(type, pgText, java.time.ZoneOffset.UTC);
    if (expected instanceof java.math.BigDecimal x && value instanceof java.math.BigDecimal y) {
      int scale = Math.min(x.scale(), y.scale());
      return x.setScale(scale, java.math.RoundingMode.HALF_UP)
              .compareTo(y.setScale(scale, java.math.RoundingMode.HALF_UP))
          == 0;
    }
    if (expected instanceof Double x && value instanceof Double y) {
      return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
    }
    return PgText.encode(type, expected).equals(PgText.encode(type, value));
  }

  static String pgTypeName(DataType t) {
    if (t instanceof dev.patina.stream.types.ListType l) {
      return pgTypeName(l.element()) + "[]";
    }
    return t == DataType.VARCHAR ? "text" : t.sqlName();
  }

  /** Binds an aggregate call over (v, s, k) as the query binder would. */
  static AggCall bind(String text) {
    Expr.FunctionCall f = (Expr.FunctionCall) SqlParser.parseExpr(text);
    ExprBinder b =
        new ExprBinder(
            ref ->
                switch (ref.names().getLast()) {
                  case "v" -> new InputRef(0, DataType.INT32);
                  case "s" -> new InputRef(1, DataType.VARCHAR);
                  case "k" -> new InputRef(2, DataType.INT32);
                  default -> throw new SqlException("42703", "no column " + ref.names());
                });
    List<BoundExpr> args = b.bindAll(f.args());
    BoundExpr filter = f.filter() == null ? null : b.bind(f.filter());
    return AggCall.bind(
        f.name().name(),
        args,
        f.star(),
        f.distinct(),
        filter,
        keys(f.orderBy(), b),
        keys(f.withinGroup(), b));
  }

  static List<SortKey> keys(List<OrderByItem> items, ExprBinder b) {
    List<SortKey> out = new ArrayList<>();
    for (OrderByItem o : items) {
      boolean nullsFirst =
          o.nulls() == OrderByItem.NullsOrder.DEFAULT
              ? o.descending()
              : o.nulls() == OrderByItem.NullsOrder.FIRST;
      out.add(new SortKey(b.bind(o.expr()), o.descending(), nullsFirst));
    }
    return out;
  }
}

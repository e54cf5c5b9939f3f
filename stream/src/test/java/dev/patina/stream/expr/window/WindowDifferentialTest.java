package dev.patina.stream.expr.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.stream.PostgresProcess;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.BoundExpr.InputRef;
import dev.patina.stream.expr.ExprBinder;
import dev.patina.stream.expr.agg.SortKey;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.sql.Expr;
import dev.patina.stream.sql.OrderByItem;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.sql.Window;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.PgText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Window functions against a real PostgreSQL: random partitions of rows (id, k, v), each window
 * call evaluated by {@link WindowCall#evaluate} and by PostgreSQL over the same VALUES; every row's
 * value must agree. Specs whose result depends on the order of peers order by (k, id). Skipped
 * where PostgreSQL is not installed.
 */
class WindowDifferentialTest {
  private static PostgresProcess.Admin pg;
  private static Connection conn;

  static final List<String> SPECS =
      List.of(
          "row_number() over (order by k, id)",
          "rank() over (order by k)",
          "dense_rank() over (order by k desc)",
          "percent_rank() over (order by k)",
          "cume_dist() over (order by k nulls first)",
          "ntile(3) over (order by k, id)",
          "lag(v) over (order by k, id)",
          "lead(v, 2, -1) over (order by k, id)",
          "first_value(v) over (order by k, id)",
          "last_value(v) over (order by k, id rows between unbounded preceding and unbounded following)",
          "nth_value(v, 2) over (order by k, id rows between 1 preceding and 2 following)",
          "sum(v) over (order by k)",
          "sum(v) over (order by k, id rows between 2 preceding and current row)",
          "count(*) over (order by k range between 1 preceding and 1 following)",
          "max(v) over (order by k desc range between 2 preceding and current row)",
          "avg(v) over (order by k groups between 1 preceding and 1 following)",
          "min(v) over (order by k, id rows between 1 following and 3 following)",
          "sum(v) over (order by k, id rows between unbounded preceding and current row exclude current row)",
          "count(v) over (order by k groups between current row and unbounded following exclude ties)",
          "sum(v) over ()",
          "string_agg(v::text, ',') over (order by k, id)",
          "bool_or(v > 0) over (order by k range between current row and 2 following)",
          "array_agg(v) over (order by k, id rows between 1 preceding and 1 following)");

  @BeforeContainer
  static void start() throws Exception {
    pg = PostgresProcess.Admin.startIfInstalled("WindowDifferentialTest");
    conn = pg == null ? null : pg.conn();
  }

  @AfterContainer
  static void stop() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  @Provide
  Arbitrary<List<Object[]>> partitions() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 5).injectNull(0.15),
            Arbitraries.integers().between(-10, 10).injectNull(0.15))
        .as((k, v) -> new Object[] {k, v})
        .list()
        .ofMinSize(1)
        .ofMaxSize(12)
        .map(
            rs -> {
              List<Object[]> out = new ArrayList<>();
              for (int i = 0; i < rs.size(); i++) {
                out.add(new Object[] {i, rs.get(i)[0], rs.get(i)[1]});
              }
              return out;
            });
  }

  @Property(tries = 40)
  void windowFunctionsAgreeWithPostgres(@ForAll("partitions") List<Object[]> rows)
      throws Exception {
    if (conn == null) {
      return;
    }
    StringBuilder values = new StringBuilder();
    for (Object[] r : rows) {
      if (!values.isEmpty()) {
        values.append(", ");
      }
      values
          .append("(")
          .append(r[0])
          .append(", ")
          .append(r[1])
          .append("::int, ")
          .append(r[2])
          .append("::int)");
    }
    List<String> failures = new ArrayList<>();
    for (String spec : SPECS) {
      Map<Integer, String> want = new HashMap<>();
      try (Statement s = conn.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT id, " + spec + " FROM (VALUES " + values + ") t(id, k, v)")) {
        while (rs.next()) {
          want.put(rs.getInt(1), rs.getString(2));
        }
      }
      WindowCall call = bind(spec);
      List<Object[]> sorted = new ArrayList<>(rows);
      sorted.sort(
          (a, b) -> SortKey.comparator(call.orderBy()).compare(keys(call, a), keys(call, b)));
      List<Object> got = call.evaluate(sorted);
      for (int i = 0; i < sorted.size(); i++) {
        int id = (Integer) sorted.get(i)[0];
        String expected = want.get(id);
        Object value = got.get(i);
        if (!same(call.type(), expected, value)) {
          failures.add(
              spec
                  + " row "
                  + id
                  + ": PostgreSQL "
                  + expected
                  + ", Patina "
                  + (value == null ? null : PgText.encode(call.type(), value)));
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  private static Object[] keys(WindowCall call, Object[] row) {
    Object[] k = new Object[call.orderBy().size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = call.orderBy().get(i).expr().eval(row);
    }
    return k;
  }

  static boolean same(DataType type, String pgText, Object value) {
    if (pgText == null || value == null) {
      return pgText == null && value == null;
    }
    Object expected = PgText.decode(type, pgText, ZoneOffset.UTC);
    if (expected instanceof BigDecimal x && value instanceof BigDecimal y) {
      int scale = Math.min(x.scale(), y.scale());
      return x.setScale(scale, RoundingMode.HALF_UP)
              .compareTo(y.setScale(scale, RoundingMode.HALF_UP))
          == 0;
    }
    if (expected instanceof Double x && value instanceof Double y) {
      return Math.abs(x - y) <= 1e-12;
    }
    return Objects.equals(PgText.encode(type, expected), PgText.encode(type, value));
  }

  /** Binds a window call over columns (id, k, v), as the query binder would. */
  static WindowCall bind(String spec) {
    Expr.FunctionCall f = (Expr.FunctionCall) SqlParser.parseExpr(spec);
    ExprBinder binder =
        new ExprBinder(
            ref ->
                switch (ref.names().get(ref.names().size() - 1)) {
                  case "id" -> new InputRef(0, DataType.INT32);
                  case "k" -> new InputRef(1, DataType.INT32);
                  case "v" -> new InputRef(2, DataType.INT32);
                  default -> throw new SqlException("42703", "no column " + ref.names());
                });
    Window.Spec w = (Window.Spec) f.over();
    List<SortKey> order = new ArrayList<>();
    for (OrderByItem o : w.orderBy()) {
      boolean nullsFirst =
          o.nulls() == OrderByItem.NullsOrder.DEFAULT
              ? o.descending()
              : o.nulls() == OrderByItem.NullsOrder.FIRST;
      order.add(new SortKey(binder.bind(o.expr()), o.descending(), nullsFirst));
    }
    List<BoundExpr> args = binder.bindAll(f.args());
    WindowFrame frame = WindowFrame.bind(w.frame(), order, binder);
    return WindowCall.bind(f.name().name(), args, f.star(), f.distinct(), null, order, frame);
  }
}

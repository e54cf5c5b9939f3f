package dev.patina.stream.expr.agg;

import static dev.patina.stream.expr.agg.AggTestSupport.K;
import static dev.patina.stream.expr.agg.AggTestSupport.S;
import static dev.patina.stream.expr.agg.AggTestSupport.V;
import static dev.patina.stream.expr.agg.AggTestSupport.lit;
import static dev.patina.stream.expr.agg.AggTestSupport.ordered;
import static dev.patina.stream.expr.agg.AggTestSupport.plain;
import static dev.patina.stream.expr.agg.AggTestSupport.withinGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.stream.expr.BoundExpr.InputRef;
import dev.patina.stream.expr.Literals;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.types.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateTest {
  static List<Object[]> rows(Object[]... rs) {
    return new ArrayList<>(List.of(rs));
  }

  static final List<Object[]> ROWS =
      rows(
          new Object[] {1, "a", 2},
          new Object[] {4, "b", 6},
          new Object[] {2, "c", 2},
          new Object[] {3, "d", 0},
          new Object[] {null, null, 5});

  @Test
  void resultTypesFollowRisingWave() {
    assertEquals(DataType.INT64, plain("sum", V).type());
    assertEquals(DataType.DECIMAL, plain("sum", new InputRef(0, DataType.INT64)).type());
    assertEquals(DataType.DECIMAL, plain("avg", V).type());
    assertEquals(DataType.FLOAT64, plain("avg", new InputRef(0, DataType.FLOAT32)).type());
    assertEquals(DataType.INT64, plain("count", V).type());
    assertEquals(DataType.list(DataType.INT32), plain("array_agg", V).type());
    assertEquals("42883", assertThrows(SqlException.class, () -> plain("sum", S)).sqlState());
    assertEquals("42883", assertThrows(SqlException.class, () -> plain("nosuch", S)).sqlState());
    assertEquals(
        "22003",
        assertThrows(
                SqlException.class,
                () -> withinGroup("percentile_cont", SortKey.asc(V), lit("1.5")))
            .sqlState());
  }

  @Test
  void values() {
    assertEquals(4L, plain("count", V).aggregate(ROWS));
    assertEquals(10L, plain("sum", V).aggregate(ROWS));
    assertEquals(new BigDecimal("2.5"), plain("avg", V).aggregate(ROWS));
    assertEquals(1, plain("min", V).aggregate(ROWS));
    assertEquals("d", plain("max", S).aggregate(ROWS));
    assertNull(plain("sum", V).aggregate(List.of()));
    assertEquals(0L, plain("count", V).aggregate(List.of()));
    assertEquals(
        "b,d,c,a",
        ordered("string_agg", List.of(new SortKey(V, true, false)), S, Literals.string(","))
            .aggregate(ROWS));
    assertEquals(
        "a2c",
        AggCall.bind(
                "string_agg",
                List.of(
                    S,
                    dev.patina.stream.expr.Casts.cast(
                        K, DataType.VARCHAR, dev.patina.stream.expr.CastContext.EXPLICIT)),
                false,
                false,
                null,
                List.of(SortKey.asc(V)),
                List.of())
            .aggregate(ROWS.subList(0, 3).stream().filter(r -> (Integer) r[2] == 2).toList()));
    assertEquals(
        java.util.Arrays.asList(3, 1, 2, null, 4),
        ordered("array_agg", List.of(SortKey.asc(K), SortKey.asc(V)), V).aggregate(ROWS));
    assertEquals(2.5, withinGroup("percentile_cont", SortKey.asc(V), lit("0.5")).aggregate(ROWS));
    assertEquals(2, withinGroup("percentile_disc", SortKey.asc(V), lit("0.5")).aggregate(ROWS));
    assertEquals(2, withinGroup("mode", SortKey.asc(K)).aggregate(ROWS));
  }

  @Test
  void withoutOrderByKeepsInputOrder() {
    AggCall agg = plain("string_agg", S, Literals.string(","));
    Accumulator a = agg.create();
    for (Object[] r : ROWS) {
      a.apply(r, 1);
    }
    assertEquals("a,b,c,d", a.result());
    a.apply(ROWS.get(0), -1);
    a = agg.restore(a.serialize());
    a.apply(ROWS.get(0), 1);
    assertEquals("b,c,d,a", a.result());
  }

  @Test
  void approxPercentileMatchesRisingWaveDigits() {
    List<Object[]> rs = new ArrayList<>();
    for (int a = -1000; a <= 1000; a++) {
      rs.add(new Object[] {(double) a});
    }
    var x = new InputRef(0, DataType.FLOAT64);
    assertEquals(
        -982.5779489474152,
        withinGroup("approx_percentile", SortKey.asc(x), lit("0.01"), lit("0.01")).aggregate(rs));
    assertEquals(
        804.4614206837127,
        withinGroup("approx_percentile", SortKey.asc(x), lit("0.9"), lit("0.01")).aggregate(rs));
    assertEquals(
        0.0,
        withinGroup("approx_percentile", SortKey.asc(x), lit("0.5"), lit("0.01")).aggregate(rs));
    for (int i = 0; i < 500; i++) {
      rs.add(new Object[] {0.001});
    }
    for (int i = 0; i < 501; i++) {
      rs.add(new Object[] {0.0001});
    }
    assertEquals(
        0.00009999833511933609,
        withinGroup("approx_percentile", SortKey.asc(x), lit("0.5"), lit("0.01")).aggregate(rs));
    assertEquals(
        -699.3618972397041,
        withinGroup("approx_percentile", SortKey.asc(x), lit("0.1"), lit("0.01")).aggregate(rs));
  }

  @Test
  void retractionAndRestore() {
    AggCall max = plain("max", V);
    Accumulator a = max.create();
    for (Object[] r : ROWS) {
      a.apply(r, 1);
    }
    a.apply(ROWS.get(1), -1);
    assertEquals(3, a.result());
    Accumulator b = max.restore(a.serialize());
    b.apply(ROWS.get(3), -1);
    assertEquals(2, b.result());
    assertEquals(3, a.result());
    assertEquals(
        "XX000", assertThrows(SqlException.class, () -> b.apply(ROWS.get(1), -1)).sqlState());
  }
}

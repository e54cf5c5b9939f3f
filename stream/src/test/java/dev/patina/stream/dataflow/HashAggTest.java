package dev.patina.stream.dataflow;

import dev.patina.stream.state.OrderType;
import dev.patina.stream.types.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Grouped and simple aggregation with retraction against plain Java. */
class HashAggTest {
  @Provide
  Arbitrary<List<Harness.Action>> changes() {
    return Gen.actions(1, false);
  }

  @Provide
  Arbitrary<List<Harness.Action>> changesWithRestarts() {
    return Gen.actions(1, true);
  }

  /** Input of the aggregation: g, v, s, ',' and v > 0. */
  static Node prepared(StreamGraphBuilder b, Node t) {
    return b.project(
        t,
        List.of(
            ScalarExpr.column(1, DataType.INT32),
            ScalarExpr.column(2, DataType.INT32),
            ScalarExpr.column(3, DataType.VARCHAR),
            new ScalarExpr(DataType.VARCHAR, r -> ","),
            new ScalarExpr(DataType.BOOLEAN, r -> r[2] == null ? null : (Integer) r[2] > 0)));
  }

  static List<AggCall> calls() {
    return List.of(
        AggCall.countStar(),
        AggCall.of(AggKind.COUNT, DataType.INT64, 1),
        AggCall.of(AggKind.SUM, DataType.INT64, 1),
        AggCall.of(AggKind.MIN, DataType.INT32, 1),
        AggCall.of(AggKind.MAX, DataType.VARCHAR, 2),
        AggCall.of(AggKind.AVG, DataType.DECIMAL, 1),
        AggCall.of(AggKind.STRING_AGG, DataType.VARCHAR, 2, 3)
            .withOrder(new int[] {2}, List.of(OrderType.DESC)),
        AggCall.of(AggKind.COUNT, DataType.INT64, 1).withDistinct(),
        AggCall.of(AggKind.BOOL_OR, DataType.BOOLEAN, 4),
        AggCall.of(AggKind.SUM, DataType.INT64, 1).withFilter(4),
        AggCall.of(AggKind.ARRAY_AGG, DataType.list(DataType.INT32), 1)
            .withOrder(new int[] {1}, List.of(OrderType.ASC)));
  }

  /** The same calls in plain Java over the rows of one group. */
  static Object[] expected(Object[] key, List<Object[]> rows) {
    List<Integer> vs = rows.stream().map(r -> (Integer) r[2]).filter(Objects::nonNull).toList();
    List<String> ss = rows.stream().map(r -> (String) r[3]).filter(Objects::nonNull).toList();
    Long sum = vs.isEmpty() ? null : vs.stream().mapToLong(Integer::longValue).sum();
    BigDecimal avg =
        vs.isEmpty()
            ? null
            : (BigDecimal)
                dev.patina.stream.expr.Operators.binary(
                        "/",
                        new dev.patina.stream.expr.BoundExpr.InputRef(0, DataType.DECIMAL),
                        new dev.patina.stream.expr.BoundExpr.InputRef(1, DataType.INT64))
                    .eval(new Object[] {BigDecimal.valueOf(sum), (long) vs.size()});
    String agg =
        ss.isEmpty()
            ? null
            : String.join(",", ss.stream().sorted(Comparator.reverseOrder()).toList());
    List<Integer> positives = vs.stream().filter(v -> v > 0).toList();
    List<Object> arr = new ArrayList<>(rows.stream().map(r -> (Object) r[2]).toList());
    arr.sort(Comparator.nullsLast(Comparator.comparing(o -> (Integer) o)));
    Object[] out = {
      (long) rows.size(),
      (long) vs.size(),
      sum,
      vs.stream().min(Integer::compare).orElse(null),
      ss.stream().max(Comparator.naturalOrder()).orElse(null),
      avg,
      agg,
      (long) new TreeSet<>(vs).size(),
      vs.isEmpty() ? null : !positives.isEmpty(),
      positives.isEmpty() ? null : positives.stream().mapToLong(Integer::longValue).sum(),
      rows.isEmpty() ? null : arr
    };
    return Rows.concat(key, out);
  }

  static Harness.Reference grouped() {
    return t -> {
      Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
      for (Object[] r : t.get(0)) {
        groups.computeIfAbsent(java.util.Arrays.asList(r[1]), k -> new ArrayList<>()).add(r);
      }
      List<Object[]> out = new ArrayList<>();
      groups.forEach((k, rows) -> out.add(expected(k.toArray(), rows)));
      return out;
    };
  }

  @Property(tries = 40)
  void groupBy(@ForAll("changes") List<Harness.Action> actions) {
    Harness.Plan plan = (b, in) -> b.hashAgg(prepared(b, in.get(0)), new int[] {0}, calls());
    try (Harness h = new Harness(1, plan, grouped(), new int[] {0}, false)) {
      h.run(actions);
    }
  }

  @Property(tries = 15)
  void groupByRecovers(@ForAll("changesWithRestarts") List<Harness.Action> actions) {
    Harness.Plan plan = (b, in) -> b.hashAgg(prepared(b, in.get(0)), new int[] {0}, calls());
    try (Harness h = new Harness(1, plan, grouped(), new int[] {0}, true)) {
      h.run(actions);
    }
  }

  @Property(tries = 30)
  void withoutGroupKeysAlwaysOneRow(@ForAll("changesWithRestarts") List<Harness.Action> actions) {
    Harness.Plan plan = (b, in) -> b.hashAgg(prepared(b, in.get(0)), new int[0], calls());
    Harness.Reference ref = t -> List.<Object[]>of(expected(new Object[0], t.get(0)));
    try (Harness h = new Harness(1, plan, ref, false)) {
      h.run(actions);
    }
  }
}

package dev.patina.stream.dataflow;

import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** row_number() and a running sum per partition, maintained under changes and restarts. */
class OverWindowTest {
  @Provide
  Arbitrary<List<Harness.Action>> changesWithRestarts() {
    return Gen.actions(1, true);
  }

  static final List<DataType> OUT =
      List.of(
          DataType.INT64,
          DataType.INT32,
          DataType.INT32,
          DataType.VARCHAR,
          DataType.INT64,
          DataType.INT64);

  /** Rows of one partition, ordered by id, each with row_number and the running sum of v. */
  static List<Object[]> window(List<Object[]> partition) {
    List<Object[]> rows = new ArrayList<>(partition);
    rows.sort(Comparator.comparing(r -> (Long) r[0]));
    List<Object[]> out = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < rows.size(); i++) {
      Object[] r = rows.get(i);
      sum += r[2] == null ? 0 : (Integer) r[2];
      out.add(Rows.concat(r, new Object[] {(long) i + 1, sum}));
    }
    return out;
  }

  @Property(tries = 30)
  void rowNumberAndRunningSum(@ForAll("changesWithRestarts") List<Harness.Action> actions) {
    Harness.Plan plan =
        (b, in) ->
            b.overWindow(
                in.get(0),
                List.of(ScalarExpr.column(1, DataType.INT32)),
                OverWindowTest::window,
                OUT);
    Harness.Reference ref =
        t -> {
          Map<List<Object>, List<Object[]>> parts = new LinkedHashMap<>();
          for (Object[] r : t.get(0)) {
            parts.computeIfAbsent(java.util.Arrays.asList(r[1]), k -> new ArrayList<>()).add(r);
          }
          List<Object[]> out = new ArrayList<>();
          parts.values().forEach(p -> out.addAll(window(p)));
          return out;
        };
    try (Harness h = new Harness(1, plan, ref, false)) {
      h.run(actions);
    }
  }
}

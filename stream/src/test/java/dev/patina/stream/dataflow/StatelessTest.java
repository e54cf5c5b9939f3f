package dev.patina.stream.dataflow;

import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Filter, project, union and materialize against plain Java over random change streams. */
class StatelessTest {
  @Provide
  Arbitrary<List<Harness.Action>> oneTable() {
    return Gen.actions(1, true);
  }

  @Provide
  Arbitrary<List<Harness.Action>> twoTables() {
    return Gen.actions(2, false);
  }

  static Integer plus(Object a, Object b) {
    return a == null || b == null ? null : (Integer) a + (Integer) b;
  }

  @Property(tries = 40)
  void filterProject(@ForAll("oneTable") List<Harness.Action> actions) {
    // SELECT g + v, s FROM t WHERE v > 0
    Harness.Plan plan =
        (b, in) -> {
          Node f =
              b.filter(
                  in.get(0),
                  new ScalarExpr(DataType.BOOLEAN, r -> r[2] == null ? null : (Integer) r[2] > 0));
          return b.project(
              f,
              List.of(
                  new ScalarExpr(DataType.INT32, r -> plus(r[1], r[2])),
                  ScalarExpr.column(3, DataType.VARCHAR)));
        };
    Harness.Reference ref =
        t -> {
          List<Object[]> out = new ArrayList<>();
          for (Object[] r : t.get(0)) {
            if (r[2] != null && (Integer) r[2] > 0) {
              out.add(new Object[] {plus(r[1], r[2]), r[3]});
            }
          }
          return out;
        };
    try (Harness h = new Harness(1, plan, ref, false)) {
      h.run(actions);
    }
  }

  @Property(tries = 15)
  void filterProjectRecoversFromRocks(@ForAll("oneTable") List<Harness.Action> actions) {
    Harness.Plan plan =
        (b, in) ->
            b.filter(
                in.get(0),
                new ScalarExpr(DataType.BOOLEAN, r -> r[3] != null && !r[3].equals("a")));
    Harness.Reference ref =
        t -> t.get(0).stream().filter(r -> r[3] != null && !r[3].equals("a")).toList();
    try (Harness h = new Harness(1, plan, ref, true)) {
      h.run(actions);
    }
  }

  @org.junit.jupiter.api.Test
  void explainPrintsTheOperatorTree() {
    int[] ids = {1};
    StreamGraphBuilder b = new StreamGraphBuilder("v", () -> ids[0]++);
    Node t = b.table(10, Harness.TYPES);
    Node agg = b.hashAgg(t, new int[] {1}, List.of(AggCall.countStar()));
    b.materialize(agg, 11, new int[] {0}, Conflict.NONE);
    org.junit.jupiter.api.Assertions.assertEquals(
        """
        StreamMaterialize { table: 11, pk: [$0] }
          StreamHashAgg { group_key: [$1], aggs: [count_star()] }
            StreamTableScan { table: 10 (view) }
        """,
        b.build().explain());
  }

  @Property(tries = 30)
  void unionAll(@ForAll("twoTables") List<Harness.Action> actions) {
    // SELECT g, v FROM t0 UNION ALL SELECT v, g FROM t1 WHERE g IS NOT NULL
    Harness.Plan plan =
        (b, in) -> {
          Node l =
              b.project(
                  in.get(0),
                  List.of(
                      ScalarExpr.column(1, DataType.INT32), ScalarExpr.column(2, DataType.INT32)));
          Node r =
              b.project(
                  b.filter(in.get(1), new ScalarExpr(DataType.BOOLEAN, x -> x[1] != null)),
                  List.of(
                      ScalarExpr.column(2, DataType.INT32), ScalarExpr.column(1, DataType.INT32)));
          return b.union(List.of(l, r));
        };
    Harness.Reference ref =
        t -> {
          List<Object[]> out = new ArrayList<>();
          t.get(0).forEach(r -> out.add(new Object[] {r[1], r[2]}));
          t.get(1).stream()
              .filter(r -> r[1] != null)
              .forEach(r -> out.add(new Object[] {r[2], r[1]}));
          return out;
        };
    try (Harness h = new Harness(2, plan, ref, false)) {
      h.run(actions);
    }
  }
}

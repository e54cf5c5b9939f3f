package dev.patina.stream.dataflow;

import dev.patina.stream.types.DataType;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@code SELECT * FROM t0 WHERE v op (SELECT max(v) FROM t1)} against plain Java. */
class DynamicFilterTest {
  @Provide
  Arbitrary<List<Harness.Action>> changes() {
    return Gen.actions(2, false);
  }

  @Provide
  Arbitrary<List<Harness.Action>> changesWithRestarts() {
    return Gen.actions(2, true);
  }

  static Harness.Plan plan(StreamGraphBuilder.Comparison cmp) {
    return (b, in) -> {
      Node max =
          b.hashAgg(in.get(1), new int[0], List.of(AggCall.of(AggKind.MAX, DataType.INT32, 2)));
      return b.dynamicFilter(in.get(0), 2, cmp, max);
    };
  }

  static Harness.Reference reference(StreamGraphBuilder.Comparison cmp) {
    return t -> {
      Integer max =
          t.get(1).stream()
              .map(r -> (Integer) r[2])
              .filter(Objects::nonNull)
              .max(Integer::compare)
              .orElse(null);
      return t.get(0).stream()
          .filter(
              r -> {
                if (r[2] == null || max == null) {
                  return false;
                }
                int c = Integer.compare((Integer) r[2], max);
                return switch (cmp) {
                  case GREATER -> c > 0;
                  case GREATER_EQUAL -> c >= 0;
                  case LESS -> c < 0;
                  case LESS_EQUAL -> c <= 0;
                };
              })
          .toList();
    };
  }

  @Property(tries = 60)
  void filterFollowsTheMaximum(
      @ForAll StreamGraphBuilder.Comparison cmp, @ForAll("changes") List<Harness.Action> actions) {
    try (Harness h = new Harness(2, plan(cmp), reference(cmp), false)) {
      h.run(actions);
    }
  }

  @Property(tries = 15)
  void recoversFromRocks(
      @ForAll StreamGraphBuilder.Comparison cmp,
      @ForAll("changesWithRestarts") List<Harness.Action> actions) {
    try (Harness h = new Harness(2, plan(cmp), reference(cmp), true)) {
      h.run(actions);
    }
  }
}

package dev.patina.stream.dataflow;

import dev.patina.stream.state.OrderType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** ORDER BY v DESC, s LIMIT/OFFSET, with and without groups and ties, against sorting in Java. */
class TopNTest {
  @Provide
  Arbitrary<List<Harness.Action>> changes() {
    return Gen.actions(1, false);
  }

  @Provide
  Arbitrary<List<Harness.Action>> changesWithRestarts() {
    return Gen.actions(1, true);
  }

  /** v DESC NULLS FIRST, s ASC NULLS LAST, then id (the operator's tie-break: the whole row). */
  static final Comparator<Object[]> ORDER =
      Comparator.<Object[], Integer>comparing(
              r -> (Integer) r[2], Comparator.nullsFirst(Comparator.<Integer>reverseOrder()))
          .thenComparing(
              r -> (String) r[3], Comparator.nullsLast(Comparator.<String>naturalOrder()))
          .thenComparing(r -> (Long) r[0]);

  static boolean tied(Object[] a, Object[] b) {
    return java.util.Objects.equals(a[2], b[2]) && java.util.Objects.equals(a[3], b[3]);
  }

  static Harness.Reference reference(boolean grouped, int offset, int limit, boolean ties) {
    return t -> {
      Map<Object, List<Object[]>> groups = new LinkedHashMap<>();
      for (Object[] r : t.get(0)) {
        groups
            .computeIfAbsent(grouped ? java.util.Arrays.asList(r[1]) : "", k -> new ArrayList<>())
            .add(r);
      }
      List<Object[]> out = new ArrayList<>();
      for (List<Object[]> rows : groups.values()) {
        rows.sort(ORDER);
        List<Object[]> window = new ArrayList<>();
        for (int i = offset; i < rows.size(); i++) {
          if (limit >= 0 && window.size() >= limit) {
            if (!ties || window.isEmpty() || !tied(window.getLast(), rows.get(i))) {
              break;
            }
          }
          window.add(rows.get(i));
        }
        out.addAll(window);
      }
      return out;
    };
  }

  static Harness.Plan plan(boolean grouped, int offset, int limit, boolean ties) {
    return (b, in) ->
        b.topN(
            in.get(0),
            grouped ? new int[] {1} : new int[0],
            new int[] {2, 3},
            List.of(OrderType.DESC, OrderType.ASC),
            offset,
            limit,
            ties);
  }

  @Property(tries = 60)
  void topN(
      @ForAll boolean grouped,
      @ForAll @IntRange(min = 0, max = 2) int offset,
      @ForAll @IntRange(min = -1, max = 3) int limit,
      @ForAll boolean ties,
      @ForAll("changes") List<Harness.Action> actions) {
    try (Harness h =
        new Harness(
            1,
            plan(grouped, offset, limit, ties),
            reference(grouped, offset, limit, ties),
            false)) {
      h.run(actions);
    }
  }

  @Property(tries = 40)
  void smallCachesRefillFromState(
      @ForAll boolean grouped,
      @ForAll @IntRange(min = 0, max = 1) int offset,
      @ForAll @IntRange(min = 1, max = 2) int limit,
      @ForAll boolean ties,
      @ForAll("changesWithRestarts") List<Harness.Action> actions) {
    // A cache of 2 * (offset + limit) rows: deletes drain it, windows refill it from the table.
    TopN.minCapacity = 1;
    try (Harness h =
        new Harness(
            1,
            plan(grouped, offset, limit, ties),
            reference(grouped, offset, limit, ties),
            false)) {
      h.run(actions);
    } finally {
      TopN.minCapacity = 16;
    }
  }

  @org.junit.jupiter.api.Test
  void deletesDrainTheCacheAndTheTableRefillsIt() {
    TopN.minCapacity = 1;
    try (Harness h =
        new Harness(1, plan(false, 0, 1, false), reference(false, 0, 1, false), false)) {
      List<Harness.Action> actions = new ArrayList<>();
      for (int v = 0; v < 6; v++) {
        actions.add(new Harness.Action.Insert(0, 1, v, "a"));
      }
      actions.add(new Harness.Action.Flush());
      // The cache holds the two highest v; delete them and one more (picks index the live rows).
      actions.add(new Harness.Action.Delete(0, 5));
      actions.add(new Harness.Action.Delete(0, 4));
      actions.add(new Harness.Action.Flush());
      actions.add(new Harness.Action.Delete(0, 3));
      h.run(actions);
    } finally {
      TopN.minCapacity = 16;
    }
  }

  @Property(tries = 15)
  void recoversFromRocks(
      @ForAll boolean grouped,
      @ForAll @IntRange(min = 1, max = 3) int limit,
      @ForAll("changesWithRestarts") List<Harness.Action> actions) {
    try (Harness h =
        new Harness(1, plan(grouped, 1, limit, true), reference(grouped, 1, limit, true), true)) {
      h.run(actions);
    }
  }
}

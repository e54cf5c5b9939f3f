package dev.patina.stream.dataflow;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random change streams for {@link Harness}. */
final class Gen {
  private Gen() {}

  static Arbitrary<Integer> smallInt(int min, int max) {
    return Arbitraries.integers().between(min, max).injectNull(0.15);
  }

  static Arbitrary<String> str() {
    return Arbitraries.of("a", "b", "c", "dd").injectNull(0.15);
  }

  static Arbitrary<Harness.Action> action(int tables, boolean restarts) {
    Arbitrary<Integer> table = Arbitraries.integers().between(0, tables - 1);
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
    Arbitrary<Harness.Action> insert =
        Combinators.combine(table, smallInt(0, 3), smallInt(-5, 5), str())
            .as(Harness.Action.Insert::new);
    Arbitrary<Harness.Action> update =
        Combinators.combine(table, pick, smallInt(0, 3), smallInt(-5, 5), str())
            .as(Harness.Action.Update::new);
    Arbitrary<Harness.Action> delete =
        Combinators.combine(table, pick).as(Harness.Action.Delete::new);
    Arbitrary<Harness.Action> flush = Arbitraries.just(new Harness.Action.Flush());
    if (!restarts) {
      return Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(8, insert),
          net.jqwik.api.Tuple.of(3, update),
          net.jqwik.api.Tuple.of(3, delete),
          net.jqwik.api.Tuple.of(2, flush));
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, insert),
        net.jqwik.api.Tuple.of(3, update),
        net.jqwik.api.Tuple.of(3, delete),
        net.jqwik.api.Tuple.of(2, flush),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Harness.Action.Restart())),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Harness.Action.Crash())));
  }

  static Arbitrary<List<Harness.Action>> actions(int tables, boolean restarts) {
    return action(tables, restarts).list().ofMinSize(1).ofMaxSize(40);
  }
}

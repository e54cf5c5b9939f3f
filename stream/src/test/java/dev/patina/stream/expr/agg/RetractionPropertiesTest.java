package dev.patina.stream.expr.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.stream.expr.Ordering;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For every aggregate: inserting rows and then retracting a random subset (through a serialize /
 * restore round trip in between) gives the same result as aggregating the remaining rows from
 * scratch.
 */
class RetractionPropertiesTest {
  record Case(List<Object[]> rows, List<Boolean> retract) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Object[]> row =
        Combinators.combine(
                Arbitraries.integers().between(-5, 9).injectNull(0.1),
                Arbitraries.of("a", "b", "c", "dd", "").injectNull(0.1),
                Arbitraries.integers().between(0, 3).injectNull(0.2))
            .as((v, s, k) -> new Object[] {v, s, k});
    return row.list()
        .ofMaxSize(25)
        .flatMap(
            rs ->
                Arbitraries.of(true, false)
                    .list()
                    .ofSize(rs.size())
                    .map(flags -> new Case(rs, flags)));
  }

  @Property(tries = 150)
  void retractingEqualsRecomputing(@ForAll("cases") Case c) {
    List<Object[]> kept = new ArrayList<>();
    for (int i = 0; i < c.rows().size(); i++) {
      if (!c.retract().get(i)) {
        kept.add(c.rows().get(i));
      }
    }
    for (AggCall call : AggTestSupport.calls()) {
      Accumulator a = call.create();
      for (Object[] r : c.rows()) {
        a.apply(r, 1);
      }
      a = call.restore(a.serialize());
      for (int i = 0; i < c.rows().size(); i++) {
        if (c.retract().get(i)) {
          a.apply(c.rows().get(i), -1);
        }
      }
      Object expected = call.aggregate(kept);
      Object actual = a.result();
      boolean same =
          expected == null || actual == null
              ? expected == actual
              : expected instanceof Double x && actual instanceof Double y
                  ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x))
                  : Ordering.equal(expected, actual);
      assertEquals(true, same, call.explain() + ": expected " + expected + " but was " + actual);
    }
  }
}

package dev.patina.stream.dataflow;

import dev.patina.stream.types.DataType;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** TUMBLE and HOP against a search over all windows near each time, then counted per window. */
class HopWindowTest {
  static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);
  static final long MINUTE = 60_000_000L;

  @Provide
  Arbitrary<List<Harness.Action>> changes() {
    return Gen.actions(1, false);
  }

  static LocalDateTime time(Object v) {
    return v == null ? null : BASE.plusMinutes((Integer) v);
  }

  @Property(tries = 40)
  void windowsCountedPerStart(
      @ForAll @IntRange(min = 1, max = 4) int slide,
      @ForAll @IntRange(min = 1, max = 3) int factor,
      @ForAll @IntRange(min = 0, max = 2) int offset,
      @ForAll("changes") List<Harness.Action> actions) {
    int size = slide * factor;
    // SELECT window_start, window_end, count(*) FROM hop(t, ts, slide, size, offset) GROUP BY 1, 2
    Harness.Plan plan =
        (b, in) -> {
          Node ts =
              b.project(
                  in.get(0),
                  List.of(
                      ScalarExpr.column(0, DataType.INT64),
                      new ScalarExpr(DataType.TIMESTAMP, r -> time(r[2]))));
          Node hop = b.hopWindow(ts, 1, slide * MINUTE, size * MINUTE, offset * MINUTE);
          return b.hashAgg(hop, new int[] {2, 3}, List.of(AggCall.countStar()));
        };
    Harness.Reference ref =
        t -> {
          java.util.Map<List<Object>, long[]> counts = new java.util.LinkedHashMap<>();
          for (Object[] r : t.get(0)) {
            if (r[2] == null) {
              if (slide == size) {
                counts.computeIfAbsent(java.util.Arrays.asList(null, null), k -> new long[1])[0]++;
              }
              continue;
            }
            int minute = (Integer) r[2];
            for (int start = offset - 30 * slide; start <= 100; start += slide) {
              if (start <= minute && minute < start + size) {
                counts
                    .computeIfAbsent(
                        List.of(BASE.plusMinutes(start), BASE.plusMinutes(start + size)),
                        k -> new long[1])[0]++;
              }
            }
          }
          List<Object[]> out = new ArrayList<>();
          counts.forEach((k, n) -> out.add(new Object[] {k.get(0), k.get(1), n[0]}));
          return out;
        };
    try (Harness h = new Harness(1, plan, ref, new int[] {0, 1}, false)) {
      h.run(actions);
    }
  }
}

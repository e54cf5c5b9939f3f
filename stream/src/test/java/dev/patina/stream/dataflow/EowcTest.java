package dev.patina.stream.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.state.MemoryStateStore;
import dev.patina.stream.types.DataType;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Watermarks and EMIT ON WINDOW CLOSE: a watermark filter on a time column ({@code ts - 5
 * minutes}), then an aggregation by a tumbling window held until the window closes, or window
 * functions emitted row by row once their frames are complete. Random appends (times jumping back
 * and forth, so some rows are late), with restarts and crashes, against a plain-Java model of
 * RisingWave's semantics over the rows in arrival order.
 */
class EowcTest {
  static final LocalDateTime BASE = LocalDateTime.of(2023, 5, 6, 16, 0);
  static final long MINUTE = 60_000_000L;

  @Provide
  Arbitrary<List<Harness.Action>> appends() {
    Arbitrary<Harness.Action> insert =
        Combinators.combine(
                Arbitraries.just(0),
                Gen.smallInt(0, 3),
                Arbitraries.integers().between(0, 20),
                Arbitraries.just("a"))
            .as(Harness.Action.Insert::new);
    return Arbitraries.frequencyOf(
            Tuple.of(10, insert),
            Tuple.of(3, Arbitraries.just(new Harness.Action.Flush())),
            Tuple.of(1, Arbitraries.just(new Harness.Action.Restart())),
            Tuple.of(1, Arbitraries.just(new Harness.Action.Crash())))
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  static LocalDateTime time(Object minutes) {
    return minutes == null ? null : BASE.plusMinutes((Integer) minutes);
  }

  /** (id, g, ts) with ts from v, then {@code WATERMARK FOR ts AS ts - INTERVAL '5 minutes'}. */
  static Node watermarked(StreamGraphBuilder b, Node in) {
    Node p =
        b.project(
            in,
            List.of(
                ScalarExpr.column(0, DataType.INT64),
                ScalarExpr.column(1, DataType.INT32),
                new ScalarExpr(DataType.TIMESTAMP, r -> time(r[2]))));
    return b.watermarkFilter(
        p,
        2,
        new ScalarExpr(
            DataType.TIMESTAMP, r -> r[2] == null ? null : ((LocalDateTime) r[2]).minusMinutes(5)));
  }

  /** The model: the rows the watermark filter keeps, in arrival order, and the final watermark. */
  record Kept(List<Object[]> rows, LocalDateTime watermark) {}

  static Kept keep(List<Object[]> table) {
    List<Object[]> sorted = new ArrayList<>(table);
    sorted.sort(Comparator.comparing(r -> (Long) r[0]));
    List<Object[]> kept = new ArrayList<>();
    LocalDateTime wm = null;
    for (Object[] r : sorted) {
      LocalDateTime ts = time(r[2]);
      if (wm != null && (ts == null || ts.isBefore(wm))) {
        continue;
      }
      kept.add(new Object[] {r[0], r[1], ts});
      if (ts != null && (wm == null || ts.minusMinutes(5).isAfter(wm))) {
        wm = ts.minusMinutes(5);
      }
    }
    return new Kept(kept, wm);
  }

  static LocalDateTime windowStart(LocalDateTime ts) {
    return ts.withMinute(ts.getMinute() / 10 * 10);
  }

  /**
   * {@code SELECT window_start, count(*), max(g) FROM tumble(t, ts, INTERVAL '10 minutes') GROUP BY
   * window_start EMIT ON WINDOW CLOSE}: a window appears once the watermark passes its end.
   */
  @Property(tries = 60)
  void groupAggEmitsClosedWindowsOnce(@ForAll("appends") List<Harness.Action> actions) {
    Harness.Plan plan =
        (b, in) -> {
          Node w = watermarked(b, in.get(0));
          Node tumble =
              b.project(
                  w,
                  List.of(
                      ScalarExpr.monotone(
                          DataType.TIMESTAMP,
                          r -> r[2] == null ? null : windowStart((LocalDateTime) r[2]),
                          2),
                      ScalarExpr.column(1, DataType.INT32)));
          assertEquals(java.util.Set.of(0), b.watermarkColumns(tumble));
          Node agg =
              b.hashAgg(
                  tumble,
                  new int[] {0},
                  List.of(AggCall.countStar(), AggCall.of(AggKind.MAX, DataType.INT32, 1)));
          assertEquals(java.util.Set.of(0), b.watermarkColumns(agg));
          return b.eowcSort(agg, 0);
        };
    Harness.Reference ref =
        t -> {
          Kept k = keep(t.get(0));
          if (k.watermark() == null) {
            return List.of();
          }
          Map<LocalDateTime, Object[]> groups = new LinkedHashMap<>();
          for (Object[] r : k.rows()) {
            LocalDateTime start = windowStart((LocalDateTime) r[2]);
            if (!start.isBefore(windowStart(k.watermark()))) {
              continue;
            }
            Object[] g = groups.computeIfAbsent(start, s -> new Object[] {s, 0L, null});
            g[1] = (Long) g[1] + 1;
            if (r[1] != null && (g[2] == null || (Integer) r[1] > (Integer) g[2])) {
              g[2] = r[1];
            }
          }
          return new ArrayList<>(groups.values());
        };
    try (Harness h = new Harness(1, plan, ref, false)) {
      h.run(actions);
    }
  }

  /** Row i of a partition sorted by (ts, id): row_number and the next row's id (lead). */
  static List<Object[]> rowNumberAndLead(List<Object[]> rows) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object lead = i + 1 < rows.size() ? rows.get(i + 1)[0] : null;
      out.add(Rows.concat(rows.get(i), new Object[] {(long) i + 1, lead}));
    }
    return out;
  }

  /**
   * {@code SELECT *, row_number() OVER w, lead(id) OVER w ... WINDOW w AS (PARTITION BY g ORDER BY
   * ts) EMIT ON WINDOW CLOSE}: a row appears once it and the row after it in its partition are
   * below the watermark.
   */
  @Property(tries = 60)
  void overWindowEmitsCompleteFramesOnce(@ForAll("appends") List<Harness.Action> actions) {
    List<DataType> out =
        List.of(DataType.INT64, DataType.INT32, DataType.TIMESTAMP, DataType.INT64, DataType.INT64);
    Harness.Plan plan =
        (b, in) -> {
          Node w = watermarked(b, in.get(0));
          return b.eowcOverWindow(
              b.eowcSort(w, 2),
              List.of(ScalarExpr.column(1, DataType.INT32)),
              2,
              EowcTest::rowNumberAndLead,
              out,
              (rows, i) -> i + 1 < rows.size());
        };
    Harness.Reference ref =
        t -> {
          Kept k = keep(t.get(0));
          if (k.watermark() == null) {
            return List.of();
          }
          Map<List<Object>, List<Object[]>> parts = new LinkedHashMap<>();
          for (Object[] r : k.rows()) {
            if (((LocalDateTime) r[2]).isBefore(k.watermark())) {
              parts.computeIfAbsent(java.util.Arrays.asList(r[1]), x -> new ArrayList<>()).add(r);
            }
          }
          List<Object[]> rows = new ArrayList<>();
          for (List<Object[]> p : parts.values()) {
            p.sort(
                Comparator.comparing((Object[] r) -> (LocalDateTime) r[2])
                    .thenComparing(r -> (Long) r[0]));
            List<Object[]> computed = rowNumberAndLead(p);
            rows.addAll(computed.subList(0, p.size() - 1));
          }
          return rows;
        };
    try (Harness h = new Harness(1, plan, ref, false)) {
      h.run(actions);
    }
  }

  /** The same over RocksDB, where every restart reopens the store. */
  @Property(tries = 10)
  void groupAggAcrossReopenedStores(@ForAll("appends") List<Harness.Action> actions) {
    Harness.Plan plan =
        (b, in) -> {
          Node w = watermarked(b, in.get(0));
          Node agg = b.hashAgg(w, new int[] {2}, List.of(AggCall.countStar()));
          return b.eowcSort(agg, 0);
        };
    Harness.Reference ref =
        t -> {
          Kept k = keep(t.get(0));
          if (k.watermark() == null) {
            return List.of();
          }
          Map<LocalDateTime, long[]> counts = new LinkedHashMap<>();
          for (Object[] r : k.rows()) {
            if (((LocalDateTime) r[2]).isBefore(k.watermark())) {
              counts.computeIfAbsent((LocalDateTime) r[2], x -> new long[1])[0]++;
            }
          }
          List<Object[]> rows = new ArrayList<>();
          counts.forEach((ts, n) -> rows.add(new Object[] {ts, n[0]}));
          return rows;
        };
    try (Harness h = new Harness(1, plan, ref, true)) {
      h.run(actions);
    }
  }

  /** A union's watermark is the least of its inputs', once both have one. */
  @Test
  void unionTakesTheLeastWatermark() {
    try (StreamRuntime rt = new StreamRuntime(new MemoryStateStore(), java.time.Duration.ZERO)) {
      StreamGraphBuilder b = new StreamGraphBuilder("u", counter(100));
      List<DataType> types = List.of(DataType.INT32);
      ScalarExpr self = ScalarExpr.column(0, DataType.INT32);
      Node a = b.watermarkFilter(b.dml(1, types), 0, self);
      Node c = b.watermarkFilter(b.dml(2, types), 0, self);
      Node u = b.union(List.of(a, c));
      assertEquals(java.util.Set.of(0), b.watermarkColumns(u));
      b.materialize(b.eowcSort(u, 0), 50, new int[0], Conflict.NONE);
      rt.create(b.build());
      rt.write(1, Chunk.inserts(List.<Object[]>of(new Object[] {1}, new Object[] {10})));
      rt.flush();
      // input 2 has no watermark yet: nothing is released
      assertEquals(List.of(), ints(rt.rows(50)));
      rt.write(2, Chunk.inserts(List.<Object[]>of(new Object[] {5})));
      rt.flush();
      // min(10, 5) = 5: the rows below 5 go out
      assertEquals(List.of(1), ints(rt.rows(50)));
      // a late row on input 1 (below its watermark 10) is dropped there
      rt.write(1, Chunk.inserts(List.<Object[]>of(new Object[] {7})));
      rt.write(2, Chunk.inserts(List.<Object[]>of(new Object[] {20})));
      rt.flush();
      assertEquals(List.of(1, 5), ints(rt.rows(50)));
      assertEquals(0, rt.warningCount());
    }
  }

  /** The watermark filter keeps its watermark across a restart: late rows stay late. */
  @Test
  void watermarkSurvivesRestart() {
    MemoryStateStore store = new MemoryStateStore();
    java.util.function.Supplier<dev.patina.stream.dataflow.JobPlan> plan =
        () -> {
          StreamGraphBuilder b = new StreamGraphBuilder("w", counter(100));
          Node f =
              b.watermarkFilter(
                  b.dml(1, List.of(DataType.INT32)),
                  0,
                  new ScalarExpr(DataType.INT32, r -> (Integer) r[0] - 3));
          b.materialize(f, 50, new int[0], Conflict.NONE);
          return b.build();
        };
    try (StreamRuntime rt = new StreamRuntime(store, java.time.Duration.ZERO)) {
      rt.create(plan.get());
      rt.write(1, Chunk.inserts(List.<Object[]>of(new Object[] {10}, new Object[] {6})));
      rt.flush();
      // 6 arrived after 10 in the same chunk: the watermark (7) only moves after the chunk
      assertEquals(List.of(6, 10), ints(rt.rows(50)));
    }
    try (StreamRuntime rt = new StreamRuntime(store, java.time.Duration.ZERO)) {
      rt.create(plan.get());
      rt.write(
          1,
          Chunk.inserts(
              List.<Object[]>of(new Object[] {6}, new Object[] {7}, new Object[] {null})));
      rt.flush();
      assertEquals(List.of(6, 7, 10), ints(rt.rows(50)));
      assertTrue(rt.warningCount() == 0);
    }
  }

  /** Groups below the watermark of their key lose their state; the view keeps their rows. */
  @Test
  void closedGroupsLeaveTheAggregationsState() {
    MemoryStateStore store = new MemoryStateStore();
    try (StreamRuntime rt = new StreamRuntime(store, java.time.Duration.ZERO)) {
      StreamGraphBuilder b = new StreamGraphBuilder("a", counter(100));
      Node f =
          b.watermarkFilter(
              b.dml(1, List.of(DataType.INT32)), 0, ScalarExpr.column(0, DataType.INT32));
      // state tables: 100 the filter's watermark, 101 the aggregation's groups, 102 max's inputs
      Node agg =
          b.hashAgg(
              f,
              new int[] {0},
              List.of(AggCall.countStar(), AggCall.of(AggKind.MAX, DataType.INT32, 0)));
      b.materialize(agg, 50, new int[0], Conflict.NONE);
      rt.create(b.build());
      rt.write(1, Chunk.inserts(List.<Object[]>of(new Object[] {1}, new Object[] {2})));
      rt.flush();
      // watermark 2: group 1 is closed
      assertEquals(1, stateRows(store, 101));
      rt.write(1, Chunk.inserts(List.<Object[]>of(new Object[] {3}, new Object[] {2})));
      rt.flush();
      // 2 is not late (not below 2); then watermark 3 closes group 2, group 3 stays
      assertEquals(1, stateRows(store, 101));
      assertEquals(1, stateRows(store, 102));
      assertEquals(List.of(1, 2, 3), ints(rt.rows(50)));
      assertEquals(List.of("[1, 1, 1]", "[2, 2, 2]", "[3, 1, 3]"), Harness.canon(rt.rows(50)));
      assertEquals(0, rt.warningCount());
    }
  }

  /** Partitions below the watermark of their PARTITION BY column leave the over window's state. */
  @Test
  void closedPartitionsLeaveTheOverWindowsState() {
    MemoryStateStore store = new MemoryStateStore();
    try (StreamRuntime rt = new StreamRuntime(store, java.time.Duration.ZERO)) {
      StreamGraphBuilder b = new StreamGraphBuilder("o", counter(100));
      Node f =
          b.watermarkFilter(
              b.dml(1, List.of(DataType.INT32, DataType.INT32)),
              0,
              ScalarExpr.column(0, DataType.INT32));
      // state tables: 100 the filter's watermark, 101 the over window's rows
      Node w =
          b.overWindow(
              f,
              List.of(ScalarExpr.column(0, DataType.INT32)),
              rows -> rows.stream().map(r -> Rows.append(r, (long) rows.size())).toList(),
              List.of(DataType.INT32, DataType.INT32, DataType.INT64));
      assertEquals(java.util.Set.of(0), b.watermarkColumns(w));
      b.materialize(w, 50, new int[0], Conflict.NONE);
      rt.create(b.build());
      rt.write(
          1,
          Chunk.inserts(
              List.<Object[]>of(new Object[] {1, 10}, new Object[] {1, 11}, new Object[] {2, 5})));
      rt.flush();
      assertEquals(1, stateRows(store, 101));
      rt.write(1, Chunk.inserts(List.<Object[]>of(new Object[] {2, 6})));
      rt.flush();
      assertEquals(2, stateRows(store, 101));
      rt.write(1, Chunk.inserts(List.<Object[]>of(new Object[] {3, 1})));
      rt.flush();
      assertEquals(1, stateRows(store, 101));
      assertEquals(
          List.of("[1, 10, 2]", "[1, 11, 2]", "[2, 5, 2]", "[2, 6, 2]", "[3, 1, 1]"),
          Harness.canon(rt.rows(50)));
      assertEquals(0, rt.warningCount());
    }
  }

  private static int stateRows(MemoryStateStore store, int tableId) {
    int n = 0;
    try (dev.patina.stream.state.ReadView v = store.latest();
        var it =
            v.scan(
                dev.patina.stream.state.TableKeys.prefix(tableId),
                dev.patina.stream.state.TableKeys.end(tableId))) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  private static List<Integer> ints(List<Object[]> rows) {
    return rows.stream().map(r -> (Integer) r[0]).sorted().toList();
  }

  private static java.util.function.IntSupplier counter(int from) {
    int[] next = {from};
    return () -> next[0]++;
  }
}

package dev.patina.stream.batch;

import dev.patina.stream.plan.AggCall;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.plan.SortKey;
import dev.patina.stream.plan.WindowCall;
import dev.patina.stream.types.DataType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Window functions (OVER) and time windows (TUMBLE, HOP) over materialized input rows. */
final class WindowRows {
  private WindowRows() {}

  static List<Object[]> over(LogicalPlan.OverWindow w, List<Object[]> input) {
    int width = w.input().schema().size();
    List<Object[]> out = new ArrayList<>(input.size());
    List<Object[]> rows = new ArrayList<>();
    for (Object[] r : input) {
      Object[] wide = Arrays.copyOf(r, width + w.calls().size());
      rows.add(wide);
      out.add(wide);
    }
    for (int c = 0; c < w.calls().size(); c++) {
      compute(w.calls().get(c), width + c, rows);
    }
    return out;
  }

  private static void compute(WindowCall call, int target, List<Object[]> rows) {
    Map<RowKey, List<Object[]>> partitions = new LinkedHashMap<>();
    for (Object[] r : rows) {
      Object[] k = new Object[call.partitionBy().size()];
      for (int i = 0; i < k.length; i++) {
        k[i] = call.partitionBy().get(i).eval(r);
      }
      partitions.computeIfAbsent(new RowKey(k), x -> new ArrayList<>()).add(r);
    }
    int n0 = call.orderBy().size();
    for (List<Object[]> part : partitions.values()) {
      // sort by the ORDER BY values, computed once per row
      List<Object[]> keyed = new ArrayList<>(part.size());
      for (Object[] r : part) {
        Object[] k = new Object[n0 + 1];
        for (int i = 0; i < n0; i++) {
          k[i] = call.orderBy().get(i).eval(r);
        }
        k[n0] = r;
        keyed.add(k);
      }
      Comparator<Object[]> cmp = BatchExecutor.comparator(call.orderKeys());
      keyed.sort(cmp);
      int n = keyed.size();
      // peer groups: [peerStart[i], peerEnd[i]] share ORDER BY values
      int[] peerStart = new int[n];
      int[] peerEnd = new int[n];
      for (int i = 0; i < n; ) {
        int j = i;
        while (j + 1 < n && (n0 == 0 || cmp.compare(keyed.get(i), keyed.get(j + 1)) == 0)) {
          j++;
        }
        for (int k = i; k <= j; k++) {
          peerStart[k] = i;
          peerEnd[k] = j;
        }
        i = j + 1;
      }
      long dense = 0;
      for (int i = 0; i < n; i++) {
        Object[] row = (Object[]) keyed.get(i)[n0];
        if (peerStart[i] == i) {
          dense++;
        }
        row[target] =
            switch (call.name()) {
              case "row_number" -> (long) (i + 1);
              case "rank" -> (long) (peerStart[i] + 1);
              case "dense_rank" -> dense;
              case "percent_rank" -> n <= 1 ? 0.0 : (double) peerStart[i] / (n - 1);
              case "cume_dist" -> (double) (peerEnd[i] + 1) / n;
              case "lag", "lead" -> {
                long off = call.args().size() > 1 ? nz((Long) call.args().get(1).eval(row)) : 1;
                long j = call.name().equals("lag") ? i - off : i + off;
                if (j < 0 || j >= n) {
                  yield call.args().size() > 2 ? call.args().get(2).eval(row) : null;
                }
                yield call.args().get(0).eval((Object[]) keyed.get((int) j)[n0]);
              }
              default -> frameAggregate(call, keyed, n0, i, peerStart, peerEnd);
            };
      }
    }
  }

  /** Whether {@code next} (ordered after {@code prev}) is below {@code prev} plus the gap. */
  static boolean sameSession(WindowCall.Frame f, Object prev, Object next) {
    if (prev == null || next == null) {
      return prev == null && next == null;
    }
    Object end = f.sessionEnd().eval(new Object[] {prev});
    return end != null && dev.patina.stream.expr.Ordering.compare(next, end) < 0;
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }

  private static Object frameAggregate(
      WindowCall call, List<Object[]> keyed, int n0, int i, int[] peerStart, int[] peerEnd) {
    int n = keyed.size();
    WindowCall.Frame f = call.frame();
    long lo;
    long hi;
    if (f.sessionEnd() != null) {
      lo = i;
      while (lo > 0 && sameSession(f, keyed.get((int) lo - 1)[0], keyed.get((int) lo)[0])) {
        lo--;
      }
      hi = i;
      while (hi + 1 < n && sameSession(f, keyed.get((int) hi)[0], keyed.get((int) hi + 1)[0])) {
        hi++;
      }
    } else if (f.rows()) {
      lo = f.start() == Long.MIN_VALUE ? 0 : i + f.start();
      hi = f.end() == Long.MAX_VALUE ? n - 1 : i + f.end();
    } else {
      lo = f.start() == Long.MIN_VALUE ? 0 : f.start() == 0 ? peerStart[i] : peerEnd[i] + 1;
      hi = f.end() == Long.MAX_VALUE ? n - 1 : f.end() == 0 ? peerEnd[i] : peerStart[i] - 1;
    }
    lo = Math.max(lo, 0);
    hi = Math.min(hi, n - 1);
    boolean firstLast = call.name().equals("first_value") || call.name().equals("last_value");
    if (firstLast) {
      if (lo > hi) {
        return null;
      }
      int at = (int) (call.name().equals("first_value") ? lo : hi);
      if (f.excludeCurrentRow() && at == i) {
        at += call.name().equals("first_value") ? 1 : -1;
        if (at < lo || at > hi) {
          return null;
        }
      }
      return call.args().get(0).eval((Object[]) keyed.get(at)[n0]);
    }
    AggCall agg =
        new AggCall(
            call.name(), call.args(), false, null, List.of(), List.<SortKey>of(), call.type());
    Accumulator acc = Accumulator.create(agg);
    boolean skipNulls = Accumulator.skipsNulls(agg);
    for (long j = lo; j <= hi; j++) {
      if (f.excludeCurrentRow() && j == i) {
        continue;
      }
      Object[] row = (Object[]) keyed.get((int) j)[n0];
      Object[] args = new Object[call.args().size()];
      boolean hasNull = false;
      for (int a = 0; a < args.length; a++) {
        args[a] = call.args().get(a).eval(row);
        hasNull |= args[a] == null;
      }
      if (hasNull && skipNulls) {
        continue;
      }
      acc.add(args);
    }
    return acc.result();
  }

  // ---- TUMBLE / HOP

  static List<Object[]> time(LogicalPlan.TimeWindow w, List<Object[]> input) {
    DataType t = w.schema().get(w.schema().size() - 1).type();
    int width = w.input().schema().size();
    boolean tumble = w.slide() == w.size();
    List<Object[]> out = new ArrayList<>();
    for (Object[] r : input) {
      Object v = r[w.timeColumn()];
      if (v == null) {
        if (tumble) {
          out.add(Arrays.copyOf(r, width + 2));
        }
        continue;
      }
      long micros = toMicros(v);
      long start = micros - Math.floorMod(micros - w.offset(), w.slide());
      List<Long> starts = new ArrayList<>();
      for (long s = start; s > micros - w.size(); s -= w.slide()) {
        starts.add(s);
      }
      for (int k = starts.size() - 1; k >= 0; k--) {
        Object[] row = Arrays.copyOf(r, width + 2);
        row[width] = fromMicros(starts.get(k), t);
        row[width + 1] = fromMicros(starts.get(k) + w.size(), t);
        out.add(row);
      }
    }
    return out;
  }

  static long toMicros(Object v) {
    return switch (v) {
      case LocalDateTime d -> ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), d);
      case Instant i -> ChronoUnit.MICROS.between(Instant.EPOCH, i);
      case LocalDate d -> d.toEpochDay() * 86_400_000_000L;
      default -> throw new IllegalArgumentException("not a time: " + v);
    };
  }

  static Object fromMicros(long micros, DataType t) {
    Instant i = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    return t == DataType.TIMESTAMPTZ ? i : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}

package dev.patina.stream.batch;

import dev.patina.stream.expr.Ordering;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.types.DataType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GAP_FILL over materialized input rows (RisingWave's gap fill, computed in batch). */
final class GapFillRows {
  private GapFillRows() {}

  static List<Object[]> fill(LogicalPlan.GapFill g, List<Object[]> input) {
    int time = g.timeColumn();
    DataType tt = g.schema().get(time).type();
    List<Object[]> out = new ArrayList<>();
    Map<List<Object>, List<Object[]>> partitions = new LinkedHashMap<>();
    for (Object[] r : input) {
      if (r[time] == null) {
        out.add(r);
        continue;
      }
      List<Object> key = new ArrayList<>(g.partition().size());
      for (int c : g.partition()) {
        key.add(r[c]);
      }
      partitions.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    for (List<Object[]> rows : partitions.values()) {
      rows.sort((a, b) -> Long.compare(WindowRows.toMicros(a[time]), WindowRows.toMicros(b[time])));
      for (int i = 0; i < rows.size(); i++) {
        Object[] prev = rows.get(i);
        out.add(prev);
        if (i + 1 == rows.size()) {
          break;
        }
        Object[] next = rows.get(i + 1);
        long from = WindowRows.toMicros(prev[time]);
        long to = WindowRows.toMicros(next[time]);
        long steps = (to - from) / g.step();
        if ((to - from) % g.step() != 0) {
          steps++;
        }
        for (long k = 1; k < steps; k++) {
          out.add(
              generated(g, prev, next, k, steps, WindowRows.fromMicros(from + k * g.step(), tt)));
        }
      }
    }
    return out;
  }

  private static Object[] generated(
      LogicalPlan.GapFill g, Object[] prev, Object[] next, long k, long steps, Object time) {
    Object[] row = new Object[prev.length];
    for (int c = 0; c < row.length; c++) {
      row[c] =
          switch (g.fills().get(c)) {
            case NULL -> null;
            case LOCF -> prev[c];
            case INTERPOLATE -> interpolate(prev[c], next[c], k, steps);
          };
    }
    for (int c : g.partition()) {
      row[c] = prev[c];
    }
    row[g.timeColumn()] = time;
    return row;
  }

  /** Linear interpolation at step {@code k} of {@code n}; NULL when an end is NULL. */
  static Object interpolate(Object a, Object b, long k, long n) {
    if (a == null || b == null) {
      return null;
    }
    return switch (a) {
      case Double x -> {
        double step = ((Double) b - x) / n;
        double v = x;
        for (long i = 0; i < k; i++) {
          v += step;
        }
        yield v;
      }
      case Float x -> {
        float step = ((Float) b - x) / n;
        float v = x;
        for (long i = 0; i < k; i++) {
          v += step;
        }
        yield v;
      }
      case Short x -> (short) (x + ((Short) b - x) * k / n);
      case Integer x -> (int) (x + ((long) (Integer) b - x) * k / n);
      case Long x -> x + ((Long) b - x) * k / n;
      case BigDecimal x ->
          x.add(
              ((BigDecimal) b)
                  .subtract(x)
                  .multiply(BigDecimal.valueOf(k))
                  .divide(BigDecimal.valueOf(n), MathContext.DECIMAL128));
      default -> Ordering.compare(a, b) == 0 ? a : null;
    };
  }
}

package dev.patina.stream.expr.window;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.BoundExpr.InputRef;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.expr.Ordering;
import dev.patina.stream.expr.agg.Accumulator;
import dev.patina.stream.expr.agg.SortKey;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.sql.Window.BoundKind;
import dev.patina.stream.sql.Window.Exclusion;
import dev.patina.stream.sql.Window.Units;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Computes one window function over one sorted partition: peers (rows with equal ORDER BY keys),
 * frames per SQL's ROWS / RANGE / GROUPS rules (and RisingWave's SESSION), and aggregates over
 * frames by sliding an {@link Accumulator} (adding rows that enter, retracting rows that leave, as
 * frames only move forward) unless an EXCLUDE clause makes frames non-contiguous.
 */
final class WindowEvaluator {
  private final WindowCall call;
  private final List<Object[]> rows;
  private final int n;
  private final Object[][] keys;
  private final Comparator<Object[]> keyOrder;
  private final int[] peerStart;
  private final int[] peerEnd;
  private final int[] group;
  private final List<Integer> groupStarts = new ArrayList<>();

  WindowEvaluator(WindowCall call, List<Object[]> rows) {
    this.call = call;
    this.rows = rows;
    this.n = rows.size();
    List<SortKey> order = call.orderBy();
    this.keyOrder = SortKey.comparator(order);
    this.keys = new Object[n][];
    for (int i = 0; i < n; i++) {
      Object[] k = new Object[order.size()];
      for (int j = 0; j < k.length; j++) {
        k[j] = order.get(j).expr().eval(rows.get(i));
      }
      keys[i] = k;
    }
    peerStart = new int[n];
    peerEnd = new int[n];
    group = new int[n];
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (i > 0 && keyOrder.compare(keys[i - 1], keys[i]) != 0) {
        for (int j = start; j < i; j++) {
          peerEnd[j] = i;
        }
        start = i;
      }
      if (i == start) {
        groupStarts.add(i);
      }
      peerStart[i] = start;
      group[i] = groupStarts.size() - 1;
    }
    for (int j = start; j < n; j++) {
      peerEnd[j] = n;
    }
  }

  List<Object> run() {
    List<Object> out = new ArrayList<>(n);
    if (call.kind() == WindowKind.AGGREGATE) {
      aggregate(out);
      return out;
    }
    for (int i = 0; i < n; i++) {
      out.add(value(i));
    }
    return out;
  }

  private Object arg(int index, int row) {
    return call.args().get(index).eval(rows.get(row));
  }

  private Object value(int i) {
    return switch (call.kind()) {
      case ROW_NUMBER -> (long) i + 1;
      case RANK -> (long) peerStart[i] + 1;
      case DENSE_RANK -> (long) group[i] + 1;
      case PERCENT_RANK -> n <= 1 ? 0.0 : (double) peerStart[i] / (n - 1);
      case CUME_DIST -> (double) peerEnd[i] / n;
      case NTILE -> ntile(i);
      case LAG, LEAD -> {
        Object off = arg(1, i);
        if (off == null) {
          yield null;
        }
        long t =
            call.kind() == WindowKind.LAG ? i - (long) (Integer) off : i + (long) (Integer) off;
        yield t >= 0 && t < n ? arg(0, (int) t) : arg(2, i);
      }
      case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> {
        List<Integer> f = frameRows(i);
        int pick;
        if (call.kind() == WindowKind.NTH_VALUE) {
          Object nth = arg(1, i);
          if (nth == null) {
            yield null;
          }
          if ((Integer) nth <= 0) {
            throw new SqlException("22016", "argument of nth_value must be greater than zero");
          }
          pick = (Integer) nth - 1;
        } else {
          pick = call.kind() == WindowKind.FIRST_VALUE ? 0 : f.size() - 1;
        }
        yield pick >= 0 && pick < f.size() ? arg(0, f.get(pick)) : null;
      }
      case AGGREGATE -> throw new IllegalStateException();
    };
  }

  private Object ntile(int i) {
    Object b = arg(0, 0); // PostgreSQL reads the bucket count once per partition
    if (b == null) {
      return null;
    }
    int buckets = (Integer) b;
    if (buckets <= 0) {
      throw new SqlException("2201X", "argument of ntile must be greater than zero");
    }
    int per = n / buckets;
    int extra = n % buckets;
    int bigRows = extra * (per + 1);
    return i < bigRows ? i / (per + 1) + 1 : extra + (i - bigRows) / Math.max(1, per) + 1;
  }

  // ---------------------------------------------------------------------------------------------
  // Frames

  /** [lo, hi) of row i's frame before exclusions. */
  private int[] frame(int i) {
    WindowFrame f = call.frame();
    if (f.units() == Units.SESSION) {
      return session(i);
    }
    int lo = bound(i, f.start(), true);
    int hi = bound(i, f.end(), false);
    lo = Math.max(0, Math.min(n, lo));
    hi = Math.max(0, Math.min(n, hi));
    return new int[] {lo, Math.max(lo, hi)};
  }

  private static long offset(WindowFrame.Bound b) {
    return ((Number) b.offset()).longValue();
  }

  private int bound(int i, WindowFrame.Bound b, boolean start) {
    Units u = call.frame().units();
    return switch (b.kind()) {
      case UNBOUNDED_PRECEDING -> 0;
      case UNBOUNDED_FOLLOWING -> n;
      case CURRENT_ROW ->
          u == Units.ROWS ? (start ? i : i + 1) : (start ? peerStart[i] : peerEnd[i]);
      case PRECEDING, FOLLOWING -> {
        boolean preceding = b.kind() == BoundKind.PRECEDING;
        yield switch (u) {
          case ROWS -> {
            long t = preceding ? i - offset(b) : i + offset(b);
            yield (int) Math.max(-1, Math.min(n + 1, start ? t : t + 1));
          }
          case GROUPS -> {
            long g = preceding ? group[i] - offset(b) : group[i] + offset(b);
            if (start) {
              yield g < 0 ? 0 : g >= groupStarts.size() ? n : groupStarts.get((int) g);
            }
            yield g < 0 ? 0 : g + 1 >= groupStarts.size() ? n : groupStarts.get((int) g + 1);
          }
          default -> rangeBound(i, b, start, preceding);
        };
      }
    };
  }

  private BoundExpr plus;
  private BoundExpr minus;

  /** RANGE offset bound: the first row at or after (key -/+ offset) in the sort order. */
  private int rangeBound(int i, WindowFrame.Bound b, boolean start, boolean preceding) {
    Object key = keys[i][0];
    if (key == null) {
      return start ? peerStart[i] : peerEnd[i];
    }
    SortKey sk = call.orderBy().get(0);
    if (plus == null) {
      DataType kt = sk.expr().type();
      DataType ot = call.frame().offsetType();
      plus = Operators.binary("+", new InputRef(0, kt), new InputRef(1, ot));
      minus = Operators.binary("-", new InputRef(0, kt), new InputRef(1, ot));
    }
    boolean towardsStart = preceding != sk.descending();
    Object limit;
    try {
      limit = (towardsStart ? minus : plus).eval(new Object[] {key, b.offset()});
    } catch (SqlException overflow) {
      return preceding ? 0 : n; // beyond the type's range: unbounded on that side
    }
    Object[] lk = {limit};
    if (start) {
      int j = 0;
      while (j < n && keyOrder.compare(keys[j], lk) < 0) {
        j++;
      }
      return j;
    }
    int j = n;
    while (j > 0 && keyOrder.compare(keys[j - 1], lk) > 0) {
      j--;
    }
    return j;
  }

  private int[] sessionOf;

  /** Session frames: a new session starts where a key is more than the gap past the previous. */
  private int[] session(int i) {
    if (sessionOf == null) {
      SortKey sk = call.orderBy().get(0);
      DataType kt = sk.expr().type();
      DataType gt = call.frame().offsetType();
      BoundExpr reachOf =
          Operators.binary(sk.descending() ? "-" : "+", new InputRef(0, kt), new InputRef(1, gt));
      sessionOf = new int[n];
      int s = 0;
      for (int j = 1; j < n; j++) {
        Object prev = keys[j - 1][0];
        Object cur = keys[j][0];
        boolean split;
        if (prev == null || cur == null) {
          split = prev != cur;
        } else {
          Object reach = reachOf.eval(new Object[] {prev, call.frame().gap()});
          int c = Ordering.compare(cur, reach);
          split = sk.descending() ? c < 0 : c > 0;
        }
        if (split) {
          s = j;
        }
        sessionOf[j] = s;
      }
    }
    int lo = sessionOf[i];
    int hi = i + 1;
    while (hi < n && sessionOf[hi] == lo) {
      hi++;
    }
    return new int[] {lo, hi};
  }

  /** The rows of row i's frame after EXCLUDE, in order. */
  private List<Integer> frameRows(int i) {
    int[] f = frame(i);
    List<Integer> out = new ArrayList<>(f[1] - f[0]);
    Exclusion ex = call.frame().exclusion();
    for (int j = f[0]; j < f[1]; j++) {
      boolean excluded =
          ex != null
              && switch (ex) {
                case CURRENT_ROW -> j == i;
                case GROUP -> j >= peerStart[i] && j < peerEnd[i];
                case TIES -> j != i && j >= peerStart[i] && j < peerEnd[i];
                default -> false;
              };
      if (!excluded) {
        out.add(j);
      }
    }
    return out;
  }

  private void aggregate(List<Object> out) {
    if (call.frame().excludes()) {
      for (int i = 0; i < n; i++) {
        Accumulator acc = call.aggregate().create();
        for (int j : frameRows(i)) {
          acc.apply(rows.get(j), 1);
        }
        out.add(acc.result());
      }
      return;
    }
    // frames only move forward: slide one accumulator over the partition
    Accumulator acc = call.aggregate().create();
    int curLo = 0;
    int curHi = 0;
    for (int i = 0; i < n; i++) {
      int[] f = frame(i);
      int lo = f[0];
      int hi = f[1];
      if (lo >= curHi || lo < curLo || hi < curHi) {
        for (int j = curLo; j < curHi; j++) {
          acc.apply(rows.get(j), -1);
        }
        curLo = lo;
        curHi = lo;
      }
      while (curHi < hi) {
        acc.apply(rows.get(curHi++), 1);
      }
      while (curLo < lo) {
        acc.apply(rows.get(curLo++), -1);
      }
      out.add(acc.result());
    }
  }
}

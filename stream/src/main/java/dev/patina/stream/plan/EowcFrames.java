package dev.patina.stream.plan;

import dev.patina.stream.dataflow.StreamGraphBuilder;
import dev.patina.stream.expr.Ordering;
import java.util.ArrayList;
import java.util.List;

/**
 * When a row's window functions can be emitted on window close (RisingWave's {@code
 * EowcOverWindowExecutor}, whose input arrives sorted by the ORDER BY column as the watermark
 * passes it): once every call's frame is complete, that is once the rows after it that the frame
 * reaches have arrived. {@code row_number}, {@code rank}, {@code lag} and frames ending at or
 * before the current row (ROWS) are complete at once; {@code lead(x, k)} and {@code ROWS ... k
 * FOLLOWING} need k rows after it; RANGE frames ending at the current row need a row with a larger
 * ORDER BY value (all peers arrived); a session frame needs a row after the session's last one
 * (RisingWave waits for it rather than for the watermark to pass the gap). Frames reaching the
 * partition's end, and calls over the whole partition ({@code ntile}, {@code percent_rank}, {@code
 * cume_dist}), never close: refused.
 */
final class EowcFrames {
  private EowcFrames() {}

  static StreamGraphBuilder.FrameClosed closed(List<WindowCall> calls, int orderColumn) {
    List<StreamGraphBuilder.FrameClosed> all = new ArrayList<>();
    for (WindowCall c : calls) {
      all.add(closed(c, orderColumn));
    }
    return (rows, i) -> {
      for (StreamGraphBuilder.FrameClosed f : all) {
        if (!f.test(rows, i)) {
          return false;
        }
      }
      return true;
    };
  }

  private static StreamGraphBuilder.FrameClosed following(long k) {
    return (rows, i) -> i + k < rows.size();
  }

  private static StreamGraphBuilder.FrameClosed peersComplete(int orderColumn) {
    return (rows, i) -> {
      Object last = rows.get(rows.size() - 1)[orderColumn];
      Object mine = rows.get(i)[orderColumn];
      return mine != null && last != null && Ordering.compare(last, mine) > 0;
    };
  }

  private static StreamGraphBuilder.FrameClosed closed(WindowCall c, int orderColumn) {
    return switch (c.name()) {
      // these depend only on the rows before (rank: the rows ordered before the row's peers)
      case "row_number", "lag", "rank", "dense_rank" -> (rows, i) -> true;
      case "lead" -> {
        long k = 1;
        if (c.args().size() > 1) {
          Object v = constant(c, 1);
          k = v == null ? 0 : ((Number) v).longValue();
        }
        yield following(Math.max(k, 0));
      }
      case "ntile", "percent_rank", "cume_dist" ->
          throw new StreamPlanner.Unsupported(c.name() + " depends on the whole partition");
      default -> {
        WindowCall.Frame f = c.frame();
        if (f.sessionEnd() != null) {
          yield sessionClosed(f, orderColumn);
        }
        if (f.end() == Long.MAX_VALUE) {
          throw new StreamPlanner.Unsupported(
              "a window frame reaching UNBOUNDED FOLLOWING never closes");
        }
        if (f.rows()) {
          yield f.end() > 0 ? following(f.end()) : (rows, i) -> true;
        }
        yield f.end() >= 0 ? peersComplete(orderColumn) : (rows, i) -> true;
      }
    };
  }

  /** A session is complete once a row after its last one has arrived (beyond the gap). */
  private static StreamGraphBuilder.FrameClosed sessionClosed(WindowCall.Frame f, int order) {
    return (rows, i) -> {
      int j = i;
      while (j + 1 < rows.size()) {
        Object prev = rows.get(j)[order];
        Object end = prev == null ? null : f.sessionEnd().eval(new Object[] {prev});
        Object next = rows.get(j + 1)[order];
        if (end == null || next == null || Ordering.compare(next, end) >= 0) {
          return true;
        }
        j++;
      }
      return false;
    };
  }

  private static Object constant(WindowCall c, int arg) {
    try {
      return c.args().get(arg).eval(new Object[0]);
    } catch (RuntimeException e) {
      throw new StreamPlanner.Unsupported(c.name() + " with an offset that is not a constant");
    }
  }
}

package dev.patina.stream.plan;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.sql.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects the window function calls of one SELECT. A call binds to a placeholder {@code
 * InputRef(OFFSET + k)}, far past any input or aggregate column, which the binder maps to the
 * {@link LogicalPlan.OverWindow}'s output once it is built.
 */
final class WindowCollector {
  static final int OFFSET = 1_000_000;

  final List<WindowCall> calls = new ArrayList<>();
  final Map<String, Window.Spec> named;

  WindowCollector(Map<String, Window.Spec> named) {
    this.named = named;
  }

  BoundExpr add(WindowCall call) {
    int i = calls.indexOf(call);
    if (i < 0) {
      calls.add(call);
      i = calls.size() - 1;
    }
    return new BoundExpr.InputRef(OFFSET + i, call.type());
  }

  /** {@code e} with placeholders mapped to columns {@code base + k}. */
  static BoundExpr remap(BoundExpr e, int base) {
    return e.transform(
        x ->
            x instanceof BoundExpr.InputRef r && r.index() >= OFFSET
                ? new BoundExpr.InputRef(base + r.index() - OFFSET, r.type())
                : x);
  }
}

package dev.patina.stream.plan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The rows a correlated subquery reads its outer columns from. The executor publishes the row it is
 * evaluating expressions over ({@link #setCurrent}); a correlated subquery captures it as the outer
 * row while it runs ({@link #withOuter}), and its outer column references read that row. Per
 * thread: a statement runs on one thread.
 */
public final class Correlation {
  private Correlation() {}

  private static final ThreadLocal<Object[]> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<Deque<Object[]>> OUTER =
      ThreadLocal.withInitial(ArrayDeque::new);

  /** Called by the executor before evaluating expressions over {@code row}. */
  public static void setCurrent(Object[] row) {
    CURRENT.set(row);
  }

  static Object[] current() {
    return CURRENT.get();
  }

  /** Runs {@code body} with {@code outer} as the outer row, restoring the current row after. */
  static <T> T withOuter(Object[] outer, Supplier<T> body) {
    Object[] saved = CURRENT.get();
    OUTER.get().push(outer);
    try {
      return body.get();
    } finally {
      OUTER.get().pop();
      CURRENT.set(saved);
    }
  }

  /** Column {@code index} of the innermost outer row. */
  static Object outer(int index) {
    Object[] row = OUTER.get().peek();
    if (row == null) {
      throw new IllegalStateException("an outer column read outside its subquery");
    }
    return row[index];
  }
}

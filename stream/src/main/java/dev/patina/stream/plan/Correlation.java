package dev.patina.stream.plan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The outer rows of the correlated subqueries being run. A correlated subquery is a call whose
 * arguments are the outer values it reads (evaluated over the enclosing query's row); it runs its
 * plan with them pushed as the outer row ({@link #withOuter}), and its outer references read that
 * row. A subquery nested in it reads the values of levels further out through its own arguments, so
 * only the innermost outer row is ever read. Per thread: a statement runs on one thread.
 */
public final class Correlation {
  private Correlation() {}

  private static final ThreadLocal<Deque<Object[]>> OUTER =
      ThreadLocal.withInitial(ArrayDeque::new);

  /** Runs {@code body} with {@code outer} as the outer row. */
  static <T> T withOuter(Object[] outer, Supplier<T> body) {
    OUTER.get().push(outer);
    try {
      return body.get();
    } finally {
      OUTER.get().pop();
    }
  }

  /** Value {@code index} of the innermost outer row. */
  static Object outer(int index) {
    Object[] row = OUTER.get().peek();
    if (row == null) {
      throw new IllegalStateException("an outer column read outside its subquery");
    }
    return row[index];
  }
}

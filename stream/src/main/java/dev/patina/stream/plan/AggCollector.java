package dev.patina.stream.plan;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the aggregate calls of one SELECT while its expressions are bound. An aggregate binds to
 * a placeholder {@code InputRef(offset + k)} past the input's columns; {@link AggRewriter} later
 * maps placeholders to the aggregate's output.
 */
final class AggCollector {
  final int offset;
  final List<AggCall> calls = new ArrayList<>();

  AggCollector(int offset) {
    this.offset = offset;
  }

  BoundExpr add(AggCall call) {
    int i = calls.indexOf(call);
    if (i < 0) {
      calls.add(call);
      i = calls.size() - 1;
    }
    return new BoundExpr.InputRef(offset + i, call.type());
  }

  boolean isEmpty() {
    return calls.isEmpty();
  }

  static DataType typeOf(int i, List<AggCall> calls) {
    return calls.get(i).type();
  }
}

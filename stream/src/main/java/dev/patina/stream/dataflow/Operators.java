package dev.patina.stream.dataflow;

import java.util.List;

/** Instantiates the stateful operators of a plan. */
final class Operators {
  private Operators() {}

  static Executor create(ExecContext ctx, PlanNode n, List<Executor> ex) {
    return switch (n) {
      case PlanNode.HashAgg a -> wire(ex, new HashAgg(ctx, a), a.input());
      default ->
          throw new StreamException("operator not supported yet: " + n.getClass().getSimpleName());
    };
  }

  private static Executor wire(List<Executor> ex, Executor e, int input) {
    ex.get(input).connect(e, 0);
    return e;
  }
}

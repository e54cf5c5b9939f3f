package dev.patina.stream.dataflow;

import java.util.List;

/** Instantiates the stateful operators of a plan. */
final class Operators {
  private Operators() {}

  static Executor create(ExecContext ctx, PlanNode n, List<Executor> ex) {
    return switch (n) {
      case PlanNode.HashAgg a -> wire(ex, new HashAgg(ctx, a), a.input());
      case PlanNode.TopN t -> wire(ex, new TopN(ctx, t), t.input());
      case PlanNode.DynamicFilter d -> {
        Executor x = new DynamicFilter(ctx, d);
        ex.get(d.left()).connect(x, 0);
        ex.get(d.right()).connect(x, 1);
        yield x;
      }
      case PlanNode.OverWindow w -> wire(ex, new OverWindow(ctx, w), w.input());
      case PlanNode.HopWindow h -> wire(ex, new HopWindow(ctx, h), h.input());
      case PlanNode.Changelog c -> wire(ex, new SimpleExecutors.Changelog(ctx), c.input());
      case PlanNode.WatermarkFilter w -> wire(ex, new WatermarkFilter(ctx, w), w.input());
      case PlanNode.EowcSort e -> wire(ex, new EowcSort(ctx, e), e.input());
      case PlanNode.HashJoin j -> {
        Executor x = new HashJoin(ctx, j);
        ex.get(j.left()).connect(x, 0);
        ex.get(j.right()).connect(x, 1);
        yield x;
      }
      case PlanNode.TemporalJoin j -> {
        Executor x = new TemporalJoin(ctx, j);
        ex.get(j.left()).connect(x, 0);
        ex.get(j.right()).connect(x, 1);
        yield x;
      }
      default ->
          throw new StreamException("operator not supported yet: " + n.getClass().getSimpleName());
    };
  }

  private static Executor wire(List<Executor> ex, Executor e, int input) {
    ex.get(input).connect(e, 0);
    return e;
  }
}

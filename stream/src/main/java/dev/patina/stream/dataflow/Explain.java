package dev.patina.stream.dataflow;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Renders a {@link JobPlan} as an indented tree in RisingWave's EXPLAIN style. */
final class Explain {
  private Explain() {}

  static String of(JobPlan plan) {
    StringBuilder b = new StringBuilder();
    render(plan.nodes(), plan.nodes().size() - 1, 0, b);
    return b.toString();
  }

  private static void render(List<PlanNode> nodes, int id, int depth, StringBuilder b) {
    PlanNode n = nodes.get(id);
    b.append("  ".repeat(depth)).append(line(n)).append('\n');
    for (int input : inputs(n)) {
      render(nodes, input, depth + 1, b);
    }
  }

  private static int[] inputs(PlanNode n) {
    return switch (n) {
      case PlanNode.Dml d -> new int[0];
      case PlanNode.Source s -> new int[0];
      case PlanNode.Values v -> new int[0];
      case PlanNode.Upstream u -> new int[0];
      case PlanNode.Filter f -> new int[] {f.input()};
      case PlanNode.Project p -> new int[] {p.input()};
      case PlanNode.HopWindow h -> new int[] {h.input()};
      case PlanNode.Changelog c -> new int[] {c.input()};
      case PlanNode.Union u -> u.inputs().stream().mapToInt(Integer::intValue).toArray();
      case PlanNode.HashAgg a -> new int[] {a.input()};
      case PlanNode.HashJoin j -> new int[] {j.left(), j.right()};
      case PlanNode.TemporalJoin j -> new int[] {j.left(), j.right()};
      case PlanNode.TopN t -> new int[] {t.input()};
      case PlanNode.OverWindow w -> new int[] {w.input()};
      case PlanNode.DynamicFilter d -> new int[] {d.left(), d.right()};
      case PlanNode.WatermarkFilter w -> new int[] {w.input()};
      case PlanNode.EowcSort e -> new int[] {e.input()};
      case PlanNode.Materialize m -> new int[] {m.input()};
    };
  }

  private static String cols(int[] cols) {
    return Arrays.stream(cols).mapToObj(c -> "$" + c).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String line(PlanNode n) {
    return switch (n) {
      case PlanNode.Dml d -> "StreamDml { table: " + d.tableId() + " }";
      case PlanNode.Source s -> "StreamTableScan { table: " + s.layout().tableId() + " }";
      case PlanNode.Values v -> "StreamValues { rows: " + v.rows().size() + " }";
      case PlanNode.Upstream u -> "StreamTableScan { table: " + u.tableId() + " (view) }";
      case PlanNode.Filter f -> "StreamFilter";
      case PlanNode.Project p -> "StreamProject { exprs: " + p.exprs().size() + " }";
      case PlanNode.HopWindow h ->
          "StreamHopWindow { time_col: $"
              + h.timeColumn()
              + ", slide: "
              + h.slide()
              + "us, size: "
              + h.size()
              + "us }";
      case PlanNode.Union u -> "StreamUnion { all: true }";
      case PlanNode.Changelog c -> "StreamChangeLog { need_op: true }";
      case PlanNode.HashAgg a ->
          (a.groupKeys().length == 0 ? "StreamSimpleAgg" : "StreamHashAgg")
              + " { group_key: "
              + cols(a.groupKeys())
              + ", aggs: "
              + a.calls().stream()
                  .map(
                      c ->
                          (c.finisher() != null
                                  ? c.finisher().name()
                                  : c.kind().name().toLowerCase())
                              + (c.distinct() ? "(distinct " : "(")
                              + Arrays.stream(c.args())
                                  .mapToObj(x -> "$" + x)
                                  .collect(Collectors.joining(", "))
                              + ")")
                  .toList()
              + " }";
      case PlanNode.HashJoin j ->
          "StreamHashJoin { type: "
              + j.joinType()
              + ", keys: "
              + cols(j.leftKeys())
              + " = "
              + cols(j.rightKeys())
              + (j.condition() == null ? "" : ", condition")
              + " }";
      case PlanNode.TemporalJoin j ->
          "StreamTemporalJoin { type: "
              + j.joinType()
              + ", append_only: "
              + (j.memoTable() < 0)
              + ", keys: "
              + cols(j.leftKeys())
              + " = "
              + cols(j.rightKeys())
              + ", table: "
              + j.rightTable().tableId()
              + (j.condition() == null ? "" : ", condition")
              + " }";
      case PlanNode.TopN t ->
          (t.groupKeys().length == 0 ? "StreamTopN" : "StreamGroupTopN")
              + " { order: "
              + cols(t.orderCols())
              + " "
              + t.orders()
              + ", limit: "
              + t.limit()
              + ", offset: "
              + t.offset()
              + (t.withTies() ? ", with_ties" : "")
              + (t.groupKeys().length == 0 ? "" : ", group_key: " + cols(t.groupKeys()))
              + " }";
      case PlanNode.OverWindow w ->
          (w.eowc() == null ? "StreamOverWindow" : "StreamEowcOverWindow")
              + " { partitions: "
              + w.partitionBy().size()
              + " }";
      case PlanNode.WatermarkFilter w -> "StreamWatermarkFilter { watermark: $" + w.column() + " }";
      case PlanNode.EowcSort e -> "StreamEowcSort { sort_column: $" + e.column() + " }";
      case PlanNode.DynamicFilter d ->
          "StreamDynamicFilter { $" + d.column() + " " + d.comparison() + " right }";
      case PlanNode.Materialize m ->
          "StreamMaterialize { table: "
              + m.tableId()
              + (m.pk().length == 0 ? ", multiset" : ", pk: " + cols(m.pk()))
              + (m.conflict() == Conflict.NONE ? "" : ", conflict: " + m.conflict())
              + " }";
    };
  }
}

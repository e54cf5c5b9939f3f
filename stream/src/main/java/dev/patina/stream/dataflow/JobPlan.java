package dev.patina.stream.dataflow;

import java.util.List;

/**
 * A streaming job as {@link StreamGraphBuilder} built it: operators in topological order, the
 * materialized table it writes, and the ids of the state tables its operators own. Instantiated by
 * {@link StreamRuntime#create}; after a restart the engine builds the same plan again with the same
 * state table ids ({@link #stateTableIds()}, saved in its catalog) and the job continues from its
 * committed state.
 */
public record JobPlan(
    String name, List<PlanNode> nodes, int materializedTable, List<Integer> stateTableIds) {
  public JobPlan {
    nodes = List.copyOf(nodes);
    stateTableIds = List.copyOf(stateTableIds);
  }

  /** Every table id whose rows belong to this job (its materialized table and its state). */
  public List<Integer> allTableIds() {
    return Rows.plus(List.of(materializedTable), stateTableIds);
  }

  /** The operator tree, root first, one operator a line (for EXPLAIN). */
  public String explain() {
    return Explain.of(this);
  }

  /** The tables this job reads the change streams of. */
  public List<Integer> upstreamTables() {
    return nodes.stream()
        .filter(n -> n instanceof PlanNode.Upstream)
        .map(n -> ((PlanNode.Upstream) n).tableId())
        .toList();
  }
}

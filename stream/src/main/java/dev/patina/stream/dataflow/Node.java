package dev.patina.stream.dataflow;

import dev.patina.stream.types.DataType;
import java.util.List;

/**
 * An operator's output in a plan being built: its position in the plan and the types of its output
 * columns. Column indexes passed to {@link StreamGraphBuilder} refer to these columns.
 */
public record Node(int id, List<DataType> types) {
  public Node {
    types = List.copyOf(types);
  }

  /** The number of output columns. */
  public int width() {
    return types.size();
  }
}

package dev.patina.stream.engine;

/**
 * One change to a table's rows, as the streaming engine consumes it: RisingWave's stream chunk
 * operations. An UPDATE is an {@code UPDATE_DELETE} of the old row followed by an {@code
 * UPDATE_INSERT} of the new one.
 */
public record RowChange(Op op, Object[] row) {
  public enum Op {
    INSERT,
    DELETE,
    UPDATE_DELETE,
    UPDATE_INSERT
  }
}

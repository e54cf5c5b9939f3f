package dev.patina.stream.dataflow;

/**
 * What {@link StreamGraphBuilder#materialize} does with a row whose primary key is already present
 * (RisingWave's {@code ConflictBehavior}).
 */
public enum Conflict {
  /** The input is consistent (an MV's stream key, an append-only table): no lookup is made. */
  NONE,
  /** The new row replaces the old one, downstream sees an update; deletes remove by key. */
  OVERWRITE,
  /** The new row is dropped (INSERT ... ON CONFLICT DO NOTHING). */
  IGNORE
}

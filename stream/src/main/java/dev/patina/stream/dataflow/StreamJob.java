package dev.patina.stream.dataflow;

/**
 * A running job of a {@link StreamRuntime}: the handle the engine keeps to drop it.
 *
 * @param plan what was instantiated
 */
public record StreamJob(JobPlan plan) {
  /** The materialized table the job writes. */
  public int tableId() {
    return plan.materializedTable();
  }
}

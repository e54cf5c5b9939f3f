/**
 * From SQL to dataflow: {@link dev.patina.stream.dataflow.planner.StreamPlanner} turns a
 * materialized view's bound logical plan into a streaming job, and {@link
 * dev.patina.stream.dataflow.planner.DataflowBackend} is the engine's streaming backend that runs
 * those jobs on a {@link dev.patina.stream.dataflow.StreamRuntime}, passes committed table changes
 * through them and answers FLUSH.
 *
 * <p>Engine hooks: create the backend before the {@code Database}; on startup call {@link
 * dev.patina.stream.dataflow.planner.DataflowBackend#recover} with the catalog's materialized
 * views; for crash-exact commits call {@link
 * dev.patina.stream.dataflow.planner.DataflowBackend#commit} instead of committing a statement's
 * batch and then passing its changes; the batch executor reads maintained views through {@link
 * dev.patina.stream.dataflow.MaterializedRows}.
 */
package dev.patina.stream.dataflow.planner;

/**
 * The streaming engine: materialized views maintained incrementally over change streams
 * (RisingWave's {@code stream} crate, on one node).
 *
 * <p><b>Model.</b> Changes travel as {@link dev.patina.stream.dataflow.Chunk}s of rows with an
 * {@link dev.patina.stream.dataflow.Op} (insert, delete, update as a delete/insert pair). A {@link
 * dev.patina.stream.dataflow.Barrier} closes an epoch: every operator emits what the epoch produced
 * (aggregates emit at barriers), moves its staged state into the epoch's write batch, and passes
 * the barrier on; operators with several inputs align barriers. The {@link
 * dev.patina.stream.dataflow.StreamRuntime} runs every job of a database on one worker thread and
 * commits each epoch's writes of all jobs, and the engine's own writes, in one atomic store write:
 * a reader of the store's committed state never sees one view ahead of another.
 *
 * <p><b>API for the planner</b> (the engine's {@code plan.StreamPlanner} and {@code
 * engine.DataflowBackend} use it).
 *
 * <ol>
 *   <li>A table: {@code b.materialize(b.dml(id, types), id, pk, Conflict.OVERWRITE)} (no pk and
 *       {@code Conflict.NONE} for a multiset; an append-only table with a pk: {@code NONE}); the
 *       engine writes rows with {@link dev.patina.stream.dataflow.StreamRuntime#write} (a DELETE
 *       need carry only the key columns under {@code OVERWRITE}).
 *   <li>A materialized view: {@code b.table(id, types)} for each table or view read (it starts with
 *       a snapshot of its rows), then {@code filter}, {@code project}, {@code hashAgg}, {@code
 *       hashJoin}, {@code topN}, {@code union} ... with column indexes into each input's output,
 *       ending in one {@code materialize}. {@link dev.patina.stream.dataflow.StreamRuntime#create}
 *       backfills it and returns once it is committed.
 *   <li>A table the engine stores itself: {@code b.source(layout)}; each statement's writes and
 *       changes go through {@link dev.patina.stream.dataflow.StreamRuntime#commit}, which commits
 *       table rows and every view's new state in one store write.
 *   <li>FLUSH is {@link dev.patina.stream.dataflow.StreamRuntime#flush()}; catalog writes ride
 *       along with {@link dev.patina.stream.dataflow.StreamRuntime#flush(
 *       dev.patina.stream.state.WriteBatch)}. Reads: {@link
 *       dev.patina.stream.dataflow.StreamRuntime#scan} or {@link
 *       dev.patina.stream.state.MultisetRows} over a snapshot.
 *   <li>Recovery: after a restart, build the same plans with the same state table ids ({@link
 *       dev.patina.stream.dataflow.JobPlan#stateTableIds()}) and create them again, upstream jobs
 *       first; each operator reloads its committed state and nothing is replayed twice.
 * </ol>
 */
package dev.patina.stream.dataflow;

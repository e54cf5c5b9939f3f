package dev.patina.stream.engine;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.dataflow.Chunk;
import dev.patina.stream.dataflow.JobPlan;
import dev.patina.stream.dataflow.Op;
import dev.patina.stream.dataflow.StreamJob;
import dev.patina.stream.dataflow.StreamRuntime;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.plan.StreamPlanner;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.state.StateStore;
import dev.patina.stream.state.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materialized views maintained by {@code dataflow} jobs on a {@link StreamRuntime}: every table is
 * a change-stream source, each DML statement's changes are applied to every view in the same atomic
 * commit as the statement's own writes, so that a view never lags behind a committed write and
 * FLUSH has nothing to wait for. Views the {@link StreamPlanner} cannot maintain are computed when
 * read.
 */
public final class DataflowBackend implements StreamingBackend {
  private static final Logger LOG = LoggerFactory.getLogger(DataflowBackend.class);

  private final StreamRuntime runtime;
  private final Map<Integer, StreamJob> jobs = new HashMap<>();

  public DataflowBackend(StateStore store) {
    this.runtime = new StreamRuntime(store, Duration.ZERO);
  }

  @Override
  public long commit(StateStore store, WriteBatch batch, Map<Integer, List<RowChange>> changes) {
    Map<Integer, List<Chunk>> chunks = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<RowChange>> e : changes.entrySet()) {
      Chunk.Builder c = new Chunk.Builder();
      for (RowChange ch : e.getValue()) {
        c.add(
            switch (ch.op()) {
              case INSERT -> Op.INSERT;
              case DELETE -> Op.DELETE;
              case UPDATE_DELETE -> Op.UPDATE_DELETE;
              case UPDATE_INSERT -> Op.UPDATE_INSERT;
            },
            ch.row());
      }
      chunks.put(e.getKey(), new ArrayList<>(List.of(c.build())));
    }
    return runtime.commit(batch, chunks);
  }

  @Override
  public PreparedView prepareMaterializedView(
      Relation mv, Binder.BoundQuery query, IntSupplier ids) {
    JobPlan plan;
    List<Integer> allocated = new ArrayList<>();
    try {
      plan =
          StreamPlanner.plan(
              mv,
              query.plan(),
              () -> {
                int id = ids.getAsInt();
                allocated.add(id);
                return id;
              },
              dev.patina.stream.batch.BatchExecutor::overWindow,
              dev.patina.stream.batch.BatchExecutor::aggregateValues);
    } catch (StreamPlanner.Unsupported e) {
      LOG.info("materialized view {} is computed when read: {}", mv.name(), e.getMessage());
      return null;
    }
    return new PreparedView(allocated, () -> jobs.put(mv.id(), runtime.create(plan)));
  }

  @Override
  public void dropMaterializedView(Relation mv) {
    StreamJob job = jobs.remove(mv.id());
    if (job != null) {
      runtime.drop(job);
    }
  }

  @Override
  public List<Object[]> scan(Relation mv, ReadView view) {
    List<Object[]> rows = new ArrayList<>();
    runtime.scan(mv.id(), view, rows::add);
    return rows;
  }

  @Override
  public dev.patina.stream.state.TableLayout keyedLayout(Relation mv) {
    return runtime.layout(mv.id());
  }

  @Override
  public void flush() {
    runtime.flush();
  }

  @Override
  public void recover() {
    runtime.recoverJobs();
  }

  @Override
  public void close() {
    runtime.close();
  }
}

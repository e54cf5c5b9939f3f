package dev.patina.stream.dataflow.planner;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.dataflow.Chunk;
import dev.patina.stream.dataflow.JobPlan;
import dev.patina.stream.dataflow.Op;
import dev.patina.stream.dataflow.StreamException;
import dev.patina.stream.dataflow.StreamJob;
import dev.patina.stream.dataflow.StreamRuntime;
import dev.patina.stream.engine.RowChange;
import dev.patina.stream.engine.StreamingBackend;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.state.StateStore;
import dev.patina.stream.state.WriteBatch;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link StreamingBackend} on Patina's dataflow: each materialized view becomes a
 * streaming job ({@link StreamPlanner}) whose rows live in the view's own table id as a multiset
 * ({@link dev.patina.stream.dataflow.MaterializedRows}); every committed statement's changes run
 * through the jobs and their state commits right after, in the next epoch. Views whose query has no
 * streaming counterpart yet are left to the engine (computed on read).
 *
 * <p>State tables of view {@code v} use ids {@code 1_000_000_000 + v * 1000 + n}, so that the same
 * view planned again after a restart finds its state: call {@link #createMaterializedView} for
 * every materialized view again, in id order, when the database opens.
 */
public final class DataflowBackend implements StreamingBackend {
  private static final Logger LOG = LoggerFactory.getLogger(DataflowBackend.class);
  private static final int STATE_ID_BASE = 1_000_000_000;
  private static final int STATE_IDS_PER_VIEW = 1000;

  private final Map<Integer, StreamJob> jobs = new ConcurrentHashMap<>();
  private volatile StreamRuntime runtime;

  private synchronized StreamRuntime runtime(StateStore store) {
    if (runtime == null) {
      runtime = new StreamRuntime(store, Duration.ZERO);
    }
    return runtime;
  }

  /** The state table ids of view {@code viewId}, in allocation order. */
  static IntSupplier stateIds(int viewId) {
    int[] next = {0};
    return () -> {
      if (next[0] >= STATE_IDS_PER_VIEW) {
        throw new StreamException("the view needs more than " + STATE_IDS_PER_VIEW + " states");
      }
      return STATE_ID_BASE + viewId * STATE_IDS_PER_VIEW + next[0]++;
    };
  }

  @Override
  public boolean maintains(Relation mv) {
    return jobs.containsKey(mv.id());
  }

  @Override
  public void createMaterializedView(Relation mv, Binder.BoundQuery query, StateStore store) {
    JobPlan plan;
    try (ReadView view = store.snapshot()) {
      plan = StreamPlanner.plan(mv, query.plan(), stateIds(mv.id()), view);
    } catch (StreamException e) {
      LOG.info("materialized view {} is computed on read: {}", mv.name(), e.getMessage());
      return;
    }
    jobs.put(mv.id(), runtime(store).create(plan));
  }

  @Override
  public void dropMaterializedView(Relation mv) {
    StreamJob job = jobs.remove(mv.id());
    if (job != null) {
      runtime.drop(job);
    }
  }

  @Override
  public void onTableChanges(long epoch, Map<Integer, List<RowChange>> changes) {
    StreamRuntime rt = runtime;
    if (rt == null || jobs.isEmpty()) {
      return;
    }
    rt.commit(new WriteBatch(), chunks(changes));
  }

  /**
   * Commits one statement's writes ({@code batch}: table rows, catalog) and the views' resulting
   * state in one store write, and returns its epoch: what the engine should call instead of
   * committing {@code batch} itself and then calling {@link #onTableChanges}, so that a crash
   * between the two commits cannot leave a view behind its tables.
   */
  public long commit(StateStore store, WriteBatch batch, Map<Integer, List<RowChange>> changes) {
    return runtime(store).commit(batch, chunks(changes));
  }

  /**
   * Starts the jobs of existing materialized views after a restart, in id order (a view's upstream
   * views first); each resumes from its committed state. {@code bind} gives a view's bound
   * definition; views the dataflow cannot maintain stay computed on read.
   */
  public void recover(
      List<Relation> views,
      java.util.function.Function<Relation, Binder.BoundQuery> bind,
      StateStore store) {
    views.stream()
        .sorted(java.util.Comparator.comparingInt(Relation::id))
        .forEach(mv -> createMaterializedView(mv, bind.apply(mv), store));
  }

  private static Map<Integer, List<Chunk>> chunks(Map<Integer, List<RowChange>> changes) {
    Map<Integer, List<Chunk>> chunks = new HashMap<>();
    changes.forEach((table, list) -> chunks.put(table, List.of(chunk(list))));
    return chunks;
  }

  private static Chunk chunk(List<RowChange> changes) {
    Chunk.Builder b = new Chunk.Builder();
    for (RowChange c : changes) {
      Op op =
          switch (c.op()) {
            case INSERT -> Op.INSERT;
            case DELETE -> Op.DELETE;
            case UPDATE_DELETE -> Op.UPDATE_DELETE;
            case UPDATE_INSERT -> Op.UPDATE_INSERT;
          };
      b.add(op, c.row());
    }
    return b.build();
  }

  @Override
  public void flush() {
    StreamRuntime rt = runtime;
    if (rt != null) {
      rt.flush();
    }
  }

  @Override
  public void close() {
    StreamRuntime rt = runtime;
    if (rt != null) {
      rt.close();
    }
  }
}

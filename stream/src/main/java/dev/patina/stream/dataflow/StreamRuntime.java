package dev.patina.stream.dataflow;

import dev.patina.stream.state.Epochs;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.state.StateStore;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming engine of one database (RisingWave's compute node and barrier manager on one node).
 * All jobs run on one worker thread that takes messages in order: DML chunks, barriers, job
 * creation and removal. A barrier goes into every source, passes every operator (each emits what
 * the epoch produced and stages its state), and then the epoch's writes of all jobs, together with
 * any writes the engine hands over ({@link #flush(WriteBatch)}), are committed to the store in one
 * atomic write. Readers that read the store's committed state therefore never see one view ahead of
 * another, and after a crash every job resumes from the same epoch.
 *
 * <p>If an operator fails unexpectedly, the runtime discards everything since the last commit and
 * rebuilds every job from its committed state (RisingWave's recovery); the changes of that epoch
 * are lost, committed ones never.
 */
public final class StreamRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamRuntime.class);
  private static final Runnable STOP = () -> {};

  private final StateStore store;
  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>(4096);
  private final Thread worker;
  private final Thread ticker;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final AtomicLong warnings = new AtomicLong();
  private volatile boolean closed;

  // Owned by the worker thread.
  private ExecContext ctx;
  private final LinkedHashMap<Integer, Running> jobs = new LinkedHashMap<>();

  /** The executors that receive the changes written to a table id (DML and engine sources). */
  private final Map<Integer, List<Executor>> receivers = new ConcurrentHashMap<>();

  private final Map<Integer, Materialize> materialized = new ConcurrentHashMap<>();
  private final List<Executor> roots = new ArrayList<>();
  private WriteBatch pendingDrops = new WriteBatch();
  private long epoch;

  private record Running(JobPlan plan, List<Executor> executors, List<Executor> roots) {}

  /** A runtime over {@code store} that commits a checkpoint every second while data flows. */
  public StreamRuntime(StateStore store) {
    this(store, Duration.ofSeconds(1));
  }

  /**
   * @param barrierInterval how often a checkpoint barrier is injected when changes are pending
   *     (zero: only on {@link #flush})
   */
  public StreamRuntime(StateStore store, Duration barrierInterval) {
    this.store = store;
    this.ctx = newContext();
    this.epoch = Epochs.next(store.committedEpoch());
    this.worker = Thread.ofPlatform().name("stream-worker").daemon().start(this::work);
    this.ticker =
        barrierInterval.isZero()
            ? null
            : Thread.ofVirtual().name("stream-barrier-ticker").start(() -> tick(barrierInterval));
  }

  private ExecContext newContext() {
    return new ExecContext(
        store,
        msg -> {
          if (warnings.incrementAndGet() <= 100) {
            LOG.warn("stream: {}", msg);
          }
        });
  }

  /** The store the runtime commits to. */
  public StateStore store() {
    return store;
  }

  /** How many expression errors streaming turned into NULL (or a false filter) so far. */
  public long warningCount() {
    return warnings.get();
  }

  // ----------------------------------------------------------------------------------------------
  // Public operations: each is a message for the worker.

  /**
   * Instantiates {@code plan}: its operators load their committed state; sources that have not yet
   * delivered their initial rows (the snapshot of an upstream table, constant rows) do so; then a
   * checkpoint commits the job. Also how a job is recovered after a restart: build the same plan
   * with the same state table ids and create it again, upstream jobs first.
   */
  public StreamJob create(JobPlan plan) {
    return call(
        () -> {
          if (jobs.containsKey(plan.materializedTable())) {
            throw new StreamException(
                "table " + plan.materializedTable() + " is already maintained");
          }
          try {
            instantiate(plan);
          } catch (RuntimeException e) {
            recover();
            throw e;
          }
          barrier(null);
          return new StreamJob(plan);
        });
  }

  /**
   * Removes {@code job} and deletes its materialized table and state, committed at once. Fails if
   * another job reads its table.
   */
  public void drop(StreamJob job) {
    call(
        () -> {
          Running r = jobs.get(job.tableId());
          if (r == null) {
            throw new StreamException("no job maintains table " + job.tableId());
          }
          if (materialized.get(job.tableId()).hasDownstream()) {
            throw new StreamException(
                "table " + job.tableId() + " is read by another materialized view");
          }
          detach(r);
          jobs.remove(job.tableId());
          for (int id : r.plan.allTableIds()) {
            StateTable.truncate(id, pendingDrops);
          }
          barrier(null);
          return null;
        });
  }

  /**
   * Queues a chunk of changes to table {@code tableId} (read by {@link StreamGraphBuilder#dml} or
   * {@link StreamGraphBuilder#source}); they are part of the next epoch. Blocks when the queue is
   * full. Changes to a table no job reads are dropped.
   */
  public void write(int tableId, Chunk chunk) {
    dirty.set(true);
    put(() -> deliver(tableId, chunk));
  }

  /**
   * Applies one statement's changes and commits them, the statement's own writes ({@code writes}:
   * table rows, catalog) and every job's resulting state in one atomic store write, so that a crash
   * never leaves a view behind or ahead of its tables. Returns the committed epoch.
   *
   * @param changes per table id, the changes in order
   */
  public long commit(WriteBatch writes, Map<Integer, List<Chunk>> changes) {
    return call(
        () -> {
          changes.forEach((id, chunks) -> chunks.forEach(c -> deliver(id, c)));
          return barrier(writes);
        });
  }

  private void deliver(int tableId, Chunk chunk) {
    for (Executor e : receivers.getOrDefault(tableId, List.of())) {
      e.receiveChunk(0, chunk);
    }
  }

  /** Injects a checkpoint barrier and returns once it is committed: FLUSH. Returns the epoch. */
  public long flush() {
    return flush(null);
  }

  /**
   * Like {@link #flush()}, and commits {@code extra} (the engine's catalog or DDL writes) in the
   * same atomic write as the epoch's state.
   */
  public long flush(WriteBatch extra) {
    return call(() -> barrier(extra));
  }

  /**
   * Rebuilds every job from the last committed epoch, as after a restart: operators drop what they
   * hold in memory and load their state tables again (RisingWave's {@code RECOVER}).
   */
  public void recoverJobs() {
    call(
        () -> {
          recover();
          return null;
        });
  }

  /** The last committed epoch. */
  public long committedEpoch() {
    return store.committedEpoch();
  }

  /** A snapshot of the committed state, for consistent reads across views. Close it after use. */
  public ReadView snapshot() {
    return store.snapshot();
  }

  /**
   * The rows of materialized table {@code tableId} as {@code view} sees them (duplicates of a
   * multiset table repeated), in key order.
   */
  public void scan(int tableId, ReadView view, Consumer<Object[]> action) {
    Materialize m = materialized.get(tableId);
    if (m == null) {
      throw new StreamException("no job maintains table " + tableId);
    }
    Materialize.scan(m.spec(), view, action);
  }

  /**
   * The state table layout of a materialized table's rows (keyed by its primary key; without one, a
   * multiset keyed by all columns in order, with a trailing count column), or null.
   */
  public dev.patina.stream.state.TableLayout layout(int tableId) {
    Materialize m = materialized.get(tableId);
    return m == null ? null : Materialize.layout(m.spec());
  }

  /** Convenience: the committed rows of a materialized table. */
  public List<Object[]> rows(int tableId) {
    List<Object[]> out = new ArrayList<>();
    try (ReadView v = snapshot()) {
      scan(tableId, v, out::add);
    }
    return out;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticker != null) {
      ticker.interrupt();
    }
    try {
      queue.put(STOP);
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Worker side.

  private void put(Runnable r) {
    if (closed) {
      throw new StreamException("the streaming runtime is closed");
    }
    try {
      queue.put(r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamException("interrupted");
    }
  }

  private <T> T call(Callable<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    put(
        () -> {
          try {
            f.complete(task.call());
          } catch (StreamException e) {
            f.completeExceptionally(e);
          } catch (Throwable t) {
            // An operator failed midway: its state is suspect, rebuild all from the last commit.
            LOG.error("stream: an operator failed; recovering from epoch {}", committedEpoch(), t);
            recover();
            f.completeExceptionally(t);
          }
        });
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new StreamException(e.getCause().toString(), e.getCause());
    }
  }

  private void work() {
    while (true) {
      Runnable r;
      try {
        r = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (r == STOP) {
        return;
      }
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.error("stream: an operator failed; recovering from epoch {}", committedEpoch(), e);
        recover();
      }
    }
  }

  private void tick(Duration interval) {
    while (!closed) {
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
      if (dirty.getAndSet(false) && !closed) {
        try {
          put(
              () -> {
                try {
                  barrier(null);
                } catch (RuntimeException e) {
                  LOG.error("stream: checkpoint failed; recovering", e);
                  recover();
                }
              });
        } catch (StreamException e) {
          return;
        }
      }
    }
  }

  /** Passes a checkpoint barrier through every job and commits the epoch. */
  private long barrier(WriteBatch extra) {
    // Others may have committed to the store (the engine's DDL): stay above them.
    epoch = Math.max(epoch, Epochs.next(store.committedEpoch()));
    Barrier b = new Barrier(epoch, true);
    try {
      for (Executor r : roots) {
        r.passBarrier(b);
      }
    } catch (RuntimeException e) {
      recover();
      throw new StreamException("checkpoint failed: " + e.getMessage(), e);
    }
    WriteBatch batch = ctx.takeBatch();
    batch.addAll(pendingDrops);
    if (extra != null) {
      batch.addAll(extra);
    }
    try {
      store.commit(batch, epoch);
    } catch (RuntimeException e) {
      recover();
      throw new StreamException("commit of epoch " + epoch + " failed: " + e.getMessage(), e);
    }
    pendingDrops = new WriteBatch();
    long committed = epoch;
    epoch = Epochs.next(epoch);
    return committed;
  }

  /** Drops all uncommitted work and rebuilds every job from the committed state. */
  private void recover() {
    List<JobPlan> plans = jobs.values().stream().map(Running::plan).toList();
    jobs.clear();
    receivers.clear();
    materialized.clear();
    roots.clear();
    pendingDrops = new WriteBatch();
    ctx = newContext();
    for (JobPlan p : plans) {
      try {
        instantiate(p);
      } catch (RuntimeException e) {
        LOG.error("stream: job {} could not be recovered", p.name(), e);
      }
    }
  }

  private void detach(Running r) {
    for (Executor e : r.executors) {
      if (e instanceof SimpleExecutors.Upstream) {
        for (Materialize m : materialized.values()) {
          m.disconnect(e);
        }
      }
    }
    roots.removeAll(r.roots);
    PlanNode last = r.plan.nodes().getLast();
    materialized.remove(((PlanNode.Materialize) last).tableId());
    for (List<Executor> list : receivers.values()) {
      list.removeAll(r.executors);
    }
  }

  private void instantiate(JobPlan plan) {
    List<Executor> ex = new ArrayList<>();
    List<Executor> jobRoots = new ArrayList<>();
    List<Runnable> attach = new ArrayList<>();
    List<SimpleExecutors.OnceSource> starts = new ArrayList<>();
    for (PlanNode n : plan.nodes()) {
      Executor e =
          switch (n) {
            case PlanNode.Dml d -> {
              SimpleExecutors.Dml x = new SimpleExecutors.Dml(ctx);
              jobRoots.add(x);
              attach.add(() -> receive(d.tableId(), x));
              yield x;
            }
            case PlanNode.Source src -> {
              SimpleExecutors.Source x = new SimpleExecutors.Source(ctx, src);
              jobRoots.add(x);
              starts.add(x);
              attach.add(() -> receive(src.layout().tableId(), x));
              yield x;
            }
            case PlanNode.Values v -> {
              SimpleExecutors.Values x = new SimpleExecutors.Values(ctx, v);
              jobRoots.add(x);
              starts.add(x);
              yield x;
            }
            case PlanNode.Upstream u -> {
              Materialize up = materialized.get(u.tableId());
              if (up == null) {
                throw new StreamException("no job maintains table " + u.tableId());
              }
              if (!up.spec().types().equals(u.types())) {
                throw new StreamException("table " + u.tableId() + " has other column types");
              }
              SimpleExecutors.Upstream x = new SimpleExecutors.Upstream(ctx, u, up);
              starts.add(x);
              attach.add(() -> up.connect(x, 0));
              yield x;
            }
            case PlanNode.Filter f -> wire(ex, new SimpleExecutors.Filter(ctx, f), f.input());
            case PlanNode.FlatMap f -> wire(ex, new SimpleExecutors.FlatMap(ctx, f), f.input());
            case PlanNode.Project p -> wire(ex, new SimpleExecutors.Project(ctx, p), p.input());
            case PlanNode.Union u -> {
              Executor x = new SimpleExecutors.Union(ctx, u.inputs().size());
              for (int i = 0; i < u.inputs().size(); i++) {
                ex.get(u.inputs().get(i)).connect(x, i);
              }
              yield x;
            }
            case PlanNode.Materialize m -> {
              Materialize x = new Materialize(ctx, m);
              attach.add(() -> materialized.put(m.tableId(), x));
              yield wire(ex, x, m.input());
            }
            default -> Operators.create(ctx, n, ex);
          };
      ex.add(e);
    }
    // Initial rows flow through the new job only; then it joins the running graph.
    for (SimpleExecutors.OnceSource s : starts) {
      s.start();
    }
    attach.forEach(Runnable::run);
    roots.addAll(jobRoots);
    jobs.put(plan.materializedTable(), new Running(plan, ex, jobRoots));
  }

  private void receive(int tableId, Executor e) {
    receivers
        .computeIfAbsent(tableId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(e);
  }

  private static Executor wire(List<Executor> ex, Executor e, int input) {
    ex.get(input).connect(e, 0);
    return e;
  }
}

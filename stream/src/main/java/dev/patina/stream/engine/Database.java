package dev.patina.stream.engine;

import dev.patina.stream.catalog.Catalog;
import dev.patina.stream.catalog.Relation;
import dev.patina.stream.catalog.RelationKind;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.state.MemoryStateStore;
import dev.patina.stream.state.RocksStateStore;
import dev.patina.stream.state.StateStore;
import dev.patina.stream.state.WriteBatch;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One database: its store, catalog and streaming backend. Statements that write (DML, DDL) run one
 * at a time under {@link #writeLock()}; each commits one epoch whose batch holds its data and
 * catalog writes together, so a statement's effect is all or nothing, also across a crash. Reads
 * run on store snapshots without the lock.
 */
public final class Database implements AutoCloseable {
  private final StateStore store;
  private final Catalog catalog;
  private final StreamingBackend backend;
  private final ReentrantLock lock = new ReentrantLock();
  private long nextRowId;

  private Database(StateStore store, Function<StateStore, StreamingBackend> backend) {
    this.store = store;
    this.backend = backend.apply(store);
    this.catalog = Catalog.load(store.latest());
    // row ids: time-based high bits so that ids stay unique across restarts, in RisingWave's
    // layout so that _row_id::timestamptz gives the insertion time (Casts.rowIdTime)
    this.nextRowId =
        (System.currentTimeMillis() - Casts.ROW_ID_EPOCH_MILLIS) << Casts.ROW_ID_TIMESTAMP_SHIFT;
  }

  /** A database kept in RocksDB under {@code dir}, recovering what it held. */
  public static Database open(Path dir, Function<StateStore, StreamingBackend> backend) {
    Database db = new Database(RocksStateStore.open(dir, false), backend);
    db.restartViews();
    return db;
  }

  /** A database in memory with a given backend instance (tests). */
  public static Database inMemory(StreamingBackend backend) {
    return inMemory(store -> backend);
  }

  /** A database in memory (tests). */
  public static Database inMemory(Function<StateStore, StreamingBackend> backend) {
    return new Database(new MemoryStateStore(), backend);
  }

  /** Restarts the jobs of maintained views, upstream ones first, from their committed state. */
  private void restartViews() {
    for (Relation r : catalog.all()) {
      if (r.kind() != RelationKind.MATERIALIZED_VIEW || !r.maintained()) {
        continue;
      }
      Binder binder =
          new Binder(
                  catalog,
                  new Binder.Options(
                      "root",
                      StreamEngine.DATABASE,
                      List.of(),
                      plan -> {
                        throw new IllegalStateException("a maintained view has no subqueries");
                      },
                      Relation::maintained))
              .forMaterializedView();
      // bound in the creating session's TimeZone, as at creation (literals fold in it)
      Binder.BoundQuery q;
      try {
        q =
            dev.patina.stream.expr.EvalContext.of(
                    java.time.Instant.now(),
                    r.timeZone() == null
                        ? java.time.ZoneOffset.UTC
                        : java.time.ZoneId.of(r.timeZone()))
                .call(() -> binder.bindQuery(Binder.definitionQuery(r)));
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      Iterator<Integer> saved = r.stateTables().iterator();
      StreamingBackend.PreparedView job = backend.prepareMaterializedView(r, q, () -> saved.next());
      if (job == null) {
        throw new IllegalStateException(
            "materialized view " + r.name() + " can no longer be planned");
      }
      job.start().run();
    }
  }

  public StateStore store() {
    return store;
  }

  public Catalog catalog() {
    return catalog;
  }

  public StreamingBackend backend() {
    return backend;
  }

  public ReentrantLock writeLock() {
    return lock;
  }

  /** A fresh {@code _row_id} (caller holds the lock). */
  long nextRowId() {
    return nextRowId++;
  }

  /**
   * Commits one statement's writes as a new epoch, then makes its catalog changes visible and hands
   * its row changes to the streaming backend. Caller holds the lock.
   */
  long commit(
      WriteBatch batch,
      Collection<Relation> created,
      Collection<Relation> dropped,
      Map<Integer, List<RowChange>> changes) {
    long epoch = backend.commit(store, batch, changes);
    catalog.apply(created, dropped);
    return epoch;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      backend.close();
      store.checkpoint();
      store.close();
    } finally {
      lock.unlock();
    }
  }
}

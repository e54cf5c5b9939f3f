package dev.patina.stream.engine;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.state.Epochs;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.state.StateStore;
import dev.patina.stream.state.WriteBatch;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The streaming engine as the SQL engine sees it: it commits the engine's writes together with the
 * state of the materialized views those writes change, and maintains views incrementally. {@link
 * DataflowBackend} runs {@code dataflow} jobs; {@link #viewsComputedOnRead()} maintains nothing and
 * lets reads compute a view from its definition (the same rows a maintained view holds after
 * FLUSH).
 *
 * <p>All calls come under the database's write lock, in commit order.
 */
public interface StreamingBackend extends AutoCloseable {
  /**
   * Commits one statement's writes (table rows, catalog) and the changes they make to tables, with
   * every materialized view's resulting state, atomically. Returns the committed epoch.
   */
  long commit(StateStore store, WriteBatch batch, Map<Integer, List<RowChange>> changes);

  /** A materialized view's job, planned but not yet started. */
  record PreparedView(List<Integer> stateTables, Runnable start) {}

  /**
   * Plans the job maintaining {@code mv} ({@code query} is its bound definition), allocating state
   * table ids from {@code ids}; null if the view cannot be maintained and is to be computed when
   * read. The engine saves the ids in the catalog, then starts the job, which backfills from the
   * committed rows of its inputs. After a restart the engine plans again with the saved ids.
   */
  PreparedView prepareMaterializedView(Relation mv, Binder.BoundQuery query, IntSupplier ids);

  /** Stops a maintained view's job and deletes its rows and state. */
  void dropMaterializedView(Relation mv);

  /** The rows of a maintained view as {@code view} sees them. */
  List<Object[]> scan(Relation mv, ReadView view);

  /**
   * The layout of a maintained materialized view's rows in its state table, or null: keyed by its
   * primary key, or a multiset keyed by all its columns in order with a trailing {@code bigint}
   * count of copies (then the layout has one column more than the view).
   */
  default dev.patina.stream.state.TableLayout keyedLayout(Relation mv) {
    return null;
  }

  /** Returns once every materialized view reflects every change committed so far. */
  void flush();

  /**
   * Restarts every view's job from its committed state ({@code RECOVER}); nothing to do where views
   * are computed when read.
   */
  default void recover() {}

  @Override
  default void close() {}

  /** No streaming: materialized views are computed from their definitions when read. */
  static StreamingBackend viewsComputedOnRead() {
    return new StreamingBackend() {
      @Override
      public long commit(
          StateStore store, WriteBatch batch, Map<Integer, List<RowChange>> changes) {
        long epoch = Epochs.next(store.committedEpoch());
        store.commit(batch, epoch);
        return epoch;
      }

      @Override
      public PreparedView prepareMaterializedView(
          Relation mv, Binder.BoundQuery query, IntSupplier ids) {
        return null;
      }

      @Override
      public void dropMaterializedView(Relation mv) {}

      @Override
      public List<Object[]> scan(Relation mv, ReadView view) {
        throw new IllegalStateException("no view is maintained");
      }

      @Override
      public void flush() {}
    };
  }
}

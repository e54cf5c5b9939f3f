package dev.patina.stream.engine;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.state.StateStore;
import java.util.List;
import java.util.Map;

/**
 * The streaming engine as the SQL engine sees it: it maintains materialized views incrementally
 * from the change streams of tables. The {@code dataflow} package implements it; until it does,
 * {@link #viewsComputedOnRead()} answers reads of a materialized view from its definition, which
 * gives the same rows a maintained view would hold after FLUSH.
 *
 * <p>All calls come under the database's DDL/DML lock, in commit order.
 */
public interface StreamingBackend extends AutoCloseable {
  /** Whether {@code mv}'s state table holds its rows (otherwise reads compute them). */
  boolean maintains(Relation mv);

  /**
   * Builds and starts the streaming job of a new materialized view: backfill from the tables'
   * committed rows at {@code store}'s current epoch, then follow their changes. {@code query} is
   * the bound definition (its plan's schema is the view's columns). Called after the catalog entry
   * committed; a failure here makes the engine drop the view again.
   */
  void createMaterializedView(Relation mv, Binder.BoundQuery query, StateStore store);

  /** Stops and forgets a materialized view's job (its rows are deleted by the engine). */
  void dropMaterializedView(Relation mv);

  /** The changes one DML statement committed in {@code epoch}, by table id. */
  void onTableChanges(long epoch, Map<Integer, List<RowChange>> changes);

  /** Returns once every materialized view reflects every change passed so far. */
  void flush();

  @Override
  default void close() {}

  /** No streaming: materialized views are computed from their definitions when read. */
  static StreamingBackend viewsComputedOnRead() {
    return new StreamingBackend() {
      @Override
      public boolean maintains(Relation mv) {
        return false;
      }

      @Override
      public void createMaterializedView(Relation mv, Binder.BoundQuery query, StateStore store) {}

      @Override
      public void dropMaterializedView(Relation mv) {}

      @Override
      public void onTableChanges(long epoch, Map<Integer, List<RowChange>> changes) {}

      @Override
      public void flush() {}
    };
  }
}

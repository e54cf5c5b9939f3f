package dev.patina.stream.dataflow;

import dev.patina.stream.state.StateStore;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.state.WriteBatch;
import java.util.function.Consumer;

/**
 * What executors share inside one runtime: the store their state tables read, the write batch of
 * the epoch being built, and where expression errors are reported.
 */
final class ExecContext {
  private final StateStore store;
  private final Consumer<String> warnings;
  private WriteBatch batch = new WriteBatch();

  ExecContext(StateStore store, Consumer<String> warnings) {
    this.store = store;
    this.warnings = warnings;
  }

  StateTable open(TableLayout layout) {
    return new StateTable(layout, store.latest());
  }

  WriteBatch batch() {
    return batch;
  }

  /** The batch built so far; a fresh one is started. */
  WriteBatch takeBatch() {
    WriteBatch b = batch;
    batch = new WriteBatch();
    return b;
  }

  /** Reports an expression error that streaming turned into NULL (RisingWave's non-strict mode). */
  void warn(String message) {
    warnings.accept(message);
  }
}

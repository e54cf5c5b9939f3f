package dev.patina.kv;

import dev.patina.kv.engine.Engine;
import dev.patina.kv.raw.HybridClock;
import dev.patina.kv.raw.RawStore;
import dev.patina.kv.txn.ConcurrencyManager;
import dev.patina.kv.txn.Latches;
import dev.patina.kv.txn.TxnStore;
import java.util.function.LongSupplier;

/**
 * The storage core of a TiKV store: one RocksDB engine with TiKV's column families, RawKV ({@link
 * #raw()}) and Percolator transactions ({@link #txn()}). Thread-safe. Every operation takes the
 * region range it may touch, in the storage key space, so a server can split ranges freely.
 */
public final class Storage implements AutoCloseable {
  private final StorageOptions options;
  private final Engine engine;
  private final Latches latches;
  private final RawStore raw;
  private final TxnStore txn;

  private Storage(StorageOptions options) {
    this.options = options;
    this.engine = Engine.open(options.path(), options.engineOptions());
    this.latches = new Latches(options.latchSlots());
    Limits limits = new Limits(options.maxKeySize(), options.maxWriteBytes());
    LongSupplier rawTs =
        options.rawTs() != null ? options.rawTs() : new HybridClock(options.clockMillis());
    this.raw =
        new RawStore(engine, latches, options.apiVersion(), limits, options.clockMillis(), rawTs);
    this.txn =
        new TxnStore(engine, latches, new ConcurrencyManager(), options.apiVersion(), limits);
  }

  /** Opens (creating if needed) the storage. */
  public static Storage open(StorageOptions options) {
    return new Storage(options);
  }

  public StorageOptions options() {
    return options;
  }

  /** RawKV. */
  public RawStore raw() {
    return raw;
  }

  /** Percolator transactions. */
  public TxnStore txn() {
    return txn;
  }

  /** The engine underneath (for the server: region meta in the {@code raft} column family). */
  public Engine engine() {
    return engine;
  }

  @Override
  public void close() {
    engine.close();
  }
}

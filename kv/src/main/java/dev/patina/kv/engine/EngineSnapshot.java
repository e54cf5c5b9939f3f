package dev.patina.kv.engine;

import dev.patina.kv.StorageFailureException;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;

/**
 * A consistent view of the engine at one instant. Not thread-safe: one command uses it, then closes
 * it (which also closes its iterators).
 */
public final class EngineSnapshot implements AutoCloseable {
  private final Engine engine;
  private final Snapshot snapshot;
  private final ReadOptions readOptions;
  private final List<EngineIterator> iterators = new ArrayList<>();
  private boolean closed;

  EngineSnapshot(Engine engine, Snapshot snapshot) {
    this.engine = engine;
    this.snapshot = snapshot;
    this.readOptions = new ReadOptions().setSnapshot(snapshot);
  }

  /** The value of a storage key in {@code cf}, or null. */
  public byte[] get(Cf cf, byte[] key) {
    checkOpen();
    try {
      return engine.db().get(engine.handle(cf), readOptions, Engine.physicalKey(cf, key));
    } catch (RocksDBException e) {
      throw new StorageFailureException("RocksDB get failed: " + e.getMessage(), e);
    }
  }

  /**
   * An iterator over storage keys of {@code cf} in {@code [lower, upper)}; null or empty bounds
   * mean the whole data space of the family.
   */
  public EngineIterator iterator(Cf cf, byte[] lower, byte[] upper) {
    checkOpen();
    EngineIterator it = new EngineIterator(engine, cf, snapshot, lower, upper);
    iterators.add(it);
    return it;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("snapshot is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EngineIterator it : iterators) {
      it.close();
    }
    readOptions.close();
    engine.db().releaseSnapshot(snapshot);
    snapshot.close();
    engine.leave();
  }
}

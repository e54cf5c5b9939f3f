package dev.patina.kv.engine;

import dev.patina.kv.StorageFailureException;
import java.util.Arrays;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/** A bounded RocksDB iterator over storage keys (the data prefix is added and stripped here). */
public final class EngineIterator implements AutoCloseable {
  private final Cf cf;
  private final ReadOptions readOptions;
  private final Slice lowerSlice;
  private final Slice upperSlice;
  private final RocksIterator it;
  private final int strip;
  private boolean closed;

  EngineIterator(Engine engine, Cf cf, Snapshot snapshot, byte[] lower, byte[] upper) {
    this.cf = cf;
    this.strip = cf.isData() ? 1 : 0;
    byte[] lo =
        lower == null || lower.length == 0
            ? (cf.isData() ? Engine.DATA_MIN_KEY : null)
            : Engine.physicalKey(cf, lower);
    byte[] hi = Engine.physicalEnd(cf, upper);
    this.readOptions = new ReadOptions().setSnapshot(snapshot).setFillCache(true);
    this.lowerSlice = lo == null ? null : new Slice(lo);
    this.upperSlice = hi == null ? null : new Slice(hi);
    if (lowerSlice != null) {
      readOptions.setIterateLowerBound(lowerSlice);
    }
    if (upperSlice != null) {
      readOptions.setIterateUpperBound(upperSlice);
    }
    this.it = engine.db().newIterator(engine.handle(cf), readOptions);
  }

  /** Positions at the first key {@code >= key}; returns whether it is valid. */
  public boolean seek(byte[] key) {
    it.seek(Engine.physicalKey(cf, key));
    return checkValid();
  }

  /** Positions at the last key {@code <= key}; returns whether it is valid. */
  public boolean seekForPrev(byte[] key) {
    it.seekForPrev(Engine.physicalKey(cf, key));
    return checkValid();
  }

  public boolean seekToFirst() {
    it.seekToFirst();
    return checkValid();
  }

  public boolean seekToLast() {
    it.seekToLast();
    return checkValid();
  }

  public boolean next() {
    it.next();
    return checkValid();
  }

  public boolean prev() {
    it.prev();
    return checkValid();
  }

  public boolean valid() {
    return it.isValid();
  }

  /** The current storage key (without the data prefix). */
  public byte[] key() {
    byte[] k = it.key();
    return strip == 0 ? k : Arrays.copyOfRange(k, strip, k.length);
  }

  public byte[] value() {
    return it.value();
  }

  private boolean checkValid() {
    if (it.isValid()) {
      return true;
    }
    try {
      it.status();
    } catch (RocksDBException e) {
      throw new StorageFailureException("RocksDB iterator failed: " + e.getMessage(), e);
    }
    return false;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    it.close();
    readOptions.close();
    if (lowerSlice != null) {
      lowerSlice.close();
    }
    if (upperSlice != null) {
      upperSlice.close();
    }
  }
}

package dev.patina.stream.state;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteOptions;

/**
 * A {@link StateStore} in a local RocksDB directory. Every commit is one RocksDB write batch that
 * also records the epoch, written through the write-ahead log (synced on every commit when opened
 * with {@code sync}), so a crash loses at most unsynced commits and never half of one.
 */
public final class RocksStateStore implements StateStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final byte[] EPOCH_KEY =
      TableKeys.key(TableKeys.META_TABLE_ID, "\0epoch".getBytes(StandardCharsets.UTF_8));

  private final Path dir;
  private final Options options;
  private final LRUCache cache;
  private final RocksDB db;
  private final WriteOptions writeOptions;
  private final ReadView latest;
  private volatile long committedEpoch;
  private volatile boolean closed;

  private RocksStateStore(Path dir, boolean sync) throws RocksDBException {
    this.dir = dir;
    this.cache = new LRUCache(64L << 20);
    this.options =
        new Options()
            .setCreateIfMissing(true)
            .setMaxBackgroundJobs(2)
            .setKeepLogFileNum(4)
            .setWriteBufferSize(32L << 20)
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setTableFormatConfig(
                new BlockBasedTableConfig().setBlockCache(cache).setBlockSize(16 << 10));
    RocksDB opened;
    try {
      opened = RocksDB.open(options, dir.toString());
    } catch (RocksDBException e) {
      options.close();
      cache.close();
      throw e;
    }
    this.db = opened;
    this.writeOptions = new WriteOptions().setSync(sync);
    byte[] e = db.get(EPOCH_KEY);
    this.committedEpoch = e == null ? 0 : bytesToLong(e);
    this.latest = new View(null);
  }

  /**
   * Opens (creating if needed) the store in {@code dir}.
   *
   * @param sync whether every commit waits for the write-ahead log to reach the disk
   * @throws StateException if the directory cannot be opened (e.g. another process holds it)
   */
  public static RocksStateStore open(Path dir, boolean sync) {
    try {
      Files.createDirectories(dir);
      return new RocksStateStore(dir, sync);
    } catch (RocksDBException | java.io.IOException e) {
      throw new StateException("cannot open the state store in " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return dir;
  }

  @Override
  public ReadView latest() {
    return latest;
  }

  @Override
  public ReadView snapshot() {
    checkOpen();
    return new View(db.getSnapshot());
  }

  @Override
  public synchronized void commit(WriteBatch batch, long epoch) {
    checkOpen();
    if (epoch <= committedEpoch) {
      throw new IllegalArgumentException(
          "epoch " + epoch + " is not after the committed epoch " + committedEpoch);
    }
    try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
      for (WriteBatch.Op op : batch.ops()) {
        switch (op) {
          case WriteBatch.Op.Put p -> wb.put(p.key(), p.value());
          case WriteBatch.Op.Delete d -> wb.delete(d.key());
          case WriteBatch.Op.DeleteRange r -> wb.deleteRange(r.from(), r.to());
        }
      }
      wb.put(EPOCH_KEY, longToBytes(epoch));
      db.write(writeOptions, wb);
      committedEpoch = epoch;
    } catch (RocksDBException e) {
      throw new StateException("commit of epoch " + epoch + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long committedEpoch() {
    return committedEpoch;
  }

  @Override
  public void checkpoint() {
    checkOpen();
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      throw new StateException("checkpoint failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
      db.flush(fo);
    } catch (RocksDBException e) {
      // The WAL still holds every commit.
    }
    db.close();
    writeOptions.close();
    options.close();
    cache.close();
  }

  private void checkOpen() {
    if (closed) {
      throw new StateException("the state store is closed", null);
    }
  }

  private static byte[] longToBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  private static long bytesToLong(byte[] b) {
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xFF);
    }
    return v;
  }

  /** A read at a snapshot, or of the latest state when {@code snapshot} is null. */
  private final class View implements ReadView {
    private final Snapshot snapshot;
    private final long epoch;
    private boolean released;

    View(Snapshot snapshot) {
      this.snapshot = snapshot;
      this.epoch = committedEpoch;
    }

    @Override
    public byte[] get(byte[] key) {
      checkOpen();
      try (ReadOptions ro = new ReadOptions()) {
        if (snapshot != null) {
          ro.setSnapshot(snapshot);
        }
        return db.get(ro, key);
      } catch (RocksDBException e) {
        throw new StateException("read failed: " + e.getMessage(), e);
      }
    }

    @Override
    public CloseableIterator<KeyValue> scan(byte[] from, byte[] to) {
      checkOpen();
      ReadOptions ro = new ReadOptions();
      Slice upper = to == null ? null : new Slice(to);
      if (snapshot != null) {
        ro.setSnapshot(snapshot);
      }
      if (upper != null) {
        ro.setIterateUpperBound(upper);
      }
      RocksIterator it = db.newIterator(ro);
      it.seek(from);
      return new CloseableIterator<>() {
        private boolean done;

        @Override
        public boolean hasNext() {
          return !done && it.isValid();
        }

        @Override
        public KeyValue next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          KeyValue kv = new KeyValue(it.key(), it.value());
          it.next();
          return kv;
        }

        @Override
        public void close() {
          if (!done) {
            done = true;
            it.close();
            ro.close();
            if (upper != null) {
              upper.close();
            }
          }
        }
      };
    }

    @Override
    public long epoch() {
      return snapshot == null ? committedEpoch : epoch;
    }

    @Override
    public synchronized void close() {
      if (snapshot != null && !released && !closed) {
        released = true;
        db.releaseSnapshot(snapshot);
      }
    }
  }
}

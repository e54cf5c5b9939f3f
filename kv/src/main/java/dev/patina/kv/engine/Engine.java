package dev.patina.kv.engine;

import dev.patina.kv.StorageClosedException;
import dev.patina.kv.StorageFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Range;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SizeApproximationFlag;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB engine under TiKV's storage: one database with the column families of {@link Cf}.
 * Data keys are stored as {@code 'z' + key} (TiKV's {@code keys::data_key}) so local keys can live
 * beside them. Writes are atomic batches through the WAL (see {@link Durability}); reads go through
 * {@link EngineSnapshot}s. The engine refuses use after {@link #close()} instead of crashing.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  /** TiKV's {@code keys::DATA_PREFIX}. */
  public static final byte DATA_PREFIX = 'z';

  static final byte[] DATA_MIN_KEY = {DATA_PREFIX};
  static final byte[] DATA_MAX_KEY = {DATA_PREFIX + 1};

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final RocksDB db;
  private final DBOptions dbOptions;
  private final List<ColumnFamilyOptions> cfOptions = new ArrayList<>();
  private final Map<Cf, ColumnFamilyHandle> handles = new EnumMap<>(Cf.class);
  private final List<ColumnFamilyHandle> allHandles = new ArrayList<>();
  private final WriteOptions writeOptions;
  private final Cache blockCache;
  private final BloomFilter bloom;
  private final EngineOptions options;

  private final ReentrantLock lifecycle = new ReentrantLock();
  private final Condition idle = lifecycle.newCondition();
  private final AtomicInteger users = new AtomicInteger();
  private volatile boolean closed;

  private Engine(Path dir, EngineOptions options) throws RocksDBException {
    this.dir = dir;
    this.options = options;
    this.blockCache = new LRUCache(options.blockCacheBytes());
    this.bloom = new BloomFilter(10, false);
    this.dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(options.maxBackgroundJobs())
            .setBytesPerSync(1L << 20)
            .setWalBytesPerSync(512L << 10)
            .setKeepLogFileNum(4);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions(Cf.DEFAULT)));
    for (Cf cf : Cf.values()) {
      if (cf != Cf.DEFAULT) {
        descriptors.add(new ColumnFamilyDescriptor(bytes(cf.cfName()), cfOptions(cf)));
      }
    }
    RocksDB opened;
    try {
      opened = RocksDB.open(dbOptions, dir.toString(), descriptors, allHandles);
    } catch (RocksDBException e) {
      closeOptions();
      throw e;
    }
    this.db = opened;
    int i = 0;
    handles.put(Cf.DEFAULT, allHandles.get(i++));
    for (Cf cf : Cf.values()) {
      if (cf != Cf.DEFAULT) {
        handles.put(cf, allHandles.get(i++));
      }
    }
    this.writeOptions = new WriteOptions().setSync(options.durability() == Durability.SYNC);
  }

  private ColumnFamilyOptions cfOptions(Cf cf) {
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(blockCache)
            .setBlockSize(cf == Cf.WRITE || cf == Cf.LOCK ? 16 << 10 : 32 << 10)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true);
    if (cf == Cf.LOCK || cf == Cf.DEFAULT) {
      // Point lookups by whole key: the lock of a key, the value of key+start_ts.
      table.setFilterPolicy(bloom).setWholeKeyFiltering(true);
    }
    long buffer =
        cf == Cf.LOCK || cf == Cf.RAFT
            ? Math.min(options.writeBufferBytes(), 32L << 20)
            : options.writeBufferBytes();
    ColumnFamilyOptions o =
        new ColumnFamilyOptions()
            .setTableFormatConfig(table)
            .setWriteBufferSize(buffer)
            .setMaxWriteBufferNumber(4)
            .setLevelCompactionDynamicLevelBytes(true)
            .setCompressionType(
                cf == Cf.LOCK ? CompressionType.NO_COMPRESSION : CompressionType.LZ4_COMPRESSION)
            .setBottommostCompressionType(
                cf == Cf.LOCK ? CompressionType.NO_COMPRESSION : CompressionType.ZSTD_COMPRESSION);
    cfOptions.add(o);
    return o;
  }

  /** Opens (creating if needed) the engine in {@code dir}. */
  public static Engine open(Path dir, EngineOptions options) {
    try {
      Files.createDirectories(dir);
      Engine e = new Engine(dir, options);
      LOG.info("opened RocksDB engine at {} (durability {})", dir, options.durability());
      return e;
    } catch (IOException | RocksDBException e) {
      throw new StorageFailureException("cannot open RocksDB at " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return dir;
  }

  public EngineOptions options() {
    return options;
  }

  static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The key RocksDB stores for a storage key of {@code cf}. */
  static byte[] physicalKey(Cf cf, byte[] key) {
    if (!cf.isData()) {
      return key;
    }
    byte[] k = new byte[key.length + 1];
    k[0] = DATA_PREFIX;
    System.arraycopy(key, 0, k, 1, key.length);
    return k;
  }

  /** The physical exclusive end for a storage end key; empty means the end of the data space. */
  static byte[] physicalEnd(Cf cf, byte[] end) {
    if (end == null || end.length == 0) {
      return cf.isData() ? DATA_MAX_KEY : null;
    }
    return physicalKey(cf, end);
  }

  ColumnFamilyHandle handle(Cf cf) {
    return handles.get(cf);
  }

  RocksDB db() {
    return db;
  }

  void enter() {
    users.incrementAndGet();
    if (closed) {
      leave();
      throw new StorageClosedException();
    }
  }

  void leave() {
    if (users.decrementAndGet() == 0 && closed) {
      lifecycle.lock();
      try {
        idle.signalAll();
      } finally {
        lifecycle.unlock();
      }
    }
  }

  /** A consistent point-in-time view; close it when done. */
  public EngineSnapshot snapshot() {
    enter();
    try {
      return new EngineSnapshot(this, db.getSnapshot());
    } catch (RuntimeException e) {
      leave();
      throw e;
    }
  }

  /** Applies {@code batch} atomically, durable as the {@link Durability} policy says. */
  public void write(Batch batch) {
    if (batch.isEmpty()) {
      return;
    }
    enter();
    try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
      for (Batch.Modify m : batch.modifies()) {
        ColumnFamilyHandle h = handles.get(m.cf());
        switch (m.kind()) {
          case PUT -> wb.put(h, physicalKey(m.cf(), m.key()), m.value());
          case DELETE -> wb.delete(h, physicalKey(m.cf(), m.key()));
          case DELETE_RANGE -> {
            byte[] end = physicalEnd(m.cf(), m.end());
            if (end == null) {
              throw new IllegalArgumentException("unbounded range delete in a local column family");
            }
            wb.deleteRange(h, physicalKey(m.cf(), m.key()), end);
          }
        }
      }
      db.write(writeOptions, wb);
    } catch (RocksDBException e) {
      throw new StorageFailureException("RocksDB write failed: " + e.getMessage(), e);
    } finally {
      leave();
    }
  }

  /**
   * Approximate bytes stored in {@code cf} for storage keys {@code [start, end)} (files and
   * memtables), as RocksDB estimates them.
   */
  public long approximateSize(Cf cf, byte[] start, byte[] end) {
    enter();
    try (Slice s = new Slice(physicalKey(cf, start));
        Slice e = new Slice(physicalEnd(cf, end))) {
      long[] sizes =
          db.getApproximateSizes(
              handles.get(cf),
              List.of(new Range(s, e)),
              SizeApproximationFlag.INCLUDE_FILES,
              SizeApproximationFlag.INCLUDE_MEMTABLES);
      return sizes.length == 0 ? 0 : sizes[0];
    } finally {
      leave();
    }
  }

  /** A RocksDB property of {@code cf}, e.g. {@code rocksdb.estimate-num-keys}. */
  public long longProperty(Cf cf, String name) {
    enter();
    try {
      return db.getLongProperty(handles.get(cf), name);
    } catch (RocksDBException e) {
      throw new StorageFailureException("RocksDB property " + name + ": " + e.getMessage(), e);
    } finally {
      leave();
    }
  }

  /** Flushes every memtable to SST files. */
  public void flush() {
    enter();
    try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
      db.flush(fo, allHandles);
    } catch (RocksDBException e) {
      throw new StorageFailureException("RocksDB flush failed: " + e.getMessage(), e);
    } finally {
      leave();
    }
  }

  /** Compacts the whole of {@code cf} (drops deleted versions for good). */
  public void compact(Cf cf) {
    enter();
    try {
      db.compactRange(handles.get(cf));
    } catch (RocksDBException e) {
      throw new StorageFailureException("RocksDB compaction failed: " + e.getMessage(), e);
    } finally {
      leave();
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the engine: new operations fail with {@link StorageClosedException}; waits (up to 30 s)
   * for snapshots still open, then closes RocksDB. Idempotent.
   */
  @Override
  public void close() {
    lifecycle.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (users.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn(
              "closing engine at {} with {} operations still running: RocksDB left open",
              dir,
              users.get());
          return;
        }
        try {
          idle.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          LOG.warn("interrupted while closing engine at {}: RocksDB left open", dir);
          return;
        }
      }
    } finally {
      lifecycle.unlock();
    }
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      LOG.warn("WAL sync on close failed: {}", e.getMessage());
    }
    for (ColumnFamilyHandle h : allHandles) {
      h.close();
    }
    db.close();
    writeOptions.close();
    closeOptions();
    LOG.info("closed RocksDB engine at {}", dir);
  }

  private void closeOptions() {
    dbOptions.close();
    for (ColumnFamilyOptions o : cfOptions) {
      o.close();
    }
    bloom.close();
    blockCache.close();
  }
}

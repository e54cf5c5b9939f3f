package dev.patina.pd.storage;

import dev.patina.pd.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;

/**
 * PD metadata in a RocksDB directory. Every write is synced (the WAL is fsync'ed before {@link
 * #write} returns); after kill -9, RocksDB replays the WAL up to the last synced batch.
 */
public final class RocksBackend implements Backend {
  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final Options options;
  private final WriteOptions syncWrites;
  private final RocksDB db;

  private RocksBackend(Path dir, Options options, WriteOptions syncWrites, RocksDB db) {
    this.dir = dir;
    this.options = options;
    this.syncWrites = syncWrites;
    this.db = db;
  }

  /** Opens (creating if needed) the store in {@code dir}. */
  public static RocksBackend open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("cannot create data directory " + dir + ": " + e.getMessage(), e);
    }
    Options options =
        new Options()
            .setCreateIfMissing(true)
            .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
            .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
            .setKeepLogFileNum(2)
            .setWriteBufferSize(4L << 20)
            .setMaxOpenFiles(256);
    WriteOptions sync = new WriteOptions().setSync(true);
    try {
      return new RocksBackend(dir, options, sync, RocksDB.open(options, dir.toString()));
    } catch (RocksDBException e) {
      sync.close();
      options.close();
      String msg = String.valueOf(e.getMessage());
      if (msg.contains("lock")) {
        throw new StorageException(
            "data directory " + dir + " is in use by another process (" + msg + ")", e);
      }
      throw new StorageException("cannot open PD metadata in " + dir + ": " + msg, e);
    }
  }

  @Override
  public byte[] get(byte[] key) {
    try {
      return db.get(key);
    } catch (RocksDBException e) {
      throw new StorageException("read failed in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    try (ReadOptions ro = new ReadOptions();
        RocksIterator it = db.newIterator(ro)) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!Keys.hasPrefix(key, prefix)) {
          break;
        }
        visitor.accept(key, it.value());
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException("scan failed in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void write(WriteBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
      for (WriteBatch.Op op : batch.ops()) {
        if (op.value() == null) {
          wb.delete(op.key());
        } else {
          wb.put(op.key(), op.value());
        }
      }
      db.write(syncWrites, wb);
    } catch (RocksDBException e) {
      throw new StorageException("write failed in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      // Every write was already synced; nothing is lost.
    }
    db.close();
    syncWrites.close();
    options.close();
  }
}

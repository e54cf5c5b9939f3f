package dev.patina.kv;

import dev.patina.kv.engine.Durability;
import dev.patina.kv.engine.EngineOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How {@link Storage} is opened. Defaults follow TiKV's: API V1, 8 KiB keys at most, 8 MiB per
 * write (one Raft entry), WAL fsync'ed before a write is acknowledged.
 *
 * @param path the RocksDB directory
 * @param apiVersion the storage API version
 * @param durability when writes are acknowledged
 * @param maxKeySize TiKV's {@code storage.max-key-size}
 * @param maxWriteBytes TiKV's {@code raftstore.raft-entry-max-size}: larger writes fail
 * @param blockCacheBytes RocksDB block cache
 * @param writeBufferBytes RocksDB memtable per column family
 * @param latchSlots scheduler latch slots
 * @param clockMillis wall clock (Unix ms) used for raw TTL
 * @param rawTs timestamps for API V2 raw writes (TiKV takes them from PD's TSO); null means a local
 *     hybrid clock
 */
public record StorageOptions(
    Path path,
    ApiVersion apiVersion,
    Durability durability,
    int maxKeySize,
    long maxWriteBytes,
    long blockCacheBytes,
    long writeBufferBytes,
    int latchSlots,
    LongSupplier clockMillis,
    LongSupplier rawTs) {

  public StorageOptions {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(clockMillis, "clockMillis");
    if (maxKeySize <= 0 || maxWriteBytes <= 0 || latchSlots <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public static Builder builder(Path path) {
    return new Builder(path);
  }

  EngineOptions engineOptions() {
    return new EngineOptions(durability, blockCacheBytes, writeBufferBytes, 2);
  }

  /** Builds {@link StorageOptions}. */
  public static final class Builder {
    private final Path path;
    private ApiVersion apiVersion = ApiVersion.V1;
    private Durability durability = Durability.SYNC;
    private int maxKeySize = 8 * 1024;
    private long maxWriteBytes = 8L << 20;
    private long blockCacheBytes = 128L << 20;
    private long writeBufferBytes = 64L << 20;
    private int latchSlots = 1 << 14;
    private LongSupplier clockMillis = System::currentTimeMillis;
    private LongSupplier rawTs;

    private Builder(Path path) {
      this.path = path;
    }

    public Builder apiVersion(ApiVersion v) {
      this.apiVersion = v;
      return this;
    }

    public Builder durability(Durability d) {
      this.durability = d;
      return this;
    }

    public Builder maxKeySize(int n) {
      this.maxKeySize = n;
      return this;
    }

    public Builder maxWriteBytes(long n) {
      this.maxWriteBytes = n;
      return this;
    }

    public Builder blockCacheBytes(long n) {
      this.blockCacheBytes = n;
      return this;
    }

    public Builder writeBufferBytes(long n) {
      this.writeBufferBytes = n;
      return this;
    }

    public Builder latchSlots(int n) {
      this.latchSlots = n;
      return this;
    }

    public Builder clockMillis(LongSupplier c) {
      this.clockMillis = c;
      return this;
    }

    public Builder rawTs(LongSupplier ts) {
      this.rawTs = ts;
      return this;
    }

    public StorageOptions build() {
      return new StorageOptions(
          path,
          apiVersion,
          durability,
          maxKeySize,
          maxWriteBytes,
          blockCacheBytes,
          writeBufferBytes,
          latchSlots,
          clockMillis,
          rawTs);
    }
  }
}

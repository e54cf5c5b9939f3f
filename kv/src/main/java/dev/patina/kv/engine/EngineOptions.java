package dev.patina.kv.engine;

/**
 * How the RocksDB engine is opened.
 *
 * @param durability when writes are acknowledged
 * @param blockCacheBytes shared LRU block cache
 * @param writeBufferBytes memtable size of each data column family
 * @param maxBackgroundJobs RocksDB flush and compaction threads
 */
public record EngineOptions(
    Durability durability, long blockCacheBytes, long writeBufferBytes, int maxBackgroundJobs) {

  public static EngineOptions defaults() {
    return new EngineOptions(Durability.SYNC, 128L << 20, 64L << 20, 2);
  }

  public EngineOptions withDurability(Durability d) {
    return new EngineOptions(d, blockCacheBytes, writeBufferBytes, maxBackgroundJobs);
  }
}

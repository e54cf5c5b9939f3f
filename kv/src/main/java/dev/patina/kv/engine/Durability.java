package dev.patina.kv.engine;

/**
 * When a write is acknowledged. Every write batch goes through RocksDB's write-ahead log; the
 * policy says whether the log is also fsync'ed before the write returns.
 */
public enum Durability {
  /**
   * The default: the WAL is fsync'ed before a write returns, so an acknowledged write survives kill
   * -9 of the process, an OS crash and power loss. RocksDB's write groups let concurrent writers
   * share one fsync (group commit).
   */
  SYNC,
  /**
   * The WAL is written (to the OS) but not fsync'ed: an acknowledged write survives kill -9 of the
   * process but not an OS crash or power loss. For tests and benchmarks.
   */
  PROCESS_CRASH_SAFE
}

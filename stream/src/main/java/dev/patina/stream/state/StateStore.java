package dev.patina.stream.state;

/**
 * A sorted key-value store in which state tables live (RisingWave's Hummock; here a local RocksDB,
 * later Patina's {@code kv}).
 *
 * <p>Writes arrive in epochs: {@link #commit} applies one {@link WriteBatch} atomically and records
 * its epoch as the store's committed epoch, which only grows. A commit is durable when it returns
 * if the store was opened with sync writes; otherwise it is durable after {@link #checkpoint()}.
 * After a restart the store holds exactly the commits that were durable, and {@link
 * #committedEpoch()} says up to which epoch.
 *
 * <p>Keys begin with a 4-byte big-endian table id ({@link TableKeys}); table id 0 holds the store's
 * own metadata and the catalog. Thread-safe.
 */
public interface StateStore extends AutoCloseable {
  /** A view that reads the latest committed state; closing it does nothing. */
  ReadView latest();

  /** A snapshot of the current committed state; close it when done. */
  ReadView snapshot();

  /**
   * Applies {@code batch} atomically as epoch {@code epoch}.
   *
   * @throws IllegalArgumentException if {@code epoch} is not above {@link #committedEpoch()}
   */
  void commit(WriteBatch batch, long epoch);

  /** The epoch of the last commit (0 for a new store). */
  long committedEpoch();

  /** Makes every commit so far durable. */
  void checkpoint();

  @Override
  void close();
}

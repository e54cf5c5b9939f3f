package dev.patina.kv;

/**
 * Every failure of the storage core. Each subclass is one of TiKV's error categories, so a server
 * maps it to exactly one protobuf field:
 *
 * <ul>
 *   <li>{@link KeyErrorException}: a transaction-level error about a key ({@code KeyError});
 *   <li>{@link InvalidRequestException}: a request TiKV rejects (key too large, bad range, TTL not
 *       enabled, wrong column family, wrong key mode...);
 *   <li>{@link KeyNotInRangeException}: a key outside the region's range ({@code KeyNotInRegion});
 *   <li>{@link EntryTooLargeException}: a write larger than one Raft entry may be ({@code
 *       RaftEntryTooLarge});
 *   <li>{@link StorageFailureException}: the disk or RocksDB failed, or data is corrupt;
 *   <li>{@link StorageClosedException}: the storage was closed.
 * </ul>
 */
public abstract sealed class KvException extends RuntimeException
    permits KeyErrorException,
        InvalidRequestException,
        KeyNotInRangeException,
        EntryTooLargeException,
        StorageFailureException,
        StorageClosedException {
  private static final long serialVersionUID = 1L;

  KvException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.patina.kv;

/** RocksDB or the disk failed, or stored bytes do not decode. */
public final class StorageFailureException extends KvException {
  private static final long serialVersionUID = 1L;

  public StorageFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.patina.kv;

/** The storage was closed (TiKV: {@code storage is closed.}). */
public final class StorageClosedException extends KvException {
  private static final long serialVersionUID = 1L;

  public StorageClosedException() {
    super("storage is closed.", null);
  }
}

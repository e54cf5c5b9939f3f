package dev.patina.kv;

/** One write is larger than a Raft entry may be (TiKV's {@code RaftEntryTooLarge}). */
public final class EntryTooLargeException extends KvException {
  private static final long serialVersionUID = 1L;
  private final long size;
  private final long limit;

  public EntryTooLargeException(long size, long limit) {
    super("raft entry is too large, size: " + size + ", limit: " + limit, null);
    this.size = size;
    this.limit = limit;
  }

  public long size() {
    return size;
  }

  public long limit() {
    return limit;
  }
}

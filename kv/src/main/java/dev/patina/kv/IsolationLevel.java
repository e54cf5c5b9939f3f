package dev.patina.kv;

/** kvrpcpb.IsolationLevel. */
public enum IsolationLevel {
  /** Snapshot isolation: locks older than the read ts block the read. */
  SI,
  /** Read committed: locks are ignored. */
  RC
}

package dev.patina.kv.mvcc;

/** What the write column family says about one transaction on one key. */
public sealed interface TxnCommitRecord {
  /** A commit or rollback record of the transaction itself. */
  record SingleRecord(long commitTs, Write write) implements TxnCommitRecord {}

  /** Another transaction's commit at our start_ts that carries our (protected) rollback. */
  record OverlappedRollback(long commitTs) implements TxnCommitRecord {}

  /**
   * No record. {@code overlappedWrite} is another transaction's commit whose commit_ts equals our
   * start_ts, if any, with the GC fence to set when marking our rollback on it.
   */
  record None(Write overlappedWrite, long gcFence) implements TxnCommitRecord {}

  /** The commit_ts and type, or null when there is no record (TiKV's {@code info()}). */
  default Write write() {
    return switch (this) {
      case SingleRecord s -> s.write();
      case OverlappedRollback o -> Write.of(WriteType.ROLLBACK, 0, null);
      case None n -> null;
    };
  }
}

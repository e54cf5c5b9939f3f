package dev.patina.kv;

import java.util.List;

/**
 * kvrpcpb.LockInfo: a lock found on a key. {@code lockVersion} is the locking transaction's
 * start_ts.
 */
public record LockInfo(
    byte[] primaryLock,
    long lockVersion,
    byte[] key,
    long lockTtl,
    long txnSize,
    Op lockType,
    long lockForUpdateTs,
    boolean useAsyncCommit,
    long minCommitTs,
    List<byte[]> secondaries) {

  public LockInfo {
    secondaries = List.copyOf(secondaries);
  }

  public LockInfo withTtl(long ttl) {
    return new LockInfo(
        primaryLock,
        lockVersion,
        key,
        ttl,
        txnSize,
        lockType,
        lockForUpdateTs,
        useAsyncCommit,
        minCommitTs,
        secondaries);
  }

  @Override
  public String toString() {
    return "LockInfo { primary_lock: "
        + Hex.key(primaryLock)
        + ", lock_version: "
        + lockVersion
        + ", key: "
        + Hex.key(key)
        + ", lock_ttl: "
        + lockTtl
        + ", txn_size: "
        + txnSize
        + ", lock_type: "
        + lockType
        + ", lock_for_update_ts: "
        + lockForUpdateTs
        + ", use_async_commit: "
        + useAsyncCommit
        + ", min_commit_ts: "
        + minCommitTs
        + " }";
  }
}

package dev.patina.kv;

/**
 * TiKV's errors about keys in transactions, one record per kind with every field that
 * kvrpcpb.KeyError needs. {@link #message()} is TiKV's message for the error (used for the {@code
 * retryable} / {@code abort} strings).
 */
public sealed interface KeyError {

  String message();

  /** The key is locked by another transaction ({@code KeyError.locked}). */
  record Locked(LockInfo lock) implements KeyError {
    @Override
    public String message() {
      return "key is locked (backoff or cleanup) " + lock;
    }
  }

  /** {@code KeyError.conflict}; TiKV also sets {@code retryable} to the message. */
  record WriteConflict(
      long startTs,
      long conflictStartTs,
      long conflictCommitTs,
      byte[] key,
      byte[] primary,
      WriteConflictReason reason)
      implements KeyError {
    @Override
    public String message() {
      return "write conflict, start_ts:"
          + startTs
          + ", conflict_start_ts:"
          + conflictStartTs
          + ", conflict_commit_ts:"
          + conflictCommitTs
          + ", key:"
          + Hex.key(key)
          + ", primary:"
          + Hex.key(primary)
          + ", reason: "
          + reason.tikvName();
    }
  }

  /** An insert found the key present ({@code KeyError.already_exist}). */
  record AlreadyExist(byte[] key, long existingStartTs) implements KeyError {
    @Override
    public String message() {
      return "key " + Hex.key(key) + " already exists with existing_start_ts=" + existingStartTs;
    }
  }

  /** Commit found neither the lock nor a commit record ({@code txn_lock_not_found}, retryable). */
  record TxnLockNotFound(long startTs, long commitTs, byte[] key) implements KeyError {
    @Override
    public String message() {
      return "txn lock not found " + startTs + "-" + commitTs + " key:" + Hex.key(key);
    }
  }

  /** check_txn_status / heart beat found no lock and no record ({@code txn_not_found}). */
  record TxnNotFound(long startTs, byte[] primaryKey) implements KeyError {
    @Override
    public String message() {
      return "txn not found " + startTs + " key: " + Hex.key(primaryKey);
    }
  }

  /** Cleanup of a committed transaction (TiKV's cleanup response carries commit_version). */
  record Committed(long startTs, long commitTs, byte[] key) implements KeyError {
    @Override
    public String message() {
      return "txn already committed, start_ts: "
          + startTs
          + ", commit_ts: "
          + commitTs
          + ", key: "
          + Hex.key(key);
    }
  }

  /** Commit with commit_ts below the lock's min_commit_ts ({@code commit_ts_expired}). */
  record CommitTsExpired(long startTs, long attemptedCommitTs, byte[] key, long minCommitTs)
      implements KeyError {
    @Override
    public String message() {
      return "try to commit key "
          + Hex.key(key)
          + " with commit_ts "
          + attemptedCommitTs
          + " but min_commit_ts is "
          + minCommitTs;
    }
  }

  /** Async commit / 1PC: min_commit_ts above max_commit_ts ({@code commit_ts_too_large}). */
  record CommitTsTooLarge(long startTs, long minCommitTs, long maxCommitTs) implements KeyError {
    @Override
    public String message() {
      return "min_commit_ts "
          + minCommitTs
          + " is larger than max_commit_ts "
          + maxCommitTs
          + ", start_ts: "
          + startTs;
    }
  }

  /** A pessimistic lock request after the transaction was rolled back (abort). */
  record PessimisticLockRolledBack(long startTs, byte[] key) implements KeyError {
    @Override
    public String message() {
      return "pessimistic lock already rollbacked, start_ts:" + startTs + ", key:" + Hex.key(key);
    }
  }

  /** A pessimistic prewrite found no pessimistic lock of its transaction (abort). */
  record PessimisticLockNotFound(long startTs, byte[] key, PessimisticLockNotFoundReason reason)
      implements KeyError {
    @Override
    public String message() {
      return "pessimistic lock not found, start_ts:"
          + startTs
          + ", key:"
          + Hex.key(key)
          + ", reason: "
          + reason.tikvName();
    }
  }

  /** The transaction's own lock has the wrong kind (abort). */
  record LockTypeNotMatch(long startTs, byte[] key, boolean pessimistic) implements KeyError {
    @Override
    public String message() {
      return "lock type not match, start_ts:"
          + startTs
          + ", key:"
          + Hex.key(key)
          + ", pessimistic:"
          + pessimistic;
    }
  }

  /** An assertion on the key's existence failed ({@code assertion_failed}). */
  record AssertionFailed(
      long startTs, byte[] key, Assertion assertion, long existingStartTs, long existingCommitTs)
      implements KeyError {
    @Override
    public String message() {
      return "assertion on data failed, start_ts:"
          + startTs
          + ", key:"
          + Hex.key(key)
          + ", assertion:"
          + assertion
          + ", existing_start_ts:"
          + existingStartTs
          + ", existing_commit_ts:"
          + existingCommitTs;
    }
  }

  /** check_txn_status reached a key whose lock names another primary ({@code primary_mismatch}). */
  record PrimaryMismatch(LockInfo lock) implements KeyError {
    @Override
    public String message() {
      return "check_txn_status sent to secondary lock, current lock: " + lock;
    }
  }

  /** lock_only_if_exists without return_values (abort). */
  record LockIfExistsFailed(long startTs, byte[] key) implements KeyError {
    @Override
    public String message() {
      return "Lock_only_if_exists of a pessimistic lock request is set to true, but return_value"
          + " is not, start_ts:"
          + startTs
          + ", key:"
          + Hex.key(key);
    }
  }

  /** commit_ts not after start_ts (abort). */
  record InvalidTxnTso(long startTs, long commitTs) implements KeyError {
    @Override
    public String message() {
      return "Invalid transaction tso with start_ts:" + startTs + ", commit_ts:" + commitTs;
    }
  }

  /** A write record points at a value that is missing (data damage; abort). */
  record DefaultNotFound(byte[] key) implements KeyError {
    @Override
    public String message() {
      return "default not found: key:"
          + Hex.key(key)
          + ", maybe read truncated/dropped table data?";
    }
  }

  /** Anything else TiKV reports as {@code abort} (for example, transactions in V1TTL). */
  record Abort(String message) implements KeyError {}
}

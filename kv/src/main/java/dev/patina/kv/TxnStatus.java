package dev.patina.kv;

/**
 * The status of a transaction as check_txn_status (and heart beats) find it; {@link #action()} is
 * kvrpcpb.Action for the response.
 */
public sealed interface TxnStatus {
  /** A rollback record was already there. */
  record RolledBack() implements TxnStatus {}

  /** The primary lock expired and was rolled back now. */
  record TtlExpire() implements TxnStatus {}

  /** No lock and no record: a rollback record was written now. */
  record LockNotExist() implements TxnStatus {}

  /**
   * The primary lock is still there. {@code lock.lockTtl()} is the TTL the response carries; {@code
   * minCommitTsPushed} when the caller may now ignore the transaction's locks.
   */
  record Uncommitted(LockInfo lock, boolean minCommitTsPushed) implements TxnStatus {}

  record Committed(long commitTs) implements TxnStatus {}

  /** An expired primary pessimistic lock was removed (resolving a pessimistic lock). */
  record PessimisticRollBack() implements TxnStatus {}

  /** No lock (resolving a pessimistic lock): nothing done. */
  record LockNotExistDoNothing() implements TxnStatus {}

  /** kvrpcpb.Action. */
  enum Action {
    NO_ACTION,
    TTL_EXPIRE_ROLLBACK,
    LOCK_NOT_EXIST_ROLLBACK,
    MIN_COMMIT_TS_PUSHED,
    TTL_EXPIRE_PESSIMISTIC_ROLLBACK,
    LOCK_NOT_EXIST_DO_NOTHING
  }

  default Action action() {
    return switch (this) {
      case RolledBack r -> Action.NO_ACTION;
      case TtlExpire t -> Action.TTL_EXPIRE_ROLLBACK;
      case LockNotExist l -> Action.LOCK_NOT_EXIST_ROLLBACK;
      case Committed c -> Action.NO_ACTION;
      case Uncommitted u -> u.minCommitTsPushed() ? Action.MIN_COMMIT_TS_PUSHED : Action.NO_ACTION;
      case PessimisticRollBack p -> Action.TTL_EXPIRE_PESSIMISTIC_ROLLBACK;
      case LockNotExistDoNothing d -> Action.LOCK_NOT_EXIST_DO_NOTHING;
    };
  }

  /** {@code commit_version} of the response (0 unless committed). */
  default long commitVersion() {
    return this instanceof Committed c ? c.commitTs() : 0;
  }

  /** {@code lock_ttl} of the response (0 unless uncommitted). */
  default long lockTtl() {
    return this instanceof Uncommitted u ? u.lock().lockTtl() : 0;
  }
}

package dev.patina.kv;

/** kvrpcpb.WriteConflict.Reason: why a write conflict was reported. */
public enum WriteConflictReason {
  UNKNOWN("Unknown"),
  /** An optimistic prewrite found a newer commit. */
  OPTIMISTIC("Optimistic"),
  /** A pessimistic lock found a commit newer than for_update_ts. */
  PESSIMISTIC_RETRY("PessimisticRetry"),
  /** The transaction was already rolled back. */
  SELF_ROLLED_BACK("SelfRolledBack"),
  RC_CHECK_TS("RcCheckTs"),
  /** A deferred uniqueness check (pessimistic prewrite with DoConstraintCheck) failed. */
  LAZY_UNIQUENESS_CHECK("LazyUniquenessCheck"),
  NOT_LOCKED_KEY_CONFLICT("NotLockedKeyConflict");

  private final String tikvName;

  WriteConflictReason(String tikvName) {
    this.tikvName = tikvName;
  }

  /** The name TiKV prints. */
  public String tikvName() {
    return tikvName;
  }
}

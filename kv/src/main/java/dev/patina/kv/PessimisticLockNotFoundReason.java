package dev.patina.kv;

/** Why a pessimistic prewrite found no pessimistic lock (TiKV's names in messages). */
public enum PessimisticLockNotFoundReason {
  LOCK_TS_MISMATCH("LockTsMismatch"),
  LOCK_MISSING_AMEND_FAIL("LockMissingAmendFail"),
  LOCK_FOR_UPDATE_TS_MISMATCH("LockForUpdateTsMismatch"),
  NON_LOCK_KEY_CONFLICT("NonLockKeyConflict");

  private final String tikvName;

  PessimisticLockNotFoundReason(String tikvName) {
    this.tikvName = tikvName;
  }

  public String tikvName() {
    return tikvName;
  }
}

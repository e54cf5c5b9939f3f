package dev.patina.kv.txn;

import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.TxnStatus;
import dev.patina.kv.mvcc.Lock;
import dev.patina.kv.mvcc.MvccKey;
import dev.patina.kv.mvcc.MvccReader;
import dev.patina.kv.mvcc.MvccTxn;
import dev.patina.kv.mvcc.TimeStamps;
import dev.patina.kv.mvcc.TxnCommitRecord;
import dev.patina.kv.mvcc.WriteType;
import java.util.Arrays;

/** TiKV's {@code check_txn_status} actions on a primary key. */
final class TxnStatusAction {
  private TxnStatusAction() {}

  /** {@code check_txn_status_lock_exists}: the primary has a lock of the transaction. */
  static TxnStatus lockExists(
      MvccTxn txn,
      MvccReader reader,
      byte[] primaryKey,
      Lock lock,
      long currentTs,
      long callerStartTs,
      boolean forceSyncCommit,
      boolean resolvingPessimisticLock,
      boolean verifyIsPrimary,
      boolean rollbackIfNotExist) {
    if (verifyIsPrimary && !Arrays.equals(primaryKey, MvccKey.encode(lock.primary()))) {
      if (!resolvingPessimisticLock && lock.isPessimisticLock()) {
        TxnStatus status =
            RollbackAction.checkTxnStatusMissingLock(
                txn,
                reader,
                primaryKey,
                null,
                RollbackAction.MissingLockAction.rollback(rollbackIfNotExist),
                resolvingPessimisticLock);
        txn.unlockKey(primaryKey);
        return status;
      }
      throw new KeyErrorException(
          new KeyError.PrimaryMismatch(lock.toLockInfo(MvccKey.decode(primaryKey))));
    }

    // Async-commit locks are never rolled back or pushed here: ResolveLock decides them.
    if (lock.useAsyncCommit() && !forceSyncCommit) {
      return new TxnStatus.Uncommitted(lock.toLockInfo(lock.primary()), false);
    }

    boolean isPessimisticTxn = lock.forUpdateTs() != 0;
    if (lock.isPessimisticLock()) {
      if (lock.isPessimisticLockWithConflict()) {
        TxnStatus determined = determinedStatus(reader, primaryKey, txn.startTs());
        if (determined != null) {
          txn.unlockKey(primaryKey);
          return determined;
        }
      }
      if (expired(lock, currentTs)) {
        if (resolvingPessimisticLock) {
          txn.unlockKey(primaryKey);
          return new TxnStatus.PessimisticRollBack();
        }
        RollbackAction.rollbackLock(txn, reader, primaryKey, lock, true, true);
        return new TxnStatus.TtlExpire();
      }
    } else if (expired(lock, currentTs)) {
      RollbackAction.rollbackLock(txn, reader, primaryKey, lock, isPessimisticTxn, true);
      return new TxnStatus.TtlExpire();
    }

    // A non-zero min_commit_ts (large transactions) can be pushed past the caller's start_ts so
    // the caller's read need not wait.
    if (lock.minCommitTs() != 0
        && !TimeStamps.isMax(callerStartTs)
        && TimeStamps.ge(callerStartTs, lock.minCommitTs())) {
      long pushed = TimeStamps.next(callerStartTs);
      if (TimeStamps.lt(pushed, currentTs)) {
        pushed = currentTs;
      }
      lock = lock.withMinCommitTs(pushed);
      txn.putLock(primaryKey, lock);
    }
    boolean pushedPast =
        (callerStartTs != 0 && TimeStamps.gt(lock.minCommitTs(), callerStartTs))
            || TimeStamps.isMax(callerStartTs);
    return new TxnStatus.Uncommitted(lock.toLockInfo(lock.primary()), pushedPast);
  }

  /** TiKV: a lock expires when {@code physical(lock.ts) + ttl < physical(current_ts)}. */
  static boolean expired(Lock lock, long currentTs) {
    return Long.compareUnsigned(
            TimeStamps.physical(lock.ts()) + lock.ttl(), TimeStamps.physical(currentTs))
        < 0;
  }

  /** {@code check_determined_txn_status}: committed or rolled back per the write CF, else null. */
  static TxnStatus determinedStatus(MvccReader reader, byte[] primaryKey, long startTs) {
    TxnCommitRecord rec = reader.getTxnCommitRecord(primaryKey, startTs);
    return switch (rec) {
      case TxnCommitRecord.SingleRecord s ->
          s.write().writeType() == WriteType.ROLLBACK
              ? new TxnStatus.RolledBack()
              : new TxnStatus.Committed(s.commitTs());
      case TxnCommitRecord.OverlappedRollback o -> new TxnStatus.RolledBack();
      case TxnCommitRecord.None n -> null;
    };
  }
}

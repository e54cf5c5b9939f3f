package dev.patina.kv.txn;

import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.TxnStatus;
import dev.patina.kv.mvcc.Lock;
import dev.patina.kv.mvcc.LockType;
import dev.patina.kv.mvcc.MvccKey;
import dev.patina.kv.mvcc.MvccReader;
import dev.patina.kv.mvcc.MvccTxn;
import dev.patina.kv.mvcc.TimeStamps;
import dev.patina.kv.mvcc.TxnCommitRecord;
import dev.patina.kv.mvcc.Write;
import dev.patina.kv.mvcc.WriteType;
import java.util.Arrays;

/**
 * Rolling back: TiKV's {@code cleanup}, {@code rollback_lock}, {@code
 * check_txn_status_missing_lock}, {@code collapse_prev_rollback} and {@code make_rollback}.
 */
final class RollbackAction {
  private RollbackAction() {}

  /** What to do when the lock is missing. */
  enum MissingLockAction {
    ROLLBACK,
    PROTECTED_ROLLBACK,
    RETURN_ERROR;

    static MissingLockAction rollbackProtect(boolean protect) {
      return protect ? PROTECTED_ROLLBACK : ROLLBACK;
    }

    static MissingLockAction rollback(boolean rollbackIfNotExist) {
      return rollbackIfNotExist ? PROTECTED_ROLLBACK : RETURN_ERROR;
    }

    boolean collapseRollback() {
      return switch (this) {
        case ROLLBACK -> true;
        case PROTECTED_ROLLBACK -> false;
        case RETURN_ERROR -> throw new IllegalStateException("unreachable");
      };
    }
  }

  /** The lock of {@code key} as this batch left it (or the snapshot's). */
  static Lock currentLock(MvccTxn txn, MvccReader reader, byte[] key) {
    byte[] pending = txn.pendingLock(key);
    if (pending != null) {
      return pending.length == 0 ? null : Lock.parse(pending);
    }
    return reader.loadLock(key);
  }

  /**
   * {@code cleanup}: roll back the lock of transaction {@code startTs} on {@code key} if its TTL
   * expired against {@code currentTs} (0: unconditionally). {@code Committed} if it committed,
   * {@code KeyIsLocked} if the lock is alive.
   */
  static void cleanup(
      MvccTxn txn, MvccReader reader, byte[] key, long currentTs, boolean protectRollback) {
    long startTs = txn.startTs();
    Lock lock = currentLock(txn, reader, key);
    if (lock != null && lock.ts() == startTs) {
      if (currentTs != 0) {
        long expire = TimeStamps.physical(lock.ts()) + lock.ttl();
        if (Long.compareUnsigned(expire, TimeStamps.physical(currentTs)) >= 0) {
          throw new KeyErrorException(new KeyError.Locked(lock.toLockInfo(MvccKey.decode(key))));
        }
      }
      rollbackLock(txn, reader, key, lock, lock.isPessimisticTxn(), !protectRollback);
      return;
    }
    TxnStatus status =
        checkTxnStatusMissingLock(
            txn, reader, key, lock, MissingLockAction.rollbackProtect(protectRollback), false);
    if (status instanceof TxnStatus.Committed c) {
      throw new KeyErrorException(
          new KeyError.Committed(startTs, c.commitTs(), MvccKey.decode(key)));
    }
  }

  /** {@code check_txn_status_missing_lock}. */
  static TxnStatus checkTxnStatusMissingLock(
      MvccTxn txn,
      MvccReader reader,
      byte[] primaryKey,
      Lock mismatchLock,
      MissingLockAction action,
      boolean resolvingPessimisticLock) {
    long startTs = txn.startTs();
    TxnCommitRecord rec = reader.getTxnCommitRecord(primaryKey, startTs);
    switch (rec) {
      case TxnCommitRecord.SingleRecord s -> {
        return s.write().writeType() == WriteType.ROLLBACK
            ? new TxnStatus.RolledBack()
            : new TxnStatus.Committed(s.commitTs());
      }
      case TxnCommitRecord.OverlappedRollback o -> {
        return new TxnStatus.RolledBack();
      }
      case TxnCommitRecord.None none -> {
        if (action == MissingLockAction.RETURN_ERROR) {
          throw new KeyErrorException(
              new KeyError.TxnNotFound(startTs, MvccKey.decode(primaryKey)));
        }
        if (resolvingPessimisticLock) {
          return new TxnStatus.LockNotExistDoNothing();
        }
        if (action.collapseRollback()) {
          collapsePrevRollback(txn, reader, primaryKey);
        }
        if (mismatchLock != null && none.overlappedWrite() == null) {
          txn.markRollbackOnMismatchingLock(
              primaryKey, mismatchLock, action == MissingLockAction.PROTECTED_ROLLBACK);
        }
        Write w = makeRollback(startTs, !action.collapseRollback(), none);
        if (w != null) {
          txn.putWrite(primaryKey, startTs, w);
        }
        return new TxnStatus.LockNotExist();
      }
    }
  }

  /** {@code rollback_lock}: remove our lock and leave a rollback record. */
  static void rollbackLock(
      MvccTxn txn,
      MvccReader reader,
      byte[] key,
      Lock lock,
      boolean isPessimisticTxn,
      boolean collapseRollback) {
    long startTs = txn.startTs();
    TxnCommitRecord rec = reader.getTxnCommitRecord(key, startTs);
    TxnCommitRecord.None none;
    switch (rec) {
      case TxnCommitRecord.None n -> none = n;
      case TxnCommitRecord.SingleRecord s when s.write().writeType() != WriteType.ROLLBACK ->
          throw new KeyErrorException(
              new KeyError.Abort(
                  "txn record found but not expected: start_ts "
                      + TimeStamps.toString(startTs)
                      + " commit_ts "
                      + TimeStamps.toString(s.commitTs())));
      default -> {
        txn.unlockKey(key);
        return;
      }
    }
    if (lock.shortValue() == null && lock.lockType() == LockType.PUT) {
      txn.deleteValue(key, lock.ts());
    }
    boolean isProtected =
        Arrays.equals(key, MvccKey.encode(lock.primary())) || lock.generation() > 0;
    Write w = makeRollback(startTs, isProtected, none);
    if (w != null) {
      txn.putWrite(key, startTs, w);
    }
    if (collapseRollback) {
      collapsePrevRollback(txn, reader, key);
    }
    txn.unlockKey(key);
  }

  /** {@code collapse_prev_rollback}: an unprotected rollback just below start_ts is dropped. */
  static void collapsePrevRollback(MvccTxn txn, MvccReader reader, byte[] key) {
    MvccReader.WriteAt w = reader.seekWrite(key, txn.startTs());
    if (w != null && w.write().writeType() == WriteType.ROLLBACK && !w.write().isProtected()) {
      txn.deleteWrite(key, w.commitTs());
    }
  }

  /**
   * {@code make_rollback}: a rollback record, or, when another transaction committed at our
   * start_ts, that commit record marked with an overlapped (protected) rollback; null when nothing
   * needs writing.
   */
  static Write makeRollback(long startTs, boolean isProtected, TxnCommitRecord.None none) {
    if (none != null && none.overlappedWrite() != null) {
      if (isProtected) {
        return none.overlappedWrite().withOverlappedRollback(true, true, none.gcFence());
      }
      return null;
    }
    return Write.rollback(startTs, isProtected);
  }
}

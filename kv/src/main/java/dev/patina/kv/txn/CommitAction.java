package dev.patina.kv.txn;

import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.mvcc.Lock;
import dev.patina.kv.mvcc.MvccKey;
import dev.patina.kv.mvcc.MvccReader;
import dev.patina.kv.mvcc.MvccTxn;
import dev.patina.kv.mvcc.TimeStamps;
import dev.patina.kv.mvcc.Write;
import dev.patina.kv.mvcc.WriteType;

/** TiKV's {@code commit} action for one key. */
final class CommitAction {
  private CommitAction() {}

  static void commit(MvccTxn txn, MvccReader reader, byte[] key, long commitTs) {
    long startTs = txn.startTs();
    Lock lock = RollbackAction.currentLock(txn, reader, key);
    if (lock == null || lock.ts() != startTs) {
      lockNotFound(reader, key, startTs, commitTs);
      return;
    }
    if (TimeStamps.lt(commitTs, lock.minCommitTs())) {
      throw new KeyErrorException(
          new KeyError.CommitTsExpired(startTs, commitTs, MvccKey.decode(key), lock.minCommitTs()));
    }
    if (lock.isPessimisticLock()) {
      // A stale pessimistic lock left behind: remove it instead of committing (as TiKV).
      txn.unlockKey(key);
      return;
    }
    Write w =
        Write.of(WriteType.ofLock(lock.lockType()), startTs, lock.shortValue())
            .withLastChange(lock.lastChangeTs(), lock.versionsToLastChange())
            .withTxnSource(lock.txnSource());
    for (long ts : lock.rollbackTs()) {
      if (ts == commitTs) {
        w = w.withOverlappedRollback(true, false, 0);
        break;
      }
    }
    txn.putWrite(key, commitTs, w);
    txn.unlockKey(key);
  }

  /** The lock is gone: committed already is fine, rolled back (or nothing) is an error. */
  private static void lockNotFound(MvccReader reader, byte[] key, long startTs, long commitTs) {
    Write w = reader.getTxnCommitRecord(key, startTs).write();
    if (w == null || w.writeType() == WriteType.ROLLBACK) {
      throw new KeyErrorException(
          new KeyError.TxnLockNotFound(startTs, commitTs, MvccKey.decode(key)));
    }
    // Committed by a concurrent command: idempotent success.
  }
}

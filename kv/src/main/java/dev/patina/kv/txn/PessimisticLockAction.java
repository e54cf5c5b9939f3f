package dev.patina.kv.txn;

import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.WriteConflictReason;
import dev.patina.kv.mvcc.Lock;
import dev.patina.kv.mvcc.LockType;
import dev.patina.kv.mvcc.MvccKey;
import dev.patina.kv.mvcc.MvccReader;
import dev.patina.kv.mvcc.MvccTxn;
import dev.patina.kv.mvcc.TimeStamps;
import dev.patina.kv.mvcc.Write;
import dev.patina.kv.mvcc.WriteType;

/** TiKV's {@code acquire_pessimistic_lock} for one key (normal wake-up mode, no lock waiting). */
final class PessimisticLockAction {
  private PessimisticLockAction() {}

  /** The value (or existence marker) found, when asked for; {@code found} is false if absent. */
  record KeyResult(boolean found, byte[] value) {}

  static KeyResult acquire(
      ConcurrencyManager cm,
      MvccTxn txn,
      MvccReader reader,
      byte[] key,
      byte[] primary,
      boolean shouldNotExist,
      long lockTtl,
      long forUpdateTs,
      boolean needValue,
      boolean needCheckExistence,
      long minCommitTs,
      boolean lockOnlyIfExists) {
    long startTs = txn.startTs();
    if (lockOnlyIfExists && !needValue) {
      throw new KeyErrorException(new KeyError.LockIfExistsFailed(startTs, MvccKey.decode(key)));
    }
    if (shouldNotExist || needValue || needCheckExistence) {
      cm.updateMaxTs(forUpdateTs);
    }
    Lock current = reader.loadLock(key);
    if (current != null) {
      return existingLock(
          txn,
          reader,
          key,
          primary,
          shouldNotExist,
          lockTtl,
          forUpdateTs,
          needValue,
          needCheckExistence,
          minCommitTs,
          current);
    }
    byte[] val = null;
    boolean found = false;
    MvccReader.WriteAt latest = reader.seekWrite(key, TimeStamps.MAX);
    if (latest != null) {
      long commitTs = latest.commitTs();
      Write write = latest.write();
      if (TimeStamps.gt(commitTs, forUpdateTs)) {
        throw new KeyErrorException(
            new KeyError.WriteConflict(
                startTs,
                write.startTs(),
                commitTs,
                MvccKey.decode(key),
                primary,
                WriteConflictReason.PESSIMISTIC_RETRY));
      }
      if (commitTs == startTs
          && (write.writeType() == WriteType.ROLLBACK || write.hasOverlappedRollback())) {
        throw new KeyErrorException(
            new KeyError.PessimisticLockRolledBack(startTs, MvccKey.decode(key)));
      }
      if (TimeStamps.gt(commitTs, startTs)) {
        MvccReader.WriteAt older = reader.seekWrite(key, startTs);
        if (older != null
            && older.commitTs() == startTs
            && (older.write().writeType() == WriteType.ROLLBACK
                || older.write().hasOverlappedRollback())) {
          throw new KeyErrorException(
              new KeyError.PessimisticLockRolledBack(startTs, MvccKey.decode(key)));
        }
      }
      PrewriteAction.checkDataConstraint(reader, shouldNotExist, write, commitTs, key, startTs);
      if (needValue || needCheckExistence) {
        switch (write.writeType()) {
          case PUT -> {
            if (write.checkGcFenceAsLatestVersion(startTs)) {
              found = true;
              val = needValue ? reader.loadData(key, write) : new byte[0];
            }
          }
          case DELETE -> {}
          default -> {
            if (commitTs != 0) {
              MvccReader.WriteAt w = reader.getWriteWithCommitTs(key, commitTs - 1, startTs);
              if (w != null) {
                found = true;
                val = needValue ? reader.loadData(key, w.write()) : new byte[0];
              }
            }
          }
        }
      }
    }
    if (!lockOnlyIfExists || found) {
      txn.putLock(key, pessimisticLock(primary, startTs, lockTtl, forUpdateTs, minCommitTs));
    }
    return new KeyResult(found, val);
  }

  static Lock pessimisticLock(
      byte[] primary, long startTs, long ttl, long forUpdateTs, long minCommitTs) {
    return Lock.of(
        LockType.PESSIMISTIC, primary, startTs, ttl, null, forUpdateTs, 0, minCommitTs, false);
  }

  private static KeyResult existingLock(
      MvccTxn txn,
      MvccReader reader,
      byte[] key,
      byte[] primary,
      boolean shouldNotExist,
      long lockTtl,
      long forUpdateTs,
      boolean needValue,
      boolean needCheckExistence,
      long minCommitTs,
      Lock lock) {
    long startTs = txn.startTs();
    if (lock.ts() != startTs) {
      throw new KeyErrorException(new KeyError.Locked(lock.toLockInfo(MvccKey.decode(key))));
    }
    if (!lock.isPessimisticLock()) {
      throw new KeyErrorException(
          new KeyError.LockTypeNotMatch(startTs, MvccKey.decode(key), false));
    }
    byte[] val = null;
    boolean found = false;
    if (needValue || needCheckExistence || shouldNotExist) {
      MvccReader.WriteAt w = reader.getWriteWithCommitTs(key, forUpdateTs, startTs);
      if (w != null) {
        try {
          PrewriteAction.checkDataConstraint(
              reader, shouldNotExist, w.write(), w.commitTs(), key, startTs);
        } catch (KeyErrorException e) {
          if (e.error() instanceof KeyError.AlreadyExist
              && TimeStamps.gt(w.commitTs(), forUpdateTs)) {
            throw new KeyErrorException(
                new KeyError.WriteConflict(
                    startTs,
                    w.write().startTs(),
                    w.commitTs(),
                    MvccKey.decode(key),
                    primary,
                    WriteConflictReason.PESSIMISTIC_RETRY));
          }
          throw e;
        }
        found = true;
        val = needValue ? reader.loadData(key, w.write()) : new byte[0];
      }
    }
    if (TimeStamps.gt(forUpdateTs, lock.forUpdateTs())) {
      txn.putLock(
          key,
          pessimisticLock(primary, startTs, lockTtl, forUpdateTs, minCommitTs)
              .withLastChange(lock.lastChangeTs(), lock.versionsToLastChange()));
    }
    return new KeyResult(found, val);
  }
}

package dev.patina.kv.mvcc;

import dev.patina.kv.engine.Batch;
import dev.patina.kv.engine.Cf;
import java.util.Arrays;
import java.util.List;

/** The writes of one transactional command, collected into one atomic batch ({@code MvccTxn}). */
public final class MvccTxn {
  private long startTs;
  private final Batch batch = new Batch();

  public MvccTxn(long startTs) {
    this.startTs = startTs;
  }

  public long startTs() {
    return startTs;
  }

  /** Resolve-lock handles many transactions in one batch. */
  public void setStartTs(long ts) {
    this.startTs = ts;
  }

  public Batch batch() {
    return batch;
  }

  public long writeSize() {
    return batch.size();
  }

  public boolean isEmpty() {
    return batch.isEmpty();
  }

  public void putLock(byte[] key, Lock lock) {
    batch.put(Cf.LOCK, key, lock.toBytes());
  }

  public void unlockKey(byte[] key) {
    batch.delete(Cf.LOCK, key);
  }

  public void putValue(byte[] key, long ts, byte[] value) {
    batch.put(Cf.DEFAULT, MvccKey.appendTs(key, ts), value);
  }

  public void deleteValue(byte[] key, long ts) {
    batch.delete(Cf.DEFAULT, MvccKey.appendTs(key, ts));
  }

  public void putWrite(byte[] key, long commitTs, Write write) {
    batch.put(Cf.WRITE, MvccKey.appendTs(key, commitTs), write.toBytes());
  }

  public void deleteWrite(byte[] key, long commitTs) {
    batch.delete(Cf.WRITE, MvccKey.appendTs(key, commitTs));
  }

  /**
   * {@code mark_rollback_on_mismatching_lock}: a protected rollback over another async-commit
   * transaction's lock records its ts in that lock, so committing it cannot overwrite the rollback.
   */
  public void markRollbackOnMismatchingLock(byte[] key, Lock lock, boolean isProtected) {
    if (!isProtected) {
      return;
    }
    if (TimeStamps.lt(startTs, lock.minCommitTs())) {
      return;
    }
    if (!lock.useAsyncCommit()) {
      return;
    }
    List<Long> rts = new java.util.ArrayList<>(lock.rollbackTs());
    rts.add(startTs);
    putLock(key, lock.withRollbackTs(rts));
  }

  /**
   * The pending change to the lock of {@code key} in this batch: null if none, an empty array if it
   * is deleted, otherwise the lock bytes.
   */
  public byte[] pendingLock(byte[] key) {
    List<Batch.Modify> ms = batch.modifies();
    for (int i = ms.size() - 1; i >= 0; i--) {
      Batch.Modify m = ms.get(i);
      if (m.cf() == Cf.LOCK && Arrays.equals(m.key(), key)) {
        return m.kind() == Batch.Kind.PUT ? m.value() : new byte[0];
      }
    }
    return null;
  }
}

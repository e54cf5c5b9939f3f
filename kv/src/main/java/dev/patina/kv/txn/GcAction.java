package dev.patina.kv.txn;

import dev.patina.kv.mvcc.MvccReader;
import dev.patina.kv.mvcc.MvccTxn;
import dev.patina.kv.mvcc.TimeStamps;
import dev.patina.kv.mvcc.Write;
import dev.patina.kv.mvcc.WriteType;

/**
 * TiKV's MVCC GC of one key ({@code actions/gc.rs}): versions newer than the safe point stay; of
 * the rest, the newest PUT stays, LOCK and ROLLBACK records above it go, everything below goes, and
 * a newest DELETE goes too once everything below it is gone.
 */
final class GcAction {
  private GcAction() {}

  /** Returns the number of versions deleted. */
  static int gc(MvccTxn txn, MvccReader reader, byte[] key, long safePoint) {
    long cur = TimeStamps.MAX;
    int deleted = 0;
    int state = 0; // 0 rewind, 1 remove idempotent, 2 remove all
    MvccReader.WriteAt latestDelete = null;
    MvccReader.WriteAt w;
    while ((w = reader.seekWrite(key, cur)) != null) {
      cur = w.commitTs() == 0 ? 0 : w.commitTs() - 1;
      Write write = w.write();
      if (state == 0 && TimeStamps.le(w.commitTs(), safePoint)) {
        state = 1;
      }
      if (state == 1) {
        switch (write.writeType()) {
          case PUT -> state = 2;
          case DELETE -> {
            state = 2;
            latestDelete = w;
          }
          default -> {
            delete(txn, key, w);
            deleted++;
          }
        }
      } else if (state == 2 && w != latestDelete) {
        delete(txn, key, w);
        deleted++;
      }
      if (w.commitTs() == 0) {
        break;
      }
    }
    if (latestDelete != null) {
      delete(txn, key, latestDelete);
      deleted++;
    }
    return deleted;
  }

  private static void delete(MvccTxn txn, byte[] key, MvccReader.WriteAt w) {
    txn.deleteWrite(key, w.commitTs());
    if (w.write().writeType() == WriteType.PUT && w.write().shortValue() == null) {
      txn.deleteValue(key, w.write().startTs());
    }
  }
}

package dev.patina.kv.mvcc;

import dev.patina.kv.StorageFailureException;
import dev.patina.kv.codec.ByteReader;
import dev.patina.kv.codec.ByteWriter;
import dev.patina.kv.codec.CodecException;
import java.util.Arrays;

/**
 * A commit or rollback record in the {@code write} column family, stored under {@code key ++
 * !commit_ts}; byte-compatible with TiKV's {@code txn_types::Write}: type flag, start_ts (var-int),
 * then {@code v} short value (≤ 255 bytes inline), {@code R} overlapped rollback, {@code F} GC
 * fence, {@code l} last change, {@code S} txn source.
 *
 * @param gcFence TiKV's {@code gc_fence}: -1 when absent (None), otherwise the next version's
 *     commit_ts (0 = none)
 */
public record Write(
    WriteType writeType,
    long startTs,
    byte[] shortValue,
    boolean hasOverlappedRollback,
    boolean hasGcFence,
    long gcFence,
    long lastChangeTs,
    long versionsToLastChange,
    long txnSource) {

  public Write {
    if (!hasGcFence) {
      gcFence = 0;
    }
  }

  /** The short value of protected rollbacks ({@code PROTECTED_ROLLBACK_SHORT_VALUE}). */
  static final byte[] PROTECTED_ROLLBACK_SHORT_VALUE = {'p'};

  private static final int FLAG_OVERLAPPED_ROLLBACK = 'R';
  private static final int GC_FENCE_PREFIX = 'F';
  private static final int LAST_CHANGE_PREFIX = 'l';
  private static final int TXN_SOURCE_PREFIX = 'S';

  /** {@code Write::new}. */
  public static Write of(WriteType type, long startTs, byte[] shortValue) {
    return new Write(type, startTs, shortValue, false, false, 0, 0, 0, 0);
  }

  /** {@code Write::new_rollback}. */
  public static Write rollback(long startTs, boolean protect) {
    return of(WriteType.ROLLBACK, startTs, protect ? PROTECTED_ROLLBACK_SHORT_VALUE.clone() : null);
  }

  /** {@code set_overlapped_rollback(true, gc_fence)}. */
  public Write withOverlappedRollback(boolean has, boolean fence, long fenceTs) {
    return new Write(
        writeType,
        startTs,
        shortValue,
        has,
        fence,
        fenceTs,
        lastChangeTs,
        versionsToLastChange,
        txnSource);
  }

  public Write withLastChange(long changeTs, long versions) {
    return new Write(
        writeType,
        startTs,
        shortValue,
        hasOverlappedRollback,
        hasGcFence,
        gcFence,
        changeTs,
        versions,
        txnSource);
  }

  public Write withTxnSource(long source) {
    return new Write(
        writeType,
        startTs,
        shortValue,
        hasOverlappedRollback,
        hasGcFence,
        gcFence,
        lastChangeTs,
        versionsToLastChange,
        source);
  }

  /** {@code is_protected}: a rollback that must not be collapsed. */
  public boolean isProtected() {
    return writeType == WriteType.ROLLBACK
        && Arrays.equals(shortValue, PROTECTED_ROLLBACK_SHORT_VALUE);
  }

  /**
   * {@code check_gc_fence_as_latest_version}: false when a GC fence points at a version at or
   * before {@code readTs} (so this record is a stale leftover of GC).
   */
  public boolean checkGcFenceAsLatestVersion(long readTs) {
    return !(hasGcFence && gcFence != 0 && TimeStamps.le(gcFence, readTs));
  }

  public byte[] toBytes() {
    ByteWriter w = new ByteWriter(16 + (shortValue == null ? 0 : shortValue.length));
    w.put(writeType.flag);
    w.putVarU64(startTs);
    if (shortValue != null) {
      w.put(Lock.SHORT_VALUE_PREFIX).put(shortValue.length).put(shortValue);
    }
    if (hasOverlappedRollback) {
      w.put(FLAG_OVERLAPPED_ROLLBACK);
    }
    if (hasGcFence) {
      w.put(GC_FENCE_PREFIX).putU64(gcFence);
    }
    if (versionsToLastChange != 0) {
      w.put(LAST_CHANGE_PREFIX).putU64(lastChangeTs).putVarU64(versionsToLastChange);
    }
    if (txnSource != 0) {
      w.put(TXN_SOURCE_PREFIX).putVarU64(txnSource);
    }
    return w.toByteArray();
  }

  /** {@code WriteRef::parse}; corrupt bytes raise {@link StorageFailureException}. */
  public static Write parse(byte[] b) {
    try {
      ByteReader r = new ByteReader(b);
      WriteType type = WriteType.ofFlag(r.get());
      if (type == null) {
        throw new CodecException("unknown write type " + (b[0] & 0xff));
      }
      long startTs = r.getVarU64();
      byte[] shortValue = null;
      boolean overlapped = false;
      boolean fence = false;
      long fenceTs = 0;
      long lastChangeTs = 0;
      long versions = 0;
      long source = 0;
      loop:
      while (r.hasRemaining()) {
        switch (r.get()) {
          case Lock.SHORT_VALUE_PREFIX -> shortValue = r.getBytes(r.get());
          case FLAG_OVERLAPPED_ROLLBACK -> overlapped = true;
          case GC_FENCE_PREFIX -> {
            fence = true;
            fenceTs = r.getU64();
          }
          case LAST_CHANGE_PREFIX -> {
            lastChangeTs = r.getU64();
            versions = r.getVarU64();
          }
          case TXN_SOURCE_PREFIX -> source = r.getVarU64();
          default -> {
            break loop;
          }
        }
      }
      return new Write(
          type, startTs, shortValue, overlapped, fence, fenceTs, lastChangeTs, versions, source);
    } catch (CodecException e) {
      throw new StorageFailureException("bad format write: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Write w
        && writeType == w.writeType
        && startTs == w.startTs
        && Arrays.equals(shortValue, w.shortValue)
        && hasOverlappedRollback == w.hasOverlappedRollback
        && hasGcFence == w.hasGcFence
        && gcFence == w.gcFence
        && lastChangeTs == w.lastChangeTs
        && versionsToLastChange == w.versionsToLastChange
        && txnSource == w.txnSource;
  }

  @Override
  public int hashCode() {
    return writeType.hashCode() * 31 + Long.hashCode(startTs);
  }
}

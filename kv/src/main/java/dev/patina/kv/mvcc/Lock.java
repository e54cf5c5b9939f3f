package dev.patina.kv.mvcc;

import dev.patina.kv.LockInfo;
import dev.patina.kv.StorageFailureException;
import dev.patina.kv.codec.ByteReader;
import dev.patina.kv.codec.ByteWriter;
import dev.patina.kv.codec.CodecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A lock in the {@code lock} column family, byte-compatible with TiKV's {@code txn_types::Lock}:
 * the type flag, the primary key (compact bytes), start_ts and TTL (var-ints), then optional fields
 * each behind a prefix byte, in TiKV's order ({@code v} short value, {@code f} for_update_ts,
 * {@code t} txn_size, {@code c} min_commit_ts, {@code a} async-commit secondaries, {@code r}
 * rollback timestamps, {@code l} last change, {@code s} txn source, {@code F} locked with conflict,
 * {@code g} generation). Parsing stops at an unknown prefix, as TiKV's does.
 *
 * @param lastChangeTs with {@code versionsToLastChange}: TiKV's {@code LastChange} ((0,0) unknown,
 *     (0,n) no previous version, (ts,n) the last PUT/DELETE)
 */
public record Lock(
    LockType lockType,
    byte[] primary,
    long ts,
    long ttl,
    byte[] shortValue,
    long forUpdateTs,
    long txnSize,
    long minCommitTs,
    boolean useAsyncCommit,
    List<byte[]> secondaries,
    List<Long> rollbackTs,
    long lastChangeTs,
    long versionsToLastChange,
    long txnSource,
    boolean isLockedWithConflict,
    long generation) {

  static final int SHORT_VALUE_PREFIX = 'v';
  private static final int FOR_UPDATE_TS_PREFIX = 'f';
  private static final int TXN_SIZE_PREFIX = 't';
  private static final int MIN_COMMIT_TS_PREFIX = 'c';
  private static final int ASYNC_COMMIT_PREFIX = 'a';
  private static final int ROLLBACK_TS_PREFIX = 'r';
  private static final int LAST_CHANGE_PREFIX = 'l';
  private static final int TXN_SOURCE_PREFIX = 's';
  private static final int PESSIMISTIC_LOCK_WITH_CONFLICT_PREFIX = 'F';
  private static final int GENERATION_PREFIX = 'g';

  public Lock {
    secondaries = secondaries == null ? List.of() : List.copyOf(secondaries);
    rollbackTs = rollbackTs == null ? List.of() : List.copyOf(rollbackTs);
  }

  /** {@code Lock::new}. */
  public static Lock of(
      LockType type,
      byte[] primary,
      long ts,
      long ttl,
      byte[] shortValue,
      long forUpdateTs,
      long txnSize,
      long minCommitTs,
      boolean lockedWithConflict) {
    return new Lock(
        type,
        primary,
        ts,
        ttl,
        shortValue,
        forUpdateTs,
        txnSize,
        minCommitTs,
        false,
        List.of(),
        List.of(),
        0,
        0,
        0,
        lockedWithConflict,
        0);
  }

  public boolean isPessimisticTxn() {
    return forUpdateTs != 0;
  }

  public boolean isPessimisticLock() {
    return lockType == LockType.PESSIMISTIC;
  }

  public boolean isPessimisticLockWithConflict() {
    return isPessimisticLock() && isLockedWithConflict;
  }

  public Lock withTtl(long newTtl) {
    return new Lock(
        lockType,
        primary,
        ts,
        newTtl,
        shortValue,
        forUpdateTs,
        txnSize,
        minCommitTs,
        useAsyncCommit,
        secondaries,
        rollbackTs,
        lastChangeTs,
        versionsToLastChange,
        txnSource,
        isLockedWithConflict,
        generation);
  }

  public Lock withMinCommitTs(long m) {
    return new Lock(
        lockType,
        primary,
        ts,
        ttl,
        shortValue,
        forUpdateTs,
        txnSize,
        m,
        useAsyncCommit,
        secondaries,
        rollbackTs,
        lastChangeTs,
        versionsToLastChange,
        txnSource,
        isLockedWithConflict,
        generation);
  }

  public Lock withAsyncCommit(boolean on, List<byte[]> secs) {
    return new Lock(
        lockType,
        primary,
        ts,
        ttl,
        shortValue,
        forUpdateTs,
        txnSize,
        minCommitTs,
        on,
        secs,
        rollbackTs,
        lastChangeTs,
        versionsToLastChange,
        txnSource,
        isLockedWithConflict,
        generation);
  }

  public Lock withRollbackTs(List<Long> rts) {
    return new Lock(
        lockType,
        primary,
        ts,
        ttl,
        shortValue,
        forUpdateTs,
        txnSize,
        minCommitTs,
        useAsyncCommit,
        secondaries,
        rts,
        lastChangeTs,
        versionsToLastChange,
        txnSource,
        isLockedWithConflict,
        generation);
  }

  public Lock withLastChange(long changeTs, long versions) {
    return new Lock(
        lockType,
        primary,
        ts,
        ttl,
        shortValue,
        forUpdateTs,
        txnSize,
        minCommitTs,
        useAsyncCommit,
        secondaries,
        rollbackTs,
        changeTs,
        versions,
        txnSource,
        isLockedWithConflict,
        generation);
  }

  public Lock withTxnSource(long source) {
    return new Lock(
        lockType,
        primary,
        ts,
        ttl,
        shortValue,
        forUpdateTs,
        txnSize,
        minCommitTs,
        useAsyncCommit,
        secondaries,
        rollbackTs,
        lastChangeTs,
        versionsToLastChange,
        source,
        isLockedWithConflict,
        generation);
  }

  /** {@code Lock::to_bytes}. */
  public byte[] toBytes() {
    ByteWriter w =
        new ByteWriter(32 + primary.length + (shortValue == null ? 0 : shortValue.length));
    w.put(lockType.flag);
    w.putCompactBytes(primary);
    w.putVarU64(ts);
    w.putVarU64(ttl);
    if (shortValue != null) {
      w.put(SHORT_VALUE_PREFIX).put(shortValue.length).put(shortValue);
    }
    if (forUpdateTs != 0) {
      w.put(FOR_UPDATE_TS_PREFIX).putU64(forUpdateTs);
    }
    if (txnSize != 0) {
      w.put(TXN_SIZE_PREFIX).putU64(txnSize);
    }
    if (minCommitTs != 0) {
      w.put(MIN_COMMIT_TS_PREFIX).putU64(minCommitTs);
    }
    if (useAsyncCommit) {
      w.put(ASYNC_COMMIT_PREFIX).putVarU64(secondaries.size());
      for (byte[] k : secondaries) {
        w.putCompactBytes(k);
      }
    }
    if (!rollbackTs.isEmpty()) {
      w.put(ROLLBACK_TS_PREFIX).putVarU64(rollbackTs.size());
      for (long t : rollbackTs) {
        w.putU64(t);
      }
    }
    if (versionsToLastChange != 0) {
      w.put(LAST_CHANGE_PREFIX).putU64(lastChangeTs).putVarU64(versionsToLastChange);
    }
    if (txnSource != 0) {
      w.put(TXN_SOURCE_PREFIX).putVarU64(txnSource);
    }
    if (isLockedWithConflict) {
      w.put(PESSIMISTIC_LOCK_WITH_CONFLICT_PREFIX);
    }
    if (generation != 0) {
      w.put(GENERATION_PREFIX).putU64(generation);
    }
    return w.toByteArray();
  }

  /** {@code Lock::parse}; corrupt bytes raise {@link StorageFailureException}. */
  public static Lock parse(byte[] b) {
    try {
      ByteReader r = new ByteReader(b);
      LockType type = LockType.ofFlag(r.get());
      if (type == null) {
        throw new CodecException("bad format lock: unknown lock type " + (b[0] & 0xff));
      }
      byte[] primary = r.getCompactBytes();
      long ts = r.getVarU64();
      long ttl = r.hasRemaining() ? r.getVarU64() : 0;
      byte[] shortValue = null;
      long forUpdateTs = 0;
      long txnSize = 0;
      long minCommitTs = 0;
      boolean async = false;
      List<byte[]> secondaries = List.of();
      List<Long> rollbackTs = List.of();
      long lastChangeTs = 0;
      long versions = 0;
      long source = 0;
      boolean conflict = false;
      long generation = 0;
      loop:
      while (r.hasRemaining()) {
        switch (r.get()) {
          case SHORT_VALUE_PREFIX -> shortValue = r.getBytes(r.get());
          case FOR_UPDATE_TS_PREFIX -> forUpdateTs = r.getU64();
          case TXN_SIZE_PREFIX -> txnSize = r.getU64();
          case MIN_COMMIT_TS_PREFIX -> minCommitTs = r.getU64();
          case ASYNC_COMMIT_PREFIX -> {
            async = true;
            long n = r.getVarU64();
            if (n < 0 || n > r.remaining()) {
              throw new CodecException("bad secondaries count " + n);
            }
            List<byte[]> s = new ArrayList<>((int) n);
            for (long i = 0; i < n; i++) {
              s.add(r.getCompactBytes());
            }
            secondaries = s;
          }
          case ROLLBACK_TS_PREFIX -> {
            long n = r.getVarU64();
            if (n < 0 || n > r.remaining() / 8) {
              throw new CodecException("bad rollback_ts count " + n);
            }
            List<Long> s = new ArrayList<>((int) n + 1);
            for (long i = 0; i < n; i++) {
              s.add(r.getU64());
            }
            rollbackTs = s;
          }
          case LAST_CHANGE_PREFIX -> {
            lastChangeTs = r.getU64();
            versions = r.getVarU64();
          }
          case TXN_SOURCE_PREFIX -> source = r.getVarU64();
          case PESSIMISTIC_LOCK_WITH_CONFLICT_PREFIX -> conflict = true;
          case GENERATION_PREFIX -> generation = r.getU64();
          default -> {
            break loop; // forward compatibility: fields are ordered, stop at an unknown one
          }
        }
      }
      if (lastChangeTs != 0 && versions == 0) {
        throw new CodecException("bad last change: ts without versions");
      }
      return new Lock(
          type,
          primary,
          ts,
          ttl,
          shortValue,
          forUpdateTs,
          txnSize,
          minCommitTs,
          async,
          secondaries,
          rollbackTs,
          lastChangeTs,
          versions,
          source,
          conflict,
          generation);
    } catch (CodecException e) {
      throw new StorageFailureException("bad format lock: " + e.getMessage(), e);
    }
  }

  /** {@code Lock::into_lock_info}. */
  public LockInfo toLockInfo(byte[] rawKey) {
    return new LockInfo(
        primary,
        ts,
        rawKey,
        ttl,
        txnSize,
        lockType.op(),
        forUpdateTs,
        useAsyncCommit,
        minCommitTs,
        secondaries);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Lock l)) {
      return false;
    }
    if (secondaries.size() != l.secondaries.size()) {
      return false;
    }
    for (int i = 0; i < secondaries.size(); i++) {
      if (!Arrays.equals(secondaries.get(i), l.secondaries.get(i))) {
        return false;
      }
    }
    return lockType == l.lockType
        && Arrays.equals(primary, l.primary)
        && ts == l.ts
        && ttl == l.ttl
        && Arrays.equals(shortValue, l.shortValue)
        && forUpdateTs == l.forUpdateTs
        && txnSize == l.txnSize
        && minCommitTs == l.minCommitTs
        && useAsyncCommit == l.useAsyncCommit
        && rollbackTs.equals(l.rollbackTs)
        && lastChangeTs == l.lastChangeTs
        && versionsToLastChange == l.versionsToLastChange
        && txnSource == l.txnSource
        && isLockedWithConflict == l.isLockedWithConflict
        && generation == l.generation;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(primary) * 31 + Long.hashCode(ts);
  }
}

package dev.patina.kv.txn;

import dev.patina.kv.Assertion;
import dev.patina.kv.AssertionLevel;
import dev.patina.kv.InvalidRequestException;
import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.LockInfo;
import dev.patina.kv.Mutation;
import dev.patina.kv.Op;
import dev.patina.kv.PessimisticAction;
import dev.patina.kv.PessimisticLockNotFoundReason;
import dev.patina.kv.WriteConflictReason;
import dev.patina.kv.mvcc.Lock;
import dev.patina.kv.mvcc.LockType;
import dev.patina.kv.mvcc.MvccKey;
import dev.patina.kv.mvcc.MvccReader;
import dev.patina.kv.mvcc.MvccTxn;
import dev.patina.kv.mvcc.TimeStamps;
import dev.patina.kv.mvcc.Write;
import dev.patina.kv.mvcc.WriteType;
import java.util.List;

/** TiKV's {@code prewrite} action for one mutation ({@code actions/prewrite.rs}). */
final class PrewriteAction {
  /** Values up to this size live inline in the lock and the write record. */
  static final int SHORT_VALUE_MAX_LEN = 255;

  enum CommitKind {
    TWO_PC,
    ONE_PC,
    ASYNC
  }

  /** The transaction-wide properties of a prewrite. */
  record Props(
      long startTs,
      boolean pessimistic,
      long forUpdateTs,
      boolean skipConstraintCheckOptimistic,
      CommitKind commitKind,
      long maxCommitTs,
      byte[] primary,
      long txnSize,
      long lockTtl,
      long minCommitTs,
      boolean isRetryRequest,
      AssertionLevel assertionLevel) {}

  /** A 1PC lock waiting to become a write record. */
  record OnePcLock(byte[] key, Lock lock, boolean removePessimisticLock) {}

  /** The per-command state that prewrite actions share. */
  static final class Context {
    final ConcurrencyManager cm;
    final List<OnePcLock> onePcLocks = new java.util.ArrayList<>();
    final List<byte[]> memKeys = new java.util.ArrayList<>();
    final List<ConcurrencyManager.MemLock> memLocks = new java.util.ArrayList<>();

    Context(ConcurrencyManager cm) {
      this.cm = cm;
    }

    void releaseMemLocks() {
      for (int i = 0; i < memKeys.size(); i++) {
        cm.release(memKeys.get(i), memLocks.get(i));
      }
      memKeys.clear();
      memLocks.clear();
    }
  }

  private enum Status {
    NONE,
    LOCKED,
    PESSIMISTIC
  }

  private final Context ctx;
  private final MvccTxn txn;
  private final MvccReader reader;
  private final Props props;
  private final byte[] key;
  private final byte[] value;
  private final Op op;
  private final Assertion assertion;
  private final List<byte[]> secondaries;
  private final PessimisticAction action;
  private final Long expectedForUpdateTs;
  private final LockType lockType;
  private final boolean shouldNotExist;
  private final boolean shouldNotWrite;
  private long lockTtl;
  private long minCommitTs;
  private Status status = Status.NONE;
  private long statusTs;

  private PrewriteAction(
      Context ctx,
      MvccTxn txn,
      MvccReader reader,
      Props props,
      Mutation m,
      byte[] key,
      List<byte[]> secondaries,
      PessimisticAction action,
      Long expectedForUpdateTs) {
    this.ctx = ctx;
    this.txn = txn;
    this.reader = reader;
    this.props = props;
    this.key = key;
    this.value = m.value();
    this.op = m.op();
    this.assertion = m.assertion();
    this.secondaries = secondaries;
    this.action = action;
    this.expectedForUpdateTs = expectedForUpdateTs;
    this.shouldNotWrite = op == Op.CHECK_NOT_EXISTS;
    this.shouldNotExist = op == Op.INSERT || op == Op.CHECK_NOT_EXISTS;
    this.lockType =
        switch (op) {
          case PUT, INSERT -> LockType.PUT;
          case DEL -> LockType.DELETE;
          case LOCK -> LockType.LOCK;
          case CHECK_NOT_EXISTS -> null;
          default -> throw new InvalidRequestException("mismatch Op in prewrite mutations: " + op);
        };
    if ((op == Op.PUT || op == Op.INSERT) && value == null) {
      throw new InvalidRequestException("missing value for " + op + " mutation");
    }
    this.lockTtl = props.lockTtl();
    this.minCommitTs = props.minCommitTs();
  }

  /**
   * Prewrites one mutation. Returns the min_commit_ts it computed (async commit / 1PC; 0 otherwise,
   * or when the key was already prewritten by a non-async-commit request).
   */
  static long prewrite(
      Context ctx,
      MvccTxn txn,
      MvccReader reader,
      Props props,
      Mutation m,
      byte[] key,
      List<byte[]> secondaries,
      PessimisticAction action,
      Long expectedForUpdateTs) {
    if (props.pessimistic() && m.op() == Op.CHECK_NOT_EXISTS) {
      throw new KeyErrorException(
          new KeyError.Abort("cannot handle checkNotExists in pessimistic prewrite"));
    }
    return new PrewriteAction(
            ctx, txn, reader, props, m, key, secondaries, action, expectedForUpdateTs)
        .run();
  }

  private long run() {
    if (shouldNotExist) {
      ctx.cm.updateMaxTs(props.startTs());
    }
    boolean lockAmended = false;
    Lock existing = reader.loadLock(key);
    if (existing != null) {
      checkLock(existing);
    } else if (action == PessimisticAction.DO_PESSIMISTIC_CHECK) {
      amendPessimisticLock();
      lockAmended = true;
    }
    if (status == Status.LOCKED) {
      return statusTs; // duplicated command
    }

    MvccReader.WriteAt prevWrite = null;
    boolean prevLoaded = false;
    if (!skipConstraintCheck()) {
      prevWrite = checkForNewerVersion();
      prevLoaded = true;
    }
    if (!lockAmended) {
      checkAssertion(prevWrite, prevLoaded);
    }

    if (shouldNotWrite) {
      ctx.cm.updateMaxTs(props.startTs());
      if (props.commitKind() != CommitKind.TWO_PC) {
        return TimeStamps.max(props.minCommitTs(), TimeStamps.next(props.startTs()));
      }
      return 0;
    }
    return writeLock();
  }

  private boolean skipConstraintCheck() {
    if (!props.pessimistic()) {
      return props.skipConstraintCheckOptimistic();
    }
    return switch (action) {
      case DO_PESSIMISTIC_CHECK -> true;
      case SKIP_PESSIMISTIC_CHECK -> !props.isRetryRequest();
      case DO_CONSTRAINT_CHECK -> false;
    };
  }

  private byte[] rawKey() {
    return MvccKey.decode(key);
  }

  private void checkLock(Lock lock) {
    if (lock.ts() != props.startTs()) {
      if (action == PessimisticAction.DO_PESSIMISTIC_CHECK) {
        throw new KeyErrorException(
            new KeyError.PessimisticLockNotFound(
                props.startTs(), rawKey(), PessimisticLockNotFoundReason.LOCK_TS_MISMATCH));
      }
      LockInfo info = lock.toLockInfo(rawKey());
      if (props.pessimistic()) {
        info = info.withTtl(0);
      }
      throw new KeyErrorException(new KeyError.Locked(info));
    }
    if (lock.isPessimisticLock()) {
      if (!props.pessimistic()) {
        throw new KeyErrorException(new KeyError.LockTypeNotMatch(props.startTs(), rawKey(), true));
      }
      if (expectedForUpdateTs != null && lock.forUpdateTs() != expectedForUpdateTs) {
        throw new KeyErrorException(
            new KeyError.PessimisticLockNotFound(
                props.startTs(),
                rawKey(),
                PessimisticLockNotFoundReason.LOCK_FOR_UPDATE_TS_MISMATCH));
      }
      lockTtl = Math.max(lockTtl, lock.ttl());
      minCommitTs = TimeStamps.max(minCommitTs, lock.minCommitTs());
      status = Status.PESSIMISTIC;
      statusTs = lock.forUpdateTs();
      return;
    }
    status = Status.LOCKED;
    statusTs = lock.useAsyncCommit() ? lock.minCommitTs() : 0;
  }

  private void writeConflict(Write w, long commitTs, WriteConflictReason reason) {
    throw new KeyErrorException(
        new KeyError.WriteConflict(
            props.startTs(), w.startTs(), commitTs, rawKey(), props.primary(), reason));
  }

  private MvccReader.WriteAt checkForNewerVersion() {
    long seekTs = TimeStamps.MAX;
    MvccReader.WriteAt w;
    while ((w = reader.seekWrite(key, seekTs)) != null) {
      long commitTs = w.commitTs();
      Write write = w.write();
      if (commitTs == props.startTs()
          && (write.writeType() == WriteType.ROLLBACK || write.hasOverlappedRollback())) {
        writeConflict(write, commitTs, WriteConflictReason.SELF_ROLLED_BACK);
      }
      if (!props.pessimistic()) {
        if (TimeStamps.gt(commitTs, props.startTs())) {
          writeConflict(write, commitTs, WriteConflictReason.OPTIMISTIC);
        }
      } else {
        if (action == PessimisticAction.DO_CONSTRAINT_CHECK
            && TimeStamps.gt(commitTs, props.startTs())) {
          writeConflict(write, commitTs, WriteConflictReason.LAZY_UNIQUENESS_CHECK);
        }
        if (TimeStamps.gt(commitTs, props.forUpdateTs())) {
          if (write.writeType() == WriteType.ROLLBACK) {
            seekTs = commitTs - 1;
            continue;
          }
          throw new KeyErrorException(
              new KeyError.PessimisticLockNotFound(
                  props.startTs(), rawKey(), PessimisticLockNotFoundReason.NON_LOCK_KEY_CONFLICT));
        }
      }
      checkDataConstraint(reader, shouldNotExist, write, commitTs, key, props.startTs());
      return w;
    }
    return null;
  }

  /** {@code check_data_constraint}: an insert must not find the key. */
  static void checkDataConstraint(
      MvccReader reader,
      boolean shouldNotExist,
      Write write,
      long commitTs,
      byte[] key,
      long readTs) {
    boolean invalid = write.hasGcFence() && write.gcFence() != 0;
    if (!shouldNotExist || write.writeType() == WriteType.DELETE || invalid) {
      return;
    }
    Long existing = null;
    if (write.writeType() == WriteType.PUT) {
      existing = write.startTs();
    } else if (commitTs != 0) {
      MvccReader.WriteAt prev = reader.getWriteWithCommitTs(key, commitTs - 1, readTs);
      if (prev != null) {
        existing = prev.write().startTs();
      }
    }
    if (existing != null) {
      throw new KeyErrorException(new KeyError.AlreadyExist(MvccKey.decode(key), existing));
    }
  }

  private void checkAssertion(MvccReader.WriteAt write, boolean loaded) {
    if (assertion == Assertion.NONE || props.assertionLevel() == AssertionLevel.OFF) {
      return;
    }
    if (props.assertionLevel() != AssertionLevel.STRICT && !loaded) {
      return;
    }
    if (loaded && write != null && write.write().hasGcFence() && write.write().gcFence() != 0) {
      write = null;
    }
    boolean reload =
        !loaded
            || (write != null
                && write.write().writeType() != WriteType.PUT
                && write.write().writeType() != WriteType.DELETE);
    if (reload) {
      long reloadTs = write == null ? TimeStamps.MAX : write.commitTs();
      write = reader.getWriteWithCommitTs(key, reloadTs, props.startTs());
    }
    KeyError err = null;
    if (assertion == Assertion.EXIST && write == null) {
      err = new KeyError.AssertionFailed(props.startTs(), rawKey(), assertion, 0, 0);
    } else if (assertion == Assertion.EXIST && write.write().writeType() == WriteType.DELETE) {
      err =
          new KeyError.AssertionFailed(
              props.startTs(), rawKey(), assertion, write.write().startTs(), write.commitTs());
    } else if (assertion == Assertion.NOT_EXIST
        && write != null
        && write.write().writeType() == WriteType.PUT) {
      err =
          new KeyError.AssertionFailed(
              props.startTs(), rawKey(), assertion, write.write().startTs(), write.commitTs());
    }
    if (err != null) {
      if (skipConstraintCheck()) {
        checkForNewerVersion();
      }
      throw new KeyErrorException(err);
    }
  }

  private void amendPessimisticLock() {
    MvccReader.WriteAt w = reader.seekWrite(key, TimeStamps.MAX);
    if (w != null && TimeStamps.ge(w.commitTs(), props.startTs())) {
      throw new KeyErrorException(
          new KeyError.PessimisticLockNotFound(
              props.startTs(), rawKey(), PessimisticLockNotFoundReason.LOCK_MISSING_AMEND_FAIL));
    }
    checkAssertion(w, true);
  }

  private long writeLock() {
    boolean tryOnePc = props.commitKind() == CommitKind.ONE_PC;
    long forUpdateTsToWrite =
        status == Status.PESSIMISTIC
            ? TimeStamps.max(props.forUpdateTs(), statusTs)
            : props.forUpdateTs();
    byte[] shortValue = null;
    if (value != null) {
      if (value.length <= SHORT_VALUE_MAX_LEN) {
        shortValue = value;
      } else {
        txn.putValue(key, props.startTs(), value);
      }
    }
    Lock lock =
        Lock.of(
            lockType,
            props.primary(),
            props.startTs(),
            lockTtl,
            shortValue,
            forUpdateTsToWrite,
            props.txnSize(),
            minCommitTs,
            false);
    boolean asyncCommit = secondaries != null;
    if (asyncCommit) {
      lock = lock.withAsyncCommit(true, secondaries);
    }
    long finalMinCommitTs = 0;
    KeyErrorException tooLarge = null;
    if (asyncCommit || tryOnePc) {
      ConcurrencyManager.MemLock mem = ctx.cm.register(key);
      ctx.memKeys.add(key);
      ctx.memLocks.add(mem);
      long[] result = new long[1];
      Lock[] computed = new Lock[1];
      ctx.cm.publish(
          mem,
          (maxTs, l) -> {
            long m =
                TimeStamps.next(
                    TimeStamps.max(TimeStamps.max(maxTs, props.startTs()), props.forUpdateTs()));
            m = TimeStamps.max(l.minCommitTs(), m);
            if (props.maxCommitTs() != 0 && TimeStamps.gt(m, props.maxCommitTs())) {
              result[0] = m;
              computed[0] = null;
              return l; // not published as pushed; falls back to 2PC below
            }
            computed[0] = l.withMinCommitTs(m);
            return computed[0];
          },
          lock);
      if (computed[0] == null) {
        tooLarge =
            new KeyErrorException(
                new KeyError.CommitTsTooLarge(props.startTs(), result[0], props.maxCommitTs()));
        tryOnePc = false;
        lock = lock.withAsyncCommit(false, List.of());
      } else {
        lock = computed[0];
        finalMinCommitTs = lock.minCommitTs();
      }
    }
    if (tryOnePc) {
      ctx.onePcLocks.add(new OnePcLock(key, lock, status == Status.PESSIMISTIC));
    } else {
      txn.putLock(key, lock);
    }
    if (tooLarge != null) {
      throw tooLarge;
    }
    return finalMinCommitTs;
  }
}

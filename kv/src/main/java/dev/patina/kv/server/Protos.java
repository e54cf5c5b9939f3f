package dev.patina.kv.server;

import com.google.protobuf.ByteString;
import dev.patina.kv.Assertion;
import dev.patina.kv.AssertionLevel;
import dev.patina.kv.KeyError;
import dev.patina.kv.LockInfo;
import dev.patina.kv.Op;
import dev.patina.kv.TxnStatus;
import dev.patina.kv.proto.Errorpb;
import dev.patina.kv.proto.Kvrpcpb;
import dev.patina.kv.region.RegionError;
import dev.patina.kv.region.RegionMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * Storage records to kvrpcpb/errorpb messages and back, field by field as TiKV fills them ({@code
 * storage::errors::extract_key_error}, raftstore's {@code From<Error> for errorpb::Error}).
 */
final class Protos {
  private Protos() {}

  static ByteString bytes(byte[] b) {
    return b == null ? ByteString.EMPTY : ByteString.copyFrom(b);
  }

  static List<byte[]> keys(List<ByteString> in) {
    List<byte[]> out = new ArrayList<>(in.size());
    for (ByteString b : in) {
      out.add(b.toByteArray());
    }
    return out;
  }

  // ---- region errors -----------------------------------------------------------------------

  static Errorpb.Error regionError(RegionError e) {
    Errorpb.Error.Builder b = Errorpb.Error.newBuilder().setMessage(e.message());
    switch (e) {
      case RegionError.RegionNotFound r ->
          b.setRegionNotFound(Errorpb.RegionNotFound.newBuilder().setRegionId(r.regionId()));
      case RegionError.NotLeader n -> {
        Errorpb.NotLeader.Builder nl = Errorpb.NotLeader.newBuilder().setRegionId(n.regionId());
        if (n.leader() != null) {
          nl.setLeader(n.leader().toProto());
        }
        b.setNotLeader(nl);
      }
      case RegionError.StoreNotMatch s ->
          b.setStoreNotMatch(
              Errorpb.StoreNotMatch.newBuilder()
                  .setRequestStoreId(s.requestStoreId())
                  .setActualStoreId(s.actualStoreId()));
      case RegionError.KeyNotInRegion k ->
          b.setKeyNotInRegion(
              Errorpb.KeyNotInRegion.newBuilder()
                  .setKey(bytes(k.key()))
                  .setRegionId(k.region().id())
                  .setStartKey(bytes(k.region().startKey()))
                  .setEndKey(bytes(k.region().endKey())));
      case RegionError.EpochNotMatch m -> {
        Errorpb.EpochNotMatch.Builder en = Errorpb.EpochNotMatch.newBuilder();
        for (RegionMeta r : m.currentRegions()) {
          en.addCurrentRegions(r.toProto());
        }
        b.setEpochNotMatch(en);
      }
      case RegionError.ServerIsBusy s -> {
        b.setMessage("");
        b.setServerIsBusy(
            Errorpb.ServerIsBusy.newBuilder().setReason(s.reason()).setBackoffMs(s.backoffMs()));
      }
      case RegionError.RaftEntryTooLarge t ->
          b.setRaftEntryTooLarge(
              Errorpb.RaftEntryTooLarge.newBuilder()
                  .setRegionId(t.regionId())
                  .setEntrySize(t.entrySize()));
      case RegionError.Other o -> {}
    }
    return b.build();
  }

  // ---- key errors --------------------------------------------------------------------------

  static Kvrpcpb.KeyError keyError(KeyError e) {
    Kvrpcpb.KeyError.Builder b = Kvrpcpb.KeyError.newBuilder();
    switch (e) {
      case KeyError.Locked l -> b.setLocked(lockInfo(l.lock()));
      case KeyError.WriteConflict w ->
          b.setConflict(
                  Kvrpcpb.WriteConflict.newBuilder()
                      .setStartTs(w.startTs())
                      .setConflictTs(w.conflictStartTs())
                      .setConflictCommitTs(w.conflictCommitTs())
                      .setKey(bytes(w.key()))
                      .setPrimary(bytes(w.primary())))
              .setRetryable(w.message());
      case KeyError.AlreadyExist a ->
          b.setAlreadyExist(Kvrpcpb.AlreadyExist.newBuilder().setKey(bytes(a.key())));
      case KeyError.TxnLockNotFound t -> b.setRetryable(t.message());
      case KeyError.TxnNotFound t ->
          b.setTxnNotFound(
              Kvrpcpb.TxnNotFound.newBuilder()
                  .setStartTs(t.startTs())
                  .setPrimaryKey(bytes(t.primaryKey())));
      case KeyError.CommitTsExpired c ->
          b.setCommitTsExpired(
              Kvrpcpb.CommitTsExpired.newBuilder()
                  .setStartTs(c.startTs())
                  .setAttemptedCommitTs(c.attemptedCommitTs())
                  .setKey(bytes(c.key()))
                  .setMinCommitTs(c.minCommitTs()));
      case KeyError.CommitTsTooLarge c ->
          b.setCommitTsTooLarge(Kvrpcpb.CommitTsTooLarge.newBuilder().setCommitTs(c.minCommitTs()));
      case KeyError.AssertionFailed a ->
          b.setAssertionFailed(
              Kvrpcpb.AssertionFailed.newBuilder()
                  .setStartTs(a.startTs())
                  .setKey(bytes(a.key()))
                  .setAssertion(assertion(a.assertion()))
                  .setExistingStartTs(a.existingStartTs())
                  .setExistingCommitTs(a.existingCommitTs()));
      default -> b.setAbort(e.message());
    }
    return b.build();
  }

  /** A failure that is not one of TiKV's key errors: TiKV reports it as {@code abort}. */
  static Kvrpcpb.KeyError abort(String message) {
    return Kvrpcpb.KeyError.newBuilder().setAbort(message).build();
  }

  static Kvrpcpb.LockInfo lockInfo(LockInfo l) {
    Kvrpcpb.LockInfo.Builder b =
        Kvrpcpb.LockInfo.newBuilder()
            .setPrimaryLock(bytes(l.primaryLock()))
            .setLockVersion(l.lockVersion())
            .setKey(bytes(l.key()))
            .setLockTtl(l.lockTtl())
            .setTxnSize(l.txnSize())
            .setLockType(op(l.lockType()))
            .setLockForUpdateTs(l.lockForUpdateTs())
            .setUseAsyncCommit(l.useAsyncCommit())
            .setMinCommitTs(l.minCommitTs());
    for (byte[] s : l.secondaries()) {
      b.addSecondaries(bytes(s));
    }
    return b.build();
  }

  static Kvrpcpb.Op op(Op op) {
    return switch (op) {
      case PUT -> Kvrpcpb.Op.Put;
      case DEL -> Kvrpcpb.Op.Del;
      case LOCK -> Kvrpcpb.Op.Lock;
      case ROLLBACK -> Kvrpcpb.Op.Rollback;
      case INSERT -> Kvrpcpb.Op.Insert;
      case PESSIMISTIC_LOCK -> Kvrpcpb.Op.PessimisticLock;
      case CHECK_NOT_EXISTS -> Kvrpcpb.Op.CheckNotExists;
    };
  }

  /** kvrpcpb.Op of a mutation; unknown numbers are refused. */
  static Op op(Kvrpcpb.Op op) {
    return switch (op) {
      case Put -> Op.PUT;
      case Del -> Op.DEL;
      case Lock -> Op.LOCK;
      case Rollback -> Op.ROLLBACK;
      case Insert -> Op.INSERT;
      case PessimisticLock -> Op.PESSIMISTIC_LOCK;
      case CheckNotExists -> Op.CHECK_NOT_EXISTS;
      case UNRECOGNIZED -> throw new IllegalArgumentException("invalid mutation op");
    };
  }

  static Kvrpcpb.Assertion assertion(Assertion a) {
    return switch (a) {
      case NONE -> Kvrpcpb.Assertion.None;
      case EXIST -> Kvrpcpb.Assertion.Exist;
      case NOT_EXIST -> Kvrpcpb.Assertion.NotExist;
    };
  }

  static Assertion assertion(Kvrpcpb.Assertion a) {
    return switch (a) {
      case Exist -> Assertion.EXIST;
      case NotExist -> Assertion.NOT_EXIST;
      default -> Assertion.NONE;
    };
  }

  static AssertionLevel assertionLevel(Kvrpcpb.AssertionLevel l) {
    return switch (l) {
      case Fast -> AssertionLevel.FAST;
      case Strict -> AssertionLevel.STRICT;
      default -> AssertionLevel.OFF;
    };
  }

  static Kvrpcpb.Action action(TxnStatus.Action a) {
    return switch (a) {
      case NO_ACTION -> Kvrpcpb.Action.NoAction;
      case TTL_EXPIRE_ROLLBACK -> Kvrpcpb.Action.TTLExpireRollback;
      case LOCK_NOT_EXIST_ROLLBACK -> Kvrpcpb.Action.LockNotExistRollback;
      case MIN_COMMIT_TS_PUSHED -> Kvrpcpb.Action.MinCommitTSPushed;
      case TTL_EXPIRE_PESSIMISTIC_ROLLBACK -> Kvrpcpb.Action.TTLExpirePessimisticRollback;
      case LOCK_NOT_EXIST_DO_NOTHING -> Kvrpcpb.Action.LockNotExistDoNothing;
    };
  }
}

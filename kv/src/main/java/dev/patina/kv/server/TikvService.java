package dev.patina.kv.server;

import com.google.protobuf.ByteString;
import dev.patina.kv.ApiVersion;
import dev.patina.kv.EntryTooLargeException;
import dev.patina.kv.IsolationLevel;
import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.KeyFailure;
import dev.patina.kv.KeyNotInRangeException;
import dev.patina.kv.KeyRange;
import dev.patina.kv.KvException;
import dev.patina.kv.KvPair;
import dev.patina.kv.KvResult;
import dev.patina.kv.LockInfo;
import dev.patina.kv.Mutation;
import dev.patina.kv.Op;
import dev.patina.kv.PessimisticAction;
import dev.patina.kv.PessimisticLockResult;
import dev.patina.kv.PrewriteRequest;
import dev.patina.kv.PrewriteResult;
import dev.patina.kv.SecondaryLocksStatus;
import dev.patina.kv.Storage;
import dev.patina.kv.StorageClosedException;
import dev.patina.kv.TxnReadOptions;
import dev.patina.kv.TxnStatus;
import dev.patina.kv.codec.MemComparable;
import dev.patina.kv.proto.Errorpb;
import dev.patina.kv.proto.Kvrpcpb;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.TikvGrpc;
import dev.patina.kv.raw.RawStore;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionEpoch;
import dev.patina.kv.region.RegionError;
import dev.patina.kv.region.RegionException;
import dev.patina.kv.region.RegionMeta;
import dev.patina.kv.region.RegionRouter;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tikvpb.Tikv} gRPC service: every request is checked against its region (TiKV's context
 * checks), run as one call of the storage facade on the region's range, and answered with the
 * result or the error in the protobuf field where TiKV puts it: region errors in {@code
 * region_error}, raw failures as {@code error} strings, transaction failures as {@code KeyError}s.
 * RPCs not implemented here answer UNIMPLEMENTED.
 */
final class TikvService extends TikvGrpc.TikvImplBase {
  private static final Logger log = LoggerFactory.getLogger(TikvService.class);

  private final Storage storage;
  private final RegionRouter router;
  private final RegionSplitter splitter;
  private final WriteFlow flow;
  private final KvMetrics metrics;
  private final long waitForLockTimeoutMs;
  // Throws NotLeader unless this store's peer leads the region (a no-op without Raft).
  private final Consumer<RegionMeta> leaderCheck;
  private volatile boolean closing;

  TikvService(
      Storage storage,
      RegionRouter router,
      RegionSplitter splitter,
      WriteFlow flow,
      KvMetrics metrics,
      long waitForLockTimeoutMs,
      Consumer<RegionMeta> leaderCheck) {
    this.leaderCheck = leaderCheck;
    this.storage = storage;
    this.router = router;
    this.splitter = splitter;
    this.flow = flow;
    this.metrics = metrics;
    this.waitForLockTimeoutMs = waitForLockTimeoutMs;
  }

  /** From now on every request is answered "TiKV is Closing" (the client tries elsewhere). */
  void closing() {
    closing = true;
  }

  // ---- the request skeleton ----------------------------------------------------------------

  /** The command itself, on the region the request named. */
  private interface Body<R> {
    R run(Region region);
  }

  /** What a command does with a failure that is not a region error. */
  private interface Failure<R> {
    R apply(String message, KeyError keyError);
  }

  private Region region(Kvrpcpb.Context ctx) {
    if (closing) {
      throw new RegionException(new RegionError.Other("TiKV is Closing"));
    }
    Region r =
        router.check(
            ctx.getRegionId(),
            ctx.getPeer().getStoreId(),
            ctx.getPeer().getId(),
            ctx.hasRegionEpoch() ? RegionEpoch.fromProto(ctx.getRegionEpoch()) : null);
    // Every request, reads too: the client finds leaders by the NotLeader answers of followers.
    leaderCheck.accept(r.meta());
    return r;
  }

  /**
   * Runs one command: the context checks, the API-version check, flow control for writes, the body;
   * maps every failure to the response TiKV would give.
   *
   * @param writeBytes bytes the request would write (0 for reads): counted for flow control
   */
  private <R> void run(
      StreamObserver<R> out,
      Kvrpcpb.Context ctx,
      String cmd,
      boolean raw,
      List<byte[]> keys,
      long writeBytes,
      Body<R> body,
      Function<Errorpb.Error, R> regionError,
      Failure<R> failure) {
    R response;
    Region region = null;
    boolean admitted = false;
    try {
      region = region(ctx);
      storage.checkApiVersion(apiVersion(ctx.getApiVersion()), raw, cmd, keys);
      if (writeBytes > 0) {
        if (!flow.tryAcquire(writeBytes)) {
          throw new RegionException(new RegionError.ServerIsBusy(WriteFlow.SCHEDULER_IS_BUSY, 0));
        }
        admitted = true;
      }
      response = body.run(region);
    } catch (RegionException e) {
      metrics.regionErrors.labelValues(kind(e.error())).inc();
      response = regionError.apply(Protos.regionError(e.error()));
    } catch (KeyNotInRangeException e) {
      RegionError err = new RegionError.KeyNotInRegion(e.key(), region.meta());
      metrics.regionErrors.labelValues(kind(err)).inc();
      response = regionError.apply(Protos.regionError(err));
    } catch (EntryTooLargeException e) {
      response =
          regionError.apply(
              Protos.regionError(new RegionError.RaftEntryTooLarge(region.id(), e.size())));
    } catch (StorageClosedException e) {
      response = regionError.apply(Protos.regionError(new RegionError.Other("TiKV is Closing")));
    } catch (KeyErrorException e) {
      response = failure.apply(e.getMessage(), e.error());
    } catch (KvException e) {
      response = failure.apply(e.getMessage(), null);
    } catch (IllegalArgumentException e) {
      response = failure.apply(e.getMessage(), null);
    } catch (RuntimeException e) {
      log.error("{}: internal error", cmd, e);
      response = failure.apply("internal error: " + e, null);
    } finally {
      if (admitted) {
        flow.release(writeBytes);
      }
    }
    out.onNext(response);
    out.onCompleted();
  }

  private static String kind(RegionError e) {
    return switch (e) {
      case RegionError.RegionNotFound r -> "region_not_found";
      case RegionError.NotLeader n -> "not_leader";
      case RegionError.StoreNotMatch s -> "store_not_match";
      case RegionError.KeyNotInRegion k -> "key_not_in_region";
      case RegionError.EpochNotMatch m -> "epoch_not_match";
      case RegionError.ServerIsBusy s -> "server_is_busy";
      case RegionError.RaftEntryTooLarge t -> "raft_entry_too_large";
      case RegionError.Other o -> "other";
    };
  }

  /** A raw command's failure: an error string. */
  private static <R> Failure<R> rawError(Function<String, R> f) {
    return (message, keyError) -> f.apply(message);
  }

  /** A transaction command's failure: a KeyError (abort for everything TiKV does not type). */
  private static <R> Failure<R> keyError(Function<Kvrpcpb.KeyError, R> f) {
    return (message, keyError) ->
        f.apply(keyError != null ? Protos.keyError(keyError) : Protos.abort(message));
  }

  static ApiVersion apiVersion(Kvrpcpb.APIVersion v) {
    return switch (v) {
      case V1TTL -> ApiVersion.V1TTL;
      case V2 -> ApiVersion.V2;
      default -> ApiVersion.V1;
    };
  }

  private static TxnReadOptions readOptions(Kvrpcpb.Context ctx) {
    IsolationLevel level =
        ctx.getIsolationLevel() == Kvrpcpb.IsolationLevel.SI
            ? IsolationLevel.SI
            : IsolationLevel.RC;
    if (ctx.getResolvedLocksCount() == 0
        && ctx.getCommittedLocksCount() == 0
        && level == IsolationLevel.SI) {
      return TxnReadOptions.DEFAULT;
    }
    return new TxnReadOptions(
        level, Set.copyOf(ctx.getResolvedLocksList()), Set.copyOf(ctx.getCommittedLocksList()));
  }

  private static long size(List<ByteString> keys) {
    long n = 0;
    for (ByteString k : keys) {
      n += k.size();
    }
    return n;
  }

  private static long pairsSize(List<Kvrpcpb.KvPair> pairs) {
    long n = 0;
    for (Kvrpcpb.KvPair p : pairs) {
      n += p.getKey().size() + p.getValue().size();
    }
    return n;
  }

  private static Kvrpcpb.KvPair pair(KvPair p) {
    return Kvrpcpb.KvPair.newBuilder()
        .setKey(Protos.bytes(p.key()))
        .setValue(Protos.bytes(p.value()))
        .build();
  }

  private static List<Kvrpcpb.KvPair> pairs(List<KvPair> in) {
    List<Kvrpcpb.KvPair> out = new ArrayList<>(in.size());
    for (KvPair p : in) {
      out.add(pair(p));
    }
    return out;
  }

  private static List<Kvrpcpb.KvPair> results(List<KvResult> in) {
    List<Kvrpcpb.KvPair> out = new ArrayList<>(in.size());
    for (KvResult r : in) {
      switch (r) {
        case KvPair p -> out.add(pair(p));
        case KeyFailure f ->
            out.add(
                Kvrpcpb.KvPair.newBuilder()
                    .setKey(Protos.bytes(f.key()))
                    .setError(Protos.keyError(f.error()))
                    .build());
      }
    }
    return out;
  }

  private static long bytesOf(List<KvPair> pairs) {
    long n = 0;
    for (KvPair p : pairs) {
      n += p.key().length + p.value().length;
    }
    return n;
  }

  // ---- RawKV -------------------------------------------------------------------------------

  @Override
  public void rawGet(Kvrpcpb.RawGetRequest req, StreamObserver<Kvrpcpb.RawGetResponse> out) {
    byte[] key = req.getKey().toByteArray();
    run(
        out,
        req.getContext(),
        "raw_get",
        true,
        List.of(key),
        0,
        r -> {
          byte[] v = storage.raw().get(r.meta().range(), req.getCf(), key);
          Kvrpcpb.RawGetResponse.Builder b = Kvrpcpb.RawGetResponse.newBuilder();
          if (v == null) {
            b.setNotFound(true);
          } else {
            r.recordRead(key.length + v.length, 1);
            b.setValue(ByteString.copyFrom(v));
          }
          return b.build();
        },
        e -> Kvrpcpb.RawGetResponse.newBuilder().setRegionError(e).build(),
        rawError(m -> Kvrpcpb.RawGetResponse.newBuilder().setError(m).build()));
  }

  @Override
  public void rawBatchGet(
      Kvrpcpb.RawBatchGetRequest req, StreamObserver<Kvrpcpb.RawBatchGetResponse> out) {
    List<byte[]> keys = Protos.keys(req.getKeysList());
    run(
        out,
        req.getContext(),
        "raw_batch_get",
        true,
        keys,
        0,
        r -> {
          List<KvPair> found = storage.raw().batchGet(r.meta().range(), req.getCf(), keys);
          r.recordRead(bytesOf(found), found.size());
          return Kvrpcpb.RawBatchGetResponse.newBuilder().addAllPairs(pairs(found)).build();
        },
        e -> Kvrpcpb.RawBatchGetResponse.newBuilder().setRegionError(e).build(),
        rawError(
            m ->
                Kvrpcpb.RawBatchGetResponse.newBuilder()
                    .addPairs(Kvrpcpb.KvPair.newBuilder().setError(Protos.abort(m)))
                    .build()));
  }

  @Override
  public void rawPut(Kvrpcpb.RawPutRequest req, StreamObserver<Kvrpcpb.RawPutResponse> out) {
    byte[] key = req.getKey().toByteArray();
    long bytes = key.length + (long) req.getValue().size();
    run(
        out,
        req.getContext(),
        "raw_put",
        true,
        List.of(key),
        bytes,
        r -> {
          storage
              .raw()
              .put(r.meta().range(), req.getCf(), key, req.getValue().toByteArray(), req.getTtl());
          r.recordWrite(bytes, 1);
          return Kvrpcpb.RawPutResponse.getDefaultInstance();
        },
        e -> Kvrpcpb.RawPutResponse.newBuilder().setRegionError(e).build(),
        rawError(m -> Kvrpcpb.RawPutResponse.newBuilder().setError(m).build()));
  }

  @Override
  public void rawBatchPut(
      Kvrpcpb.RawBatchPutRequest req, StreamObserver<Kvrpcpb.RawBatchPutResponse> out) {
    List<KvPair> pairs = new ArrayList<>(req.getPairsCount());
    List<byte[]> keys = new ArrayList<>(req.getPairsCount());
    for (Kvrpcpb.KvPair p : req.getPairsList()) {
      pairs.add(new KvPair(p.getKey().toByteArray(), p.getValue().toByteArray()));
      keys.add(p.getKey().toByteArray());
    }
    long bytes = Math.max(1, pairsSize(req.getPairsList()));
    run(
        out,
        req.getContext(),
        "raw_batch_put",
        true,
        keys,
        bytes,
        r -> {
          storage.raw().batchPut(r.meta().range(), req.getCf(), pairs, req.getTtlsList());
          r.recordWrite(bytes, pairs.size());
          return Kvrpcpb.RawBatchPutResponse.getDefaultInstance();
        },
        e -> Kvrpcpb.RawBatchPutResponse.newBuilder().setRegionError(e).build(),
        rawError(m -> Kvrpcpb.RawBatchPutResponse.newBuilder().setError(m).build()));
  }

  @Override
  public void rawDelete(
      Kvrpcpb.RawDeleteRequest req, StreamObserver<Kvrpcpb.RawDeleteResponse> out) {
    byte[] key = req.getKey().toByteArray();
    run(
        out,
        req.getContext(),
        "raw_delete",
        true,
        List.of(key),
        Math.max(1, key.length),
        r -> {
          storage.raw().delete(r.meta().range(), req.getCf(), key);
          r.recordWrite(key.length, 1);
          return Kvrpcpb.RawDeleteResponse.getDefaultInstance();
        },
        e -> Kvrpcpb.RawDeleteResponse.newBuilder().setRegionError(e).build(),
        rawError(m -> Kvrpcpb.RawDeleteResponse.newBuilder().setError(m).build()));
  }

  @Override
  public void rawBatchDelete(
      Kvrpcpb.RawBatchDeleteRequest req, StreamObserver<Kvrpcpb.RawBatchDeleteResponse> out) {
    List<byte[]> keys = Protos.keys(req.getKeysList());
    long bytes = Math.max(1, size(req.getKeysList()));
    run(
        out,
        req.getContext(),
        "raw_batch_delete",
        true,
        keys,
        bytes,
        r -> {
          storage.raw().batchDelete(r.meta().range(), req.getCf(), keys);
          r.recordWrite(bytes, keys.size());
          return Kvrpcpb.RawBatchDeleteResponse.getDefaultInstance();
        },
        e -> Kvrpcpb.RawBatchDeleteResponse.newBuilder().setRegionError(e).build(),
        rawError(m -> Kvrpcpb.RawBatchDeleteResponse.newBuilder().setError(m).build()));
  }

  @Override
  public void rawDeleteRange(
      Kvrpcpb.RawDeleteRangeRequest req, StreamObserver<Kvrpcpb.RawDeleteRangeResponse> out) {
    run(
        out,
        req.getContext(),
        "raw_delete_range",
        true,
        List.of(req.getStartKey().toByteArray()),
        1,
        r -> {
          storage
              .raw()
              .deleteRange(
                  r.meta().range(),
                  req.getCf(),
                  req.getStartKey().toByteArray(),
                  req.getEndKey().toByteArray());
          return Kvrpcpb.RawDeleteRangeResponse.getDefaultInstance();
        },
        e -> Kvrpcpb.RawDeleteRangeResponse.newBuilder().setRegionError(e).build(),
        rawError(m -> Kvrpcpb.RawDeleteRangeResponse.newBuilder().setError(m).build()));
  }

  @Override
  public void rawScan(Kvrpcpb.RawScanRequest req, StreamObserver<Kvrpcpb.RawScanResponse> out) {
    run(
        out,
        req.getContext(),
        "raw_scan",
        true,
        List.of(req.getStartKey().toByteArray()),
        0,
        r -> {
          List<KvPair> found =
              storage
                  .raw()
                  .scan(
                      r.meta().range(),
                      req.getCf(),
                      req.getStartKey().toByteArray(),
                      req.getEndKey().toByteArray(),
                      req.getLimit(),
                      req.getKeyOnly(),
                      req.getReverse());
          r.recordRead(bytesOf(found), found.size());
          return Kvrpcpb.RawScanResponse.newBuilder().addAllKvs(pairs(found)).build();
        },
        e -> Kvrpcpb.RawScanResponse.newBuilder().setRegionError(e).build(),
        rawError(
            m ->
                Kvrpcpb.RawScanResponse.newBuilder()
                    .addKvs(Kvrpcpb.KvPair.newBuilder().setError(Protos.abort(m)))
                    .build()));
  }

  @Override
  public void rawBatchScan(
      Kvrpcpb.RawBatchScanRequest req, StreamObserver<Kvrpcpb.RawBatchScanResponse> out) {
    List<RawStore.ScanRange> ranges = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    for (Kvrpcpb.KeyRange kr : req.getRangesList()) {
      ranges.add(
          new RawStore.ScanRange(kr.getStartKey().toByteArray(), kr.getEndKey().toByteArray()));
      keys.add(kr.getStartKey().toByteArray());
    }
    run(
        out,
        req.getContext(),
        "raw_batch_scan",
        true,
        keys,
        0,
        r -> {
          List<KvPair> found =
              storage
                  .raw()
                  .batchScan(
                      r.meta().range(),
                      req.getCf(),
                      ranges,
                      req.getEachLimit(),
                      req.getKeyOnly(),
                      req.getReverse());
          r.recordRead(bytesOf(found), found.size());
          return Kvrpcpb.RawBatchScanResponse.newBuilder().addAllKvs(pairs(found)).build();
        },
        e -> Kvrpcpb.RawBatchScanResponse.newBuilder().setRegionError(e).build(),
        rawError(
            m ->
                Kvrpcpb.RawBatchScanResponse.newBuilder()
                    .addKvs(Kvrpcpb.KvPair.newBuilder().setError(Protos.abort(m)))
                    .build()));
  }

  @Override
  public void rawGetKeyTTL(
      Kvrpcpb.RawGetKeyTTLRequest req, StreamObserver<Kvrpcpb.RawGetKeyTTLResponse> out) {
    byte[] key = req.getKey().toByteArray();
    run(
        out,
        req.getContext(),
        "raw_get_key_ttl",
        true,
        List.of(key),
        0,
        r -> {
          Long ttl = storage.raw().getKeyTtl(r.meta().range(), req.getCf(), key);
          return ttl == null
              ? Kvrpcpb.RawGetKeyTTLResponse.newBuilder().setNotFound(true).build()
              : Kvrpcpb.RawGetKeyTTLResponse.newBuilder().setTtl(ttl).build();
        },
        e -> Kvrpcpb.RawGetKeyTTLResponse.newBuilder().setRegionError(e).build(),
        rawError(m -> Kvrpcpb.RawGetKeyTTLResponse.newBuilder().setError(m).build()));
  }

  @Override
  public void rawCompareAndSwap(
      Kvrpcpb.RawCASRequest req, StreamObserver<Kvrpcpb.RawCASResponse> out) {
    byte[] key = req.getKey().toByteArray();
    long bytes = key.length + (long) req.getValue().size();
    run(
        out,
        req.getContext(),
        "raw_compare_and_swap",
        true,
        List.of(key),
        Math.max(1, bytes),
        r -> {
          RawStore.CasResult c =
              storage
                  .raw()
                  .compareAndSwap(
                      r.meta().range(),
                      req.getCf(),
                      key,
                      req.getPreviousNotExist() ? null : req.getPreviousValue().toByteArray(),
                      req.getValue().toByteArray(),
                      req.getTtl(),
                      false);
          if (c.succeed()) {
            r.recordWrite(bytes, 1);
          }
          Kvrpcpb.RawCASResponse.Builder b =
              Kvrpcpb.RawCASResponse.newBuilder().setSucceed(c.succeed());
          if (c.previousNotExist()) {
            b.setPreviousNotExist(true);
          } else {
            b.setPreviousValue(ByteString.copyFrom(c.previousValue()));
          }
          return b.build();
        },
        e -> Kvrpcpb.RawCASResponse.newBuilder().setRegionError(e).build(),
        rawError(m -> Kvrpcpb.RawCASResponse.newBuilder().setError(m).build()));
  }

  // ---- transactional reads -----------------------------------------------------------------

  @Override
  public void kvGet(Kvrpcpb.GetRequest req, StreamObserver<Kvrpcpb.GetResponse> out) {
    byte[] key = req.getKey().toByteArray();
    run(
        out,
        req.getContext(),
        "get",
        false,
        List.of(key),
        0,
        r -> {
          byte[] v =
              storage
                  .txn()
                  .get(r.meta().range(), key, req.getVersion(), readOptions(req.getContext()));
          Kvrpcpb.GetResponse.Builder b = Kvrpcpb.GetResponse.newBuilder();
          if (v == null) {
            b.setNotFound(true);
          } else {
            r.recordRead(key.length + v.length, 1);
            b.setValue(ByteString.copyFrom(v));
          }
          return b.build();
        },
        e -> Kvrpcpb.GetResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.GetResponse.newBuilder().setError(k).build()));
  }

  @Override
  public void kvBatchGet(
      Kvrpcpb.BatchGetRequest req, StreamObserver<Kvrpcpb.BatchGetResponse> out) {
    List<byte[]> keys = Protos.keys(req.getKeysList());
    run(
        out,
        req.getContext(),
        "batch_get",
        false,
        keys,
        0,
        r -> {
          List<KvResult> found =
              storage
                  .txn()
                  .batchGet(
                      r.meta().range(), keys, req.getVersion(), readOptions(req.getContext()));
          r.recordRead(0, found.size());
          return Kvrpcpb.BatchGetResponse.newBuilder().addAllPairs(results(found)).build();
        },
        e -> Kvrpcpb.BatchGetResponse.newBuilder().setRegionError(e).build(),
        keyError(
            k ->
                Kvrpcpb.BatchGetResponse.newBuilder()
                    .setError(k)
                    .addPairs(Kvrpcpb.KvPair.newBuilder().setError(k))
                    .build()));
  }

  @Override
  public void kvScan(Kvrpcpb.ScanRequest req, StreamObserver<Kvrpcpb.ScanResponse> out) {
    run(
        out,
        req.getContext(),
        "scan",
        false,
        List.of(req.getStartKey().toByteArray()),
        0,
        r -> {
          List<KvResult> found =
              storage
                  .txn()
                  .scan(
                      r.meta().range(),
                      req.getStartKey().toByteArray(),
                      req.getEndKey().toByteArray(),
                      req.getLimit(),
                      req.getVersion(),
                      req.getKeyOnly(),
                      req.getReverse(),
                      readOptions(req.getContext()));
          r.recordRead(0, found.size());
          return Kvrpcpb.ScanResponse.newBuilder().addAllPairs(results(found)).build();
        },
        e -> Kvrpcpb.ScanResponse.newBuilder().setRegionError(e).build(),
        keyError(
            k ->
                Kvrpcpb.ScanResponse.newBuilder()
                    .setError(k)
                    .addPairs(Kvrpcpb.KvPair.newBuilder().setError(k))
                    .build()));
  }

  @Override
  public void kvScanLock(
      Kvrpcpb.ScanLockRequest req, StreamObserver<Kvrpcpb.ScanLockResponse> out) {
    run(
        out,
        req.getContext(),
        "scan_lock",
        false,
        List.of(req.getStartKey().toByteArray()),
        0,
        r -> {
          List<LockInfo> locks =
              storage
                  .txn()
                  .scanLocks(
                      r.meta().range(),
                      req.getMaxVersion(),
                      req.getStartKey().toByteArray(),
                      req.getEndKey().toByteArray(),
                      req.getLimit());
          Kvrpcpb.ScanLockResponse.Builder b = Kvrpcpb.ScanLockResponse.newBuilder();
          for (LockInfo l : locks) {
            b.addLocks(Protos.lockInfo(l));
          }
          return b.build();
        },
        e -> Kvrpcpb.ScanLockResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.ScanLockResponse.newBuilder().setError(k).build()));
  }

  // ---- transactional writes ----------------------------------------------------------------

  private static List<byte[]> mutationKeys(List<Kvrpcpb.Mutation> ms) {
    List<byte[]> keys = new ArrayList<>(ms.size());
    for (Kvrpcpb.Mutation m : ms) {
      keys.add(m.getKey().toByteArray());
    }
    return keys;
  }

  private static long mutationsSize(List<Kvrpcpb.Mutation> ms) {
    long n = 0;
    for (Kvrpcpb.Mutation m : ms) {
      n += m.getKey().size() + m.getValue().size();
    }
    return Math.max(1, n);
  }

  private static List<Mutation> mutations(List<Kvrpcpb.Mutation> ms) {
    List<Mutation> out = new ArrayList<>(ms.size());
    for (Kvrpcpb.Mutation m : ms) {
      Op op = Protos.op(m.getOp());
      byte[] value = op == Op.PUT || op == Op.INSERT ? m.getValue().toByteArray() : null;
      out.add(
          new Mutation(op, m.getKey().toByteArray(), value, Protos.assertion(m.getAssertion())));
    }
    return out;
  }

  @Override
  public void kvPrewrite(
      Kvrpcpb.PrewriteRequest req, StreamObserver<Kvrpcpb.PrewriteResponse> out) {
    List<byte[]> keys = mutationKeys(req.getMutationsList());
    long bytes = mutationsSize(req.getMutationsList());
    run(
        out,
        req.getContext(),
        "prewrite",
        false,
        keys,
        bytes,
        r -> {
          List<PessimisticAction> actions = new ArrayList<>();
          for (boolean p : req.getIsPessimisticLockList()) {
            actions.add(
                p
                    ? PessimisticAction.DO_PESSIMISTIC_CHECK
                    : PessimisticAction.SKIP_PESSIMISTIC_CHECK);
          }
          PrewriteRequest p =
              new PrewriteRequest(
                  mutations(req.getMutationsList()),
                  req.getPrimaryLock().toByteArray(),
                  req.getStartVersion(),
                  req.getLockTtl(),
                  req.getSkipConstraintCheck(),
                  req.getTxnSize(),
                  req.getForUpdateTs(),
                  actions,
                  req.getMinCommitTs(),
                  req.getUseAsyncCommit() ? Protos.keys(req.getSecondariesList()) : null,
                  req.getTryOnePc(),
                  req.getMaxCommitTs(),
                  Protos.assertionLevel(req.getAssertionLevel()));
          PrewriteResult res = storage.txn().prewrite(r.meta().range(), p);
          Kvrpcpb.PrewriteResponse.Builder b =
              Kvrpcpb.PrewriteResponse.newBuilder()
                  .setMinCommitTs(res.minCommitTs())
                  .setOnePcCommitTs(res.onePcCommitTs());
          for (KeyError e : res.errors()) {
            b.addErrors(Protos.keyError(e));
          }
          if (res.ok()) {
            r.recordWrite(bytes, keys.size());
          }
          return b.build();
        },
        e -> Kvrpcpb.PrewriteResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.PrewriteResponse.newBuilder().addErrors(k).build()));
  }

  @Override
  public void kvCommit(Kvrpcpb.CommitRequest req, StreamObserver<Kvrpcpb.CommitResponse> out) {
    List<byte[]> keys = Protos.keys(req.getKeysList());
    long bytes = Math.max(1, size(req.getKeysList()));
    run(
        out,
        req.getContext(),
        "commit",
        false,
        keys,
        bytes,
        r -> {
          long ts =
              storage
                  .txn()
                  .commit(r.meta().range(), keys, req.getStartVersion(), req.getCommitVersion());
          r.recordWrite(bytes, keys.size());
          return Kvrpcpb.CommitResponse.newBuilder().setCommitVersion(ts).build();
        },
        e -> Kvrpcpb.CommitResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.CommitResponse.newBuilder().setError(k).build()));
  }

  @Override
  public void kvCleanup(Kvrpcpb.CleanupRequest req, StreamObserver<Kvrpcpb.CleanupResponse> out) {
    byte[] key = req.getKey().toByteArray();
    run(
        out,
        req.getContext(),
        "cleanup",
        false,
        List.of(key),
        Math.max(1, key.length),
        r -> {
          storage.txn().cleanup(r.meta().range(), key, req.getStartVersion(), req.getCurrentTs());
          return Kvrpcpb.CleanupResponse.getDefaultInstance();
        },
        e -> Kvrpcpb.CleanupResponse.newBuilder().setRegionError(e).build(),
        (message, ke) ->
            ke instanceof KeyError.Committed c
                ? Kvrpcpb.CleanupResponse.newBuilder().setCommitVersion(c.commitTs()).build()
                : Kvrpcpb.CleanupResponse.newBuilder()
                    .setError(ke != null ? Protos.keyError(ke) : Protos.abort(message))
                    .build());
  }

  @Override
  public void kvBatchRollback(
      Kvrpcpb.BatchRollbackRequest req, StreamObserver<Kvrpcpb.BatchRollbackResponse> out) {
    List<byte[]> keys = Protos.keys(req.getKeysList());
    run(
        out,
        req.getContext(),
        "batch_rollback",
        false,
        keys,
        Math.max(1, size(req.getKeysList())),
        r -> {
          storage.txn().batchRollback(r.meta().range(), keys, req.getStartVersion());
          return Kvrpcpb.BatchRollbackResponse.getDefaultInstance();
        },
        e -> Kvrpcpb.BatchRollbackResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.BatchRollbackResponse.newBuilder().setError(k).build()));
  }

  @Override
  public void kvCheckTxnStatus(
      Kvrpcpb.CheckTxnStatusRequest req, StreamObserver<Kvrpcpb.CheckTxnStatusResponse> out) {
    byte[] primary = req.getPrimaryKey().toByteArray();
    run(
        out,
        req.getContext(),
        "check_txn_status",
        false,
        List.of(primary),
        Math.max(1, primary.length),
        r -> {
          TxnStatus s =
              storage
                  .txn()
                  .checkTxnStatus(
                      r.meta().range(),
                      primary,
                      req.getLockTs(),
                      req.getCallerStartTs(),
                      req.getCurrentTs(),
                      req.getRollbackIfNotExist(),
                      req.getForceSyncCommit(),
                      req.getResolvingPessimisticLock(),
                      false);
          Kvrpcpb.CheckTxnStatusResponse.Builder b =
              Kvrpcpb.CheckTxnStatusResponse.newBuilder().setAction(Protos.action(s.action()));
          switch (s) {
            case TxnStatus.Committed c -> b.setCommitVersion(c.commitTs());
            case TxnStatus.Uncommitted u ->
                b.setLockTtl(u.lock().lockTtl()).setLockInfo(Protos.lockInfo(u.lock()));
            default -> {}
          }
          return b.build();
        },
        e -> Kvrpcpb.CheckTxnStatusResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.CheckTxnStatusResponse.newBuilder().setError(k).build()));
  }

  @Override
  public void kvTxnHeartBeat(
      Kvrpcpb.TxnHeartBeatRequest req, StreamObserver<Kvrpcpb.TxnHeartBeatResponse> out) {
    byte[] primary = req.getPrimaryLock().toByteArray();
    run(
        out,
        req.getContext(),
        "txn_heart_beat",
        false,
        List.of(primary),
        Math.max(1, primary.length),
        r -> {
          TxnStatus s =
              storage
                  .txn()
                  .txnHeartBeat(
                      r.meta().range(), primary, req.getStartVersion(), req.getAdviseLockTtl());
          return Kvrpcpb.TxnHeartBeatResponse.newBuilder().setLockTtl(s.lockTtl()).build();
        },
        e -> Kvrpcpb.TxnHeartBeatResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.TxnHeartBeatResponse.newBuilder().setError(k).build()));
  }

  @Override
  public void kvResolveLock(
      Kvrpcpb.ResolveLockRequest req, StreamObserver<Kvrpcpb.ResolveLockResponse> out) {
    List<byte[]> keys = Protos.keys(req.getKeysList());
    run(
        out,
        req.getContext(),
        "resolve_lock",
        false,
        keys,
        Math.max(1, size(req.getKeysList())),
        r -> {
          KeyRange range = r.meta().range();
          if (req.getTxnInfosCount() > 0) {
            Map<Long, Long> status = new HashMap<>();
            for (Kvrpcpb.TxnInfo t : req.getTxnInfosList()) {
              status.put(t.getTxn(), t.getStatus());
            }
            storage.txn().resolveLock(range, status);
          } else if (keys.isEmpty()) {
            storage.txn().resolveLock(range, Map.of(req.getStartVersion(), req.getCommitVersion()));
          } else {
            storage.txn().resolveLock(range, req.getStartVersion(), req.getCommitVersion(), keys);
          }
          return Kvrpcpb.ResolveLockResponse.getDefaultInstance();
        },
        e -> Kvrpcpb.ResolveLockResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.ResolveLockResponse.newBuilder().setError(k).build()));
  }

  @Override
  public void kvPessimisticLock(
      Kvrpcpb.PessimisticLockRequest req, StreamObserver<Kvrpcpb.PessimisticLockResponse> out) {
    List<byte[]> keys = mutationKeys(req.getMutationsList());
    run(
        out,
        req.getContext(),
        "acquire_pessimistic_lock",
        false,
        keys,
        mutationsSize(req.getMutationsList()),
        r -> {
          // TiKV's WaitTimeout: 0 is the default timeout, negative no wait; capped by the default.
          long wait = req.getWaitTimeout();
          long waitMs =
              wait == 0
                  ? waitForLockTimeoutMs
                  : wait < 0 ? 0 : Math.min(wait, waitForLockTimeoutMs);
          dev.patina.kv.PessimisticLockRequest p =
              new dev.patina.kv.PessimisticLockRequest(
                  mutations(req.getMutationsList()),
                  req.getPrimaryLock().toByteArray(),
                  req.getStartVersion(),
                  req.getLockTtl(),
                  req.getForUpdateTs(),
                  waitMs,
                  req.getReturnValues(),
                  req.getCheckExistence(),
                  req.getMinCommitTs(),
                  false);
          PessimisticLockResult res = storage.txn().pessimisticLock(r.meta().range(), p);
          Kvrpcpb.PessimisticLockResponse.Builder b = Kvrpcpb.PessimisticLockResponse.newBuilder();
          for (byte[] v : res.values()) {
            b.addValues(Protos.bytes(v));
          }
          b.addAllNotFounds(res.notFounds());
          return b.build();
        },
        e -> Kvrpcpb.PessimisticLockResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.PessimisticLockResponse.newBuilder().addErrors(k).build()));
  }

  @Override
  public void kVPessimisticRollback(
      Kvrpcpb.PessimisticRollbackRequest req,
      StreamObserver<Kvrpcpb.PessimisticRollbackResponse> out) {
    List<byte[]> keys = Protos.keys(req.getKeysList());
    run(
        out,
        req.getContext(),
        "pessimistic_rollback",
        false,
        keys,
        Math.max(1, size(req.getKeysList())),
        r -> {
          storage
              .txn()
              .pessimisticRollback(
                  r.meta().range(), keys, req.getStartVersion(), req.getForUpdateTs());
          return Kvrpcpb.PessimisticRollbackResponse.getDefaultInstance();
        },
        e -> Kvrpcpb.PessimisticRollbackResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.PessimisticRollbackResponse.newBuilder().addErrors(k).build()));
  }

  @Override
  public void kvCheckSecondaryLocks(
      Kvrpcpb.CheckSecondaryLocksRequest req,
      StreamObserver<Kvrpcpb.CheckSecondaryLocksResponse> out) {
    List<byte[]> keys = Protos.keys(req.getKeysList());
    run(
        out,
        req.getContext(),
        "check_secondary_locks",
        false,
        keys,
        Math.max(1, size(req.getKeysList())),
        r -> {
          SecondaryLocksStatus s =
              storage.txn().checkSecondaryLocks(r.meta().range(), keys, req.getStartVersion());
          Kvrpcpb.CheckSecondaryLocksResponse.Builder b =
              Kvrpcpb.CheckSecondaryLocksResponse.newBuilder();
          switch (s) {
            case SecondaryLocksStatus.Locked l -> {
              for (LockInfo li : l.locks()) {
                b.addLocks(Protos.lockInfo(li));
              }
            }
            case SecondaryLocksStatus.Committed c -> b.setCommitTs(c.commitTs());
            case SecondaryLocksStatus.RolledBack rb -> {}
          }
          return b.build();
        },
        e -> Kvrpcpb.CheckSecondaryLocksResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.CheckSecondaryLocksResponse.newBuilder().setError(k).build()));
  }

  /** KvGC as TiKV 4.x served it: GC of the region at the given safe point. */
  @Override
  public void kvGC(Kvrpcpb.GCRequest req, StreamObserver<Kvrpcpb.GCResponse> out) {
    run(
        out,
        req.getContext(),
        "gc",
        false,
        List.of(),
        1,
        r -> {
          var res = storage.txn().gc(r.meta().range(), req.getSafePoint());
          metrics.gcKeys.inc(res.versionsDeleted());
          return Kvrpcpb.GCResponse.getDefaultInstance();
        },
        e -> Kvrpcpb.GCResponse.newBuilder().setRegionError(e).build(),
        keyError(k -> Kvrpcpb.GCResponse.newBuilder().setError(k).build()));
  }

  // ---- region splits -----------------------------------------------------------------------

  /**
   * SplitRegion: split keys are raw (raw mode, encoded as the API version stores raw keys) or
   * transactional (memcomparable-encoded), as TiKV's service encodes them.
   */
  @Override
  @SuppressWarnings("deprecation") // split_key, left and right: filled for older clients, as TiKV
  public void splitRegion(
      Kvrpcpb.SplitRegionRequest req, StreamObserver<Kvrpcpb.SplitRegionResponse> out) {
    Kvrpcpb.SplitRegionResponse.Builder b = Kvrpcpb.SplitRegionResponse.newBuilder();
    try {
      if (closing) {
        throw new RegionException(new RegionError.Other("TiKV is Closing"));
      }
      Kvrpcpb.Context ctx = req.getContext();
      Region region = router.get(ctx.getRegionId());
      if (region == null) {
        throw new RegionException(new RegionError.RegionNotFound(ctx.getRegionId()));
      }
      leaderCheck.accept(region.meta());
      List<ByteString> given =
          req.getSplitKey().isEmpty() ? req.getSplitKeysList() : List.of(req.getSplitKey());
      boolean encode = !req.getIsRawKv() || storage.options().apiVersion() == ApiVersion.V2;
      List<byte[]> keys = new ArrayList<>(given.size());
      Set<String> seen = new HashSet<>();
      for (ByteString k : given) {
        byte[] key = encode ? MemComparable.encode(k.toByteArray()) : k.toByteArray();
        if (seen.add(java.util.HexFormat.of().formatHex(key))) {
          keys.add(key);
        }
      }
      List<RegionMeta> regions =
          splitter.split(
              region,
              ctx.hasRegionEpoch() ? RegionEpoch.fromProto(ctx.getRegionEpoch()) : null,
              keys,
              "split_region");
      for (RegionMeta m : regions) {
        b.addRegions(m.toProto());
      }
      if (regions.size() == 2) {
        Metapb.Region left = regions.get(0).toProto();
        Metapb.Region right = regions.get(1).toProto();
        b.setLeft(left).setRight(right);
      }
    } catch (RegionException e) {
      metrics.regionErrors.labelValues(kind(e.error())).inc();
      b.setRegionError(Protos.regionError(e.error()));
    } catch (RuntimeException e) {
      log.warn("split_region failed: {}", e.toString());
      b.setRegionError(Errorpb.Error.newBuilder().setMessage("failed to split: " + e.getMessage()));
    }
    out.onNext(b.build());
    out.onCompleted();
  }
}

package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.patina.kv.codec.MemComparable;
import dev.patina.kv.proto.Errorpb;
import dev.patina.kv.proto.Kvrpcpb;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.TikvGrpc;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionMeta;
import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tikvpb.Tikv service with plain gRPC stubs: TiKV's context checks and region errors, bad input
 * of every kind (never a crash), RPCs the official client does not send (reverse raw scans,
 * RawBatchScan, pessimistic locks, secondary locks, scan lock, KvGC), health checks, keep-alive
 * pings, and the status server.
 */
class TikvServiceTest {
  @TempDir static Path dir;
  static TestCluster cluster;
  static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(dir);
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", cluster.kv.port())
            .usePlaintext()
            .keepAliveTime(10, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(true)
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static TikvGrpc.TikvBlockingStub tikv() {
    return TikvGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  /** The context a client would send for the region holding {@code storageKey}. */
  static Kvrpcpb.Context ctx(byte[] storageKey) {
    Region r = cluster.kv.regions().byKey(storageKey);
    return ctx(r.meta());
  }

  static Kvrpcpb.Context ctx(RegionMeta m) {
    return Kvrpcpb.Context.newBuilder()
        .setRegionId(m.id())
        .setRegionEpoch(m.epoch().toProto())
        .setPeer(m.peerOn(cluster.kv.storeId()).toProto())
        .build();
  }

  static Kvrpcpb.Context rawCtx(String key) {
    return ctx(key.getBytes(StandardCharsets.UTF_8));
  }

  static Kvrpcpb.Context txnCtx(String key) {
    return ctx(MemComparable.encode(key.getBytes(StandardCharsets.UTF_8)));
  }

  static void rawPut(String k, String v) {
    Kvrpcpb.RawPutResponse r =
        tikv()
            .rawPut(
                Kvrpcpb.RawPutRequest.newBuilder()
                    .setContext(rawCtx(k))
                    .setKey(bs(k))
                    .setValue(bs(v))
                    .build());
    assertFalse(r.hasRegionError(), r.toString());
    assertEquals("", r.getError());
  }

  // ---- context checks ----------------------------------------------------------------------

  @Test
  void unknownRegionIsRegionNotFound() {
    Kvrpcpb.RawGetResponse r =
        tikv()
            .rawGet(
                Kvrpcpb.RawGetRequest.newBuilder()
                    .setContext(rawCtx("a").toBuilder().setRegionId(987654321))
                    .setKey(bs("a"))
                    .build());
    assertTrue(r.getRegionError().hasRegionNotFound(), r.toString());
    assertEquals(987654321, r.getRegionError().getRegionNotFound().getRegionId());
    assertEquals("region 987654321 not found", r.getRegionError().getMessage());
    // No context at all: region 0.
    Kvrpcpb.GetResponse g =
        tikv().kvGet(Kvrpcpb.GetRequest.newBuilder().setKey(bs("a")).setVersion(1).build());
    assertTrue(g.getRegionError().hasRegionNotFound(), g.toString());
  }

  @Test
  void wrongStoreIsStoreNotMatchAndWrongPeerIsRefused() {
    Kvrpcpb.Context c = rawCtx("a");
    Kvrpcpb.RawGetResponse r =
        tikv()
            .rawGet(
                Kvrpcpb.RawGetRequest.newBuilder()
                    .setContext(
                        c.toBuilder().setPeer(c.getPeer().toBuilder().setStoreId(4242)).build())
                    .setKey(bs("a"))
                    .build());
    assertTrue(r.getRegionError().hasStoreNotMatch(), r.toString());
    assertEquals(4242, r.getRegionError().getStoreNotMatch().getRequestStoreId());
    assertEquals(cluster.kv.storeId(), r.getRegionError().getStoreNotMatch().getActualStoreId());

    r =
        tikv()
            .rawGet(
                Kvrpcpb.RawGetRequest.newBuilder()
                    .setContext(c.toBuilder().setPeer(c.getPeer().toBuilder().setId(777)).build())
                    .setKey(bs("a"))
                    .build());
    assertTrue(r.getRegionError().getMessage().startsWith("mismatch peer id 777"), r.toString());

    r =
        tikv()
            .rawGet(
                Kvrpcpb.RawGetRequest.newBuilder()
                    .setContext(c.toBuilder().clearRegionEpoch().build())
                    .setKey(bs("a"))
                    .build());
    assertEquals("missing epoch!", r.getRegionError().getMessage());
  }

  @Test
  void splitMakesStaleEpochsEpochNotMatchAndKeysOutsideKeyNotInRegion() {
    rawPut("split/a", "1");
    rawPut("split/m", "2");
    Kvrpcpb.Context before = rawCtx("split/a");
    RegionMeta old = cluster.kv.regions().get(before.getRegionId()).meta();
    Kvrpcpb.SplitRegionResponse s =
        tikv()
            .splitRegion(
                Kvrpcpb.SplitRegionRequest.newBuilder()
                    .setContext(before)
                    .addSplitKeys(bs("split/h"))
                    .setIsRawKv(true)
                    .build());
    assertFalse(s.hasRegionError(), s.toString());
    assertEquals(2, s.getRegionsCount());
    Metapb.Region left = s.getRegions(0);
    Metapb.Region right = s.getRegions(1);
    assertEquals("split/h", left.getEndKey().toStringUtf8());
    assertEquals("split/h", right.getStartKey().toStringUtf8());
    assertEquals(old.id(), right.getId(), "the right part keeps the region's id (right-derive)");
    assertEquals(old.epoch().version() + 1, right.getRegionEpoch().getVersion());
    assertEquals(old.epoch().version() + 1, left.getRegionEpoch().getVersion());
    assertEquals(old.epoch().confVer(), left.getRegionEpoch().getConfVer());

    // The old epoch: EpochNotMatch carrying the region now and the region split off it.
    Kvrpcpb.RawGetResponse r =
        tikv()
            .rawGet(
                Kvrpcpb.RawGetRequest.newBuilder()
                    .setContext(before)
                    .setKey(bs("split/m"))
                    .build());
    Errorpb.EpochNotMatch e = r.getRegionError().getEpochNotMatch();
    assertTrue(r.getRegionError().hasEpochNotMatch(), r.toString());
    assertEquals(List.of(right.getId(), left.getId()), ids(e.getCurrentRegionsList()));
    assertTrue(r.getRegionError().getMessage().startsWith("EpochNotMatch current epoch of region"));

    // A key outside the region: KeyNotInRegion with the region's range.
    Kvrpcpb.RawGetResponse k =
        tikv()
            .rawGet(
                Kvrpcpb.RawGetRequest.newBuilder()
                    .setContext(rawCtx("split/m"))
                    .setKey(bs("split/a"))
                    .build());
    assertTrue(k.getRegionError().hasKeyNotInRegion(), k.toString());
    assertEquals("split/h", k.getRegionError().getKeyNotInRegion().getStartKey().toStringUtf8());
    assertEquals(right.getId(), k.getRegionError().getKeyNotInRegion().getRegionId());

    // A scan with an empty end key and a limit stops at the region's end.
    Kvrpcpb.RawScanResponse scan =
        tikv()
            .rawScan(
                Kvrpcpb.RawScanRequest.newBuilder()
                    .setContext(rawCtx("split/a"))
                    .setStartKey(bs("split/"))
                    .setLimit(100)
                    .build());
    assertEquals(List.of("split/a"), keys(scan.getKvsList()));

    // Split refusals: a stale epoch, a key outside, no key.
    Kvrpcpb.SplitRegionResponse stale =
        tikv()
            .splitRegion(
                Kvrpcpb.SplitRegionRequest.newBuilder()
                    .setContext(before)
                    .addSplitKeys(bs("split/x"))
                    .setIsRawKv(true)
                    .build());
    assertTrue(stale.getRegionError().hasEpochNotMatch(), stale.toString());
    Kvrpcpb.SplitRegionResponse outside =
        tikv()
            .splitRegion(
                Kvrpcpb.SplitRegionRequest.newBuilder()
                    .setContext(rawCtx("split/m"))
                    .addSplitKeys(bs("split/b"))
                    .setIsRawKv(true)
                    .build());
    assertTrue(outside.getRegionError().hasKeyNotInRegion(), outside.toString());
    Kvrpcpb.SplitRegionResponse none =
        tikv()
            .splitRegion(
                Kvrpcpb.SplitRegionRequest.newBuilder()
                    .setContext(rawCtx("split/m"))
                    .setIsRawKv(true)
                    .build());
    assertTrue(none.getRegionError().getMessage().contains("no split key"), none.toString());
  }

  static List<Long> ids(List<Metapb.Region> regions) {
    List<Long> out = new ArrayList<>();
    for (Metapb.Region r : regions) {
      out.add(r.getId());
    }
    return out;
  }

  static List<String> keys(List<Kvrpcpb.KvPair> pairs) {
    List<String> out = new ArrayList<>();
    for (Kvrpcpb.KvPair p : pairs) {
      out.add(p.getKey().toStringUtf8());
    }
    return out;
  }

  // ---- raw RPCs the client does not send ---------------------------------------------------

  @Test
  void reverseScansAndBatchScans() {
    for (String k : List.of("rev/1", "rev/2", "rev/3", "rev/4")) {
      rawPut(k, "v" + k);
    }
    Kvrpcpb.RawScanResponse r =
        tikv()
            .rawScan(
                Kvrpcpb.RawScanRequest.newBuilder()
                    .setContext(rawCtx("rev/4"))
                    .setStartKey(bs("rev/4"))
                    .setEndKey(bs("rev/1"))
                    .setLimit(10)
                    .setReverse(true)
                    .build());
    assertEquals(List.of("rev/3", "rev/2", "rev/1"), keys(r.getKvsList()));
    r =
        tikv()
            .rawScan(
                Kvrpcpb.RawScanRequest.newBuilder()
                    .setContext(rawCtx("rev/1"))
                    .setStartKey(bs("rev/1"))
                    .setEndKey(bs("rev/9"))
                    .setLimit(2)
                    .setKeyOnly(true)
                    .build());
    assertEquals(List.of("rev/1", "rev/2"), keys(r.getKvsList()));
    assertTrue(r.getKvs(0).getValue().isEmpty());
    Kvrpcpb.RawBatchScanResponse b =
        tikv()
            .rawBatchScan(
                Kvrpcpb.RawBatchScanRequest.newBuilder()
                    .setContext(rawCtx("rev/1"))
                    .addRanges(
                        Kvrpcpb.KeyRange.newBuilder()
                            .setStartKey(bs("rev/1"))
                            .setEndKey(bs("rev/2")))
                    .addRanges(
                        Kvrpcpb.KeyRange.newBuilder()
                            .setStartKey(bs("rev/3"))
                            .setEndKey(bs("rev/9")))
                    .setEachLimit(5)
                    .build());
    assertEquals(List.of("rev/1", "rev/3", "rev/4"), keys(b.getKvsList()));
    Kvrpcpb.RawBatchScanResponse bad =
        tikv()
            .rawBatchScan(
                Kvrpcpb.RawBatchScanRequest.newBuilder()
                    .setContext(rawCtx("rev/1"))
                    .addRanges(
                        Kvrpcpb.KeyRange.newBuilder()
                            .setStartKey(bs("rev/3"))
                            .setEndKey(bs("rev/1")))
                    .setEachLimit(5)
                    .build());
    assertEquals("Invalid KeyRanges", bad.getKvs(0).getError().getAbort());
  }

  @Test
  void rawErrorsAreErrorStrings() {
    Kvrpcpb.RawPutResponse ttl =
        tikv()
            .rawPut(
                Kvrpcpb.RawPutRequest.newBuilder()
                    .setContext(rawCtx("e/ttl"))
                    .setKey(bs("e/ttl"))
                    .setValue(bs("v"))
                    .setTtl(10)
                    .build());
    assertEquals("ttl is not enabled, but get put request with ttl", ttl.getError());
    Kvrpcpb.RawPutResponse cf =
        tikv()
            .rawPut(
                Kvrpcpb.RawPutRequest.newBuilder()
                    .setContext(rawCtx("e/cf"))
                    .setKey(bs("e/cf"))
                    .setCf("nope")
                    .build());
    assertFalse(cf.getError().isEmpty(), cf.toString());
    Kvrpcpb.RawPutResponse big =
        tikv()
            .rawPut(
                Kvrpcpb.RawPutRequest.newBuilder()
                    .setContext(rawCtx("e/big"))
                    .setKey(ByteString.copyFrom(new byte[9000]))
                    .build());
    assertTrue(big.getError().startsWith("max key size exceeded"), big.toString());
    Kvrpcpb.RawGetResponse v2 =
        tikv()
            .rawGet(
                Kvrpcpb.RawGetRequest.newBuilder()
                    .setContext(rawCtx("e/v2").toBuilder().setApiVersion(Kvrpcpb.APIVersion.V2))
                    .setKey(bs("e/v2"))
                    .build());
    assertTrue(v2.getError().startsWith("Api version in request does not match"), v2.toString());
  }

  // ---- transactional RPCs the client does not send -----------------------------------------

  static Kvrpcpb.Mutation put(String k, String v) {
    return Kvrpcpb.Mutation.newBuilder()
        .setOp(Kvrpcpb.Op.Put)
        .setKey(bs(k))
        .setValue(bs(v))
        .build();
  }

  @Test
  void pessimisticLocksSecondaryLocksScanLockAndGc() {
    String k = "p/k";
    Kvrpcpb.Context c = txnCtx(k);
    long start = 1000L << 18;
    Kvrpcpb.PessimisticLockResponse pl =
        tikv()
            .kvPessimisticLock(
                Kvrpcpb.PessimisticLockRequest.newBuilder()
                    .setContext(c)
                    .addMutations(
                        Kvrpcpb.Mutation.newBuilder()
                            .setOp(Kvrpcpb.Op.PessimisticLock)
                            .setKey(bs(k)))
                    .setPrimaryLock(bs(k))
                    .setStartVersion(start)
                    .setForUpdateTs(start)
                    .setLockTtl(60_000)
                    .setReturnValues(true)
                    .build());
    assertEquals(0, pl.getErrorsCount(), pl.toString());
    assertEquals(List.of(true), pl.getNotFoundsList());
    Kvrpcpb.ScanLockResponse locks =
        tikv()
            .kvScanLock(
                Kvrpcpb.ScanLockRequest.newBuilder()
                    .setContext(c)
                    .setMaxVersion(start + 1)
                    .setStartKey(bs("p/"))
                    .setLimit(10)
                    .build());
    assertEquals(1, locks.getLocksCount(), locks.toString());
    assertEquals(Kvrpcpb.Op.PessimisticLock, locks.getLocks(0).getLockType());
    // Another transaction meets the lock.
    Kvrpcpb.PessimisticLockResponse other =
        tikv()
            .kvPessimisticLock(
                Kvrpcpb.PessimisticLockRequest.newBuilder()
                    .setContext(c)
                    .addMutations(
                        Kvrpcpb.Mutation.newBuilder()
                            .setOp(Kvrpcpb.Op.PessimisticLock)
                            .setKey(bs(k)))
                    .setPrimaryLock(bs(k))
                    .setStartVersion(start + 5)
                    .setForUpdateTs(start + 5)
                    .setLockTtl(60_000)
                    .setWaitTimeout(-1)
                    .build());
    assertTrue(other.getErrors(0).hasLocked(), other.toString());
    assertEquals(start, other.getErrors(0).getLocked().getLockVersion());
    Kvrpcpb.PessimisticRollbackResponse rb =
        tikv()
            .kVPessimisticRollback(
                Kvrpcpb.PessimisticRollbackRequest.newBuilder()
                    .setContext(c)
                    .addKeys(bs(k))
                    .setStartVersion(start)
                    .setForUpdateTs(start)
                    .build());
    assertEquals(0, rb.getErrorsCount());

    // Async commit: prewrite with secondaries, then check the secondary locks.
    long s2 = 2000L << 18;
    Kvrpcpb.PrewriteResponse pw =
        tikv()
            .kvPrewrite(
                Kvrpcpb.PrewriteRequest.newBuilder()
                    .setContext(txnCtx("p/a"))
                    .addMutations(put("p/a", "1"))
                    .addMutations(put("p/b", "2"))
                    .setPrimaryLock(bs("p/a"))
                    .setStartVersion(s2)
                    .setLockTtl(60_000)
                    .setUseAsyncCommit(true)
                    .addSecondaries(bs("p/b"))
                    .setMinCommitTs(s2 + 1)
                    .build());
    assertEquals(0, pw.getErrorsCount(), pw.toString());
    assertTrue(pw.getMinCommitTs() > s2, "async commit's min_commit_ts");
    Kvrpcpb.CheckSecondaryLocksResponse sec =
        tikv()
            .kvCheckSecondaryLocks(
                Kvrpcpb.CheckSecondaryLocksRequest.newBuilder()
                    .setContext(txnCtx("p/b"))
                    .addKeys(bs("p/b"))
                    .setStartVersion(s2)
                    .build());
    assertEquals(1, sec.getLocksCount(), sec.toString());
    long commitTs = pw.getMinCommitTs() + 10;
    Kvrpcpb.CommitResponse cr =
        tikv()
            .kvCommit(
                Kvrpcpb.CommitRequest.newBuilder()
                    .setContext(txnCtx("p/a"))
                    .addKeys(bs("p/a"))
                    .addKeys(bs("p/b"))
                    .setStartVersion(s2)
                    .setCommitVersion(commitTs)
                    .build());
    assertFalse(cr.hasError(), cr.toString());
    assertEquals(commitTs, cr.getCommitVersion());
    Kvrpcpb.CheckTxnStatusResponse st =
        tikv()
            .kvCheckTxnStatus(
                Kvrpcpb.CheckTxnStatusRequest.newBuilder()
                    .setContext(txnCtx("p/a"))
                    .setPrimaryKey(bs("p/a"))
                    .setLockTs(s2)
                    .setCurrentTs(commitTs + 100)
                    .build());
    assertEquals(commitTs, st.getCommitVersion(), st.toString());
    Kvrpcpb.CleanupResponse cl =
        tikv()
            .kvCleanup(
                Kvrpcpb.CleanupRequest.newBuilder()
                    .setContext(txnCtx("p/a"))
                    .setKey(bs("p/a"))
                    .setStartVersion(s2)
                    .build());
    assertEquals(commitTs, cl.getCommitVersion(), "cleanup of a committed txn says when");

    // A second version, then GC at a safe point after it: the first version goes.
    long s3 = commitTs + 100;
    tikv()
        .kvPrewrite(
            Kvrpcpb.PrewriteRequest.newBuilder()
                .setContext(txnCtx("p/a"))
                .addMutations(put("p/a", "3"))
                .setPrimaryLock(bs("p/a"))
                .setStartVersion(s3)
                .setLockTtl(3000)
                .build());
    tikv()
        .kvCommit(
            Kvrpcpb.CommitRequest.newBuilder()
                .setContext(txnCtx("p/a"))
                .addKeys(bs("p/a"))
                .setStartVersion(s3)
                .setCommitVersion(s3 + 1)
                .build());
    assertEquals("1", get("p/a", s3).getValue().toStringUtf8());
    Kvrpcpb.GCResponse gc =
        tikv()
            .kvGC(
                Kvrpcpb.GCRequest.newBuilder()
                    .setContext(txnCtx("p/a"))
                    .setSafePoint(s3 + 10)
                    .build());
    assertFalse(gc.hasError() || gc.hasRegionError(), gc.toString());
    assertTrue(get("p/a", s3).getNotFound(), "the old version was collected");
    assertEquals("3", get("p/a", s3 + 20).getValue().toStringUtf8());
  }

  static Kvrpcpb.GetResponse get(String k, long ts) {
    return tikv()
        .kvGet(
            Kvrpcpb.GetRequest.newBuilder()
                .setContext(txnCtx(k))
                .setKey(bs(k))
                .setVersion(ts)
                .build());
  }

  @Test
  void txnErrorsAreKeyErrors() {
    Kvrpcpb.CommitResponse c =
        tikv()
            .kvCommit(
                Kvrpcpb.CommitRequest.newBuilder()
                    .setContext(txnCtx("q/none"))
                    .addKeys(bs("q/none"))
                    .setStartVersion(5L << 18)
                    .setCommitVersion(6L << 18)
                    .build());
    assertTrue(c.getError().getRetryable().startsWith("txn lock not found"), c.toString());
    Kvrpcpb.TxnHeartBeatResponse hb =
        tikv()
            .kvTxnHeartBeat(
                Kvrpcpb.TxnHeartBeatRequest.newBuilder()
                    .setContext(txnCtx("q/none"))
                    .setPrimaryLock(bs("q/none"))
                    .setStartVersion(5L << 18)
                    .setAdviseLockTtl(100)
                    .build());
    assertTrue(hb.getError().hasTxnNotFound(), hb.toString());
    Kvrpcpb.PrewriteResponse badOp =
        tikv()
            .kvPrewrite(
                Kvrpcpb.PrewriteRequest.newBuilder()
                    .setContext(txnCtx("q/op"))
                    .addMutations(
                        Kvrpcpb.Mutation.newBuilder().setOpValue(99).setKey(bs("q/op")).build())
                    .setPrimaryLock(bs("q/op"))
                    .setStartVersion(7L << 18)
                    .build());
    assertFalse(badOp.getErrors(0).getAbort().isEmpty(), badOp.toString());
    Kvrpcpb.ScanResponse badScan =
        tikv()
            .kvScan(
                Kvrpcpb.ScanRequest.newBuilder()
                    .setContext(txnCtx("q/"))
                    .setStartKey(ByteString.copyFrom(new byte[9000]))
                    .setLimit(10)
                    .setVersion(1)
                    .build());
    assertTrue(badScan.hasError(), badScan.toString());
    assertTrue(badScan.getPairs(0).hasError(), "and in the first pair, as TiKV");
  }

  // ---- transport-level bad input -----------------------------------------------------------

  static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        }
      };

  static byte[] call(String method, byte[] body) {
    MethodDescriptor<byte[], byte[]> m =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(method)
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
    return ClientCalls.blockingUnaryCall(
        channel, m, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), body);
  }

  @Test
  void malformedBytesAndUnknownMethodsAreGrpcErrorsNotCrashes() throws Exception {
    StatusRuntimeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            StatusRuntimeException.class,
            () -> call("tikvpb.Tikv/RawGet", new byte[] {(byte) 0xff, (byte) 0xff, 0x01}));
    assertNotEquals(Status.Code.OK, e.getStatus().getCode());
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            StatusRuntimeException.class, () -> call("tikvpb.Tikv/NoSuchMethod", new byte[0]));
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            StatusRuntimeException.class, () -> call("tikvpb.Tikv/BatchCommands", new byte[0]));
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    // An empty message is a valid (empty) request: answered with a region error.
    Kvrpcpb.RawPutResponse r =
        Kvrpcpb.RawPutResponse.parseFrom(call("tikvpb.Tikv/RawPut", new byte[0]));
    assertTrue(r.getRegionError().hasRegionNotFound(), r.toString());
    // The store still serves.
    rawPut("alive", "yes");
  }

  @Test
  void healthCheckSaysServing() {
    HealthCheckResponse h =
        HealthGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance());
    assertEquals(HealthCheckResponse.ServingStatus.SERVING, h.getStatus());
  }

  @Test
  void statusServer() throws Exception {
    rawPut("status/k", "v");
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://" + cluster.kv.statusAddress();
    HttpResponse<String> status =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/status")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, status.statusCode());
    HttpResponse<String> config =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/config")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, config.statusCode());
    var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(config.body());
    assertEquals(1, json.get("storage").get("api-version").asInt());
    assertFalse(json.get("storage").get("enable-ttl").asBoolean());
    assertEquals("256MiB", json.get("coprocessor").get("region-split-size").asString());
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("tikv_grpc_msg_duration_seconds_bucket{type=\"raw_put\""));
    assertTrue(metrics.body().contains("tikv_raftstore_region_count"));
    HttpResponse<String> missing =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, missing.statusCode());
  }

  /**
   * The client pings every 10 s, also with no call in flight: the store must not close the
   * connection for too many pings.
   */
  @Test
  void keepAlivePingsWithoutCallsArePermitted() throws Exception {
    rawPut("ka", "1");
    Thread.sleep(Duration.ofSeconds(22));
    assertNotEquals(ConnectivityState.TRANSIENT_FAILURE, channel.getState(false));
    rawPut("ka", "2");
  }
}

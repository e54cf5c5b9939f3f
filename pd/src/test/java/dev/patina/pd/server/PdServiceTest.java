package dev.patina.pd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.PDGrpc;
import dev.patina.kv.proto.Pdpb;
import dev.patina.pd.PdConfig;
import dev.patina.pd.PdServer;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The pdpb.PD service over real gRPC, request by request, including bad input. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PdServiceTest {
  @TempDir static Path dir;
  static PdServer server;
  static PdClient client;

  @BeforeAll
  static void start() throws IOException {
    server = PdServer.start(PdConfig.ephemeral(dir.resolve("pd")));
    client = new PdClient(server.port());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    client.close();
    server.close();
  }

  private static Pdpb.RequestHeader header() {
    return client.header();
  }

  @Test
  @Order(1)
  void getMembersNamesThisPdAsLeader() {
    Pdpb.GetMembersResponse r = client.pd().getMembers(Pdpb.GetMembersRequest.getDefaultInstance());
    assertEquals(server.clusterId(), r.getHeader().getClusterId());
    assertNotEquals(0, r.getHeader().getClusterId());
    assertNotEquals(0, r.getLeader().getMemberId());
    assertEquals(List.of("http://127.0.0.1:" + server.port()), r.getLeader().getClientUrlsList());
    assertEquals(r.getLeader(), r.getMembers(0));
    assertEquals(r.getLeader(), r.getEtcdLeader());
    assertFalse(r.getHeader().hasError());
  }

  @Test
  @Order(1)
  void healthChecksAnswerServing() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(client.channel);
    assertEquals(
        HealthCheckResponse.ServingStatus.SERVING,
        health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    assertEquals(
        HealthCheckResponse.ServingStatus.SERVING,
        health.check(HealthCheckRequest.newBuilder().setService("pdpb.PD").build()).getStatus());
  }

  @Test
  @Order(1)
  void tsoAnswersEachRequestOnTheStreamWithTheLastTimestampOfTheBatch() throws Exception {
    var s = client.tsoStream();
    long previous = 0;
    for (int count : new int[] {1, 10, 100, 1, 5000}) {
      s.requests.onNext(Pdpb.TsoRequest.newBuilder().setHeader(header()).setCount(count).build());
      Pdpb.TsoResponse r = assertInstanceOf(Pdpb.TsoResponse.class, s.next());
      assertEquals(count, r.getCount());
      long ts = r.getTimestamp().getPhysical() << 18 | r.getTimestamp().getLogical();
      long first = ts - count + 1;
      assertTrue(first > previous, "batches do not overlap");
      assertTrue(r.getTimestamp().getLogical() >= count);
      previous = ts;
    }
    s.requests.onCompleted();
    assertEquals("completed", s.next());
  }

  @Test
  @Order(1)
  void tsoRefusesAWrongClusterIdOrCountWithAStatus() throws Exception {
    var wrong = client.tsoStream();
    wrong.requests.onNext(
        Pdpb.TsoRequest.newBuilder()
            .setHeader(Pdpb.RequestHeader.newBuilder().setClusterId(client.clusterId + 1))
            .setCount(1)
            .build());
    Status st = Status.fromThrowable(assertInstanceOf(Throwable.class, wrong.next()));
    assertEquals(Status.Code.FAILED_PRECONDITION, st.getCode());
    assertTrue(st.getDescription().contains("mismatch cluster id"), st.getDescription());

    var zero = client.tsoStream();
    zero.requests.onNext(Pdpb.TsoRequest.newBuilder().setHeader(header()).setCount(0).build());
    st = Status.fromThrowable(assertInstanceOf(Throwable.class, zero.next()));
    assertEquals(Status.Code.INVALID_ARGUMENT, st.getCode());
    assertTrue(st.getDescription().contains("tso count"), st.getDescription());

    var dc = client.tsoStream();
    dc.requests.onNext(
        Pdpb.TsoRequest.newBuilder().setHeader(header()).setCount(1).setDcLocation("dc-9").build());
    assertEquals(
        Status.Code.INVALID_ARGUMENT,
        Status.fromThrowable(assertInstanceOf(Throwable.class, dc.next())).getCode());
  }

  @Test
  @Order(2)
  void beforeBootstrapClusterRpcsAnswerNotBootstrapped() {
    assertFalse(
        client
            .pd()
            .isBootstrapped(Pdpb.IsBootstrappedRequest.newBuilder().setHeader(header()).build())
            .getBootstrapped());
    Pdpb.GetRegionResponse r =
        client.pd().getRegion(Pdpb.GetRegionRequest.newBuilder().setHeader(header()).build());
    assertEquals(Pdpb.ErrorType.NOT_BOOTSTRAPPED, r.getHeader().getError().getType());
    assertEquals(
        Pdpb.ErrorType.NOT_BOOTSTRAPPED,
        client
            .pd()
            .getAllStores(Pdpb.GetAllStoresRequest.newBuilder().setHeader(header()).build())
            .getHeader()
            .getError()
            .getType());
    assertEquals(
        Pdpb.ErrorType.NOT_BOOTSTRAPPED,
        client
            .pd()
            .getGCSafePoint(Pdpb.GetGCSafePointRequest.newBuilder().setHeader(header()).build())
            .getHeader()
            .getError()
            .getType());
  }

  @Test
  @Order(2)
  void aWrongOrMissingClusterIdIsAFailedPrecondition() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> client.pd().allocID(Pdpb.AllocIDRequest.getDefaultInstance()));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("but got 0"));
  }

  static long storeId;
  static long regionId;
  static long peerId;

  @Test
  @Order(3)
  void bootstrapWithIdsFromAllocId() {
    storeId = client.allocId();
    regionId = client.allocId();
    peerId = client.allocId();
    assertTrue(storeId > 0 && regionId > storeId && peerId > regionId);
    Pdpb.BootstrapRequest bad =
        Pdpb.BootstrapRequest.newBuilder()
            .setHeader(header())
            .setStore(Metapb.Store.newBuilder().setId(storeId).setAddress("127.0.0.1:20160"))
            .build();
    Pdpb.BootstrapResponse refused = client.pd().bootstrap(bad);
    assertEquals(Pdpb.ErrorType.UNKNOWN, refused.getHeader().getError().getType());
    assertTrue(refused.getHeader().getError().getMessage().contains("missing region"));

    Pdpb.BootstrapRequest ok =
        bad.toBuilder()
            .setRegion(
                Metapb.Region.newBuilder()
                    .setId(regionId)
                    .setRegionEpoch(Metapb.RegionEpoch.newBuilder().setConfVer(1).setVersion(1))
                    .addPeers(Metapb.Peer.newBuilder().setId(peerId).setStoreId(storeId)))
            .build();
    assertFalse(client.pd().bootstrap(ok).getHeader().hasError());
    assertEquals(
        Pdpb.ErrorType.ALREADY_BOOTSTRAPPED,
        client.pd().bootstrap(ok).getHeader().getError().getType());
    assertTrue(
        client
            .pd()
            .isBootstrapped(Pdpb.IsBootstrappedRequest.newBuilder().setHeader(header()).build())
            .getBootstrapped());
  }

  @Test
  @Order(4)
  void storesAndHeartbeats() {
    long second = client.allocId();
    Pdpb.PutStoreResponse put =
        client
            .pd()
            .putStore(
                Pdpb.PutStoreRequest.newBuilder()
                    .setHeader(header())
                    .setStore(
                        Metapb.Store.newBuilder()
                            .setId(second)
                            .setAddress("127.0.0.1:20161")
                            .setVersion("6.5.0")
                            .addLabels(
                                Metapb.StoreLabel.newBuilder().setKey("zone").setValue("z1")))
                    .build());
    assertFalse(put.getHeader().hasError());
    Pdpb.PutStoreResponse dup =
        client
            .pd()
            .putStore(
                Pdpb.PutStoreRequest.newBuilder()
                    .setHeader(header())
                    .setStore(
                        Metapb.Store.newBuilder().setId(second + 1).setAddress("127.0.0.1:20161"))
                    .build());
    assertTrue(dup.getHeader().getError().getMessage().contains("duplicated store address"));

    Pdpb.StoreHeartbeatResponse hb =
        client
            .pd()
            .storeHeartbeat(
                Pdpb.StoreHeartbeatRequest.newBuilder()
                    .setHeader(header())
                    .setStats(
                        Pdpb.StoreStats.newBuilder()
                            .setStoreId(second)
                            .setCapacity(1 << 30)
                            .setAvailable(1 << 29))
                    .build());
    assertFalse(hb.getHeader().hasError());
    Pdpb.GetStoreResponse got =
        client
            .pd()
            .getStore(
                Pdpb.GetStoreRequest.newBuilder().setHeader(header()).setStoreId(second).build());
    assertEquals("127.0.0.1:20161", got.getStore().getAddress());
    assertEquals("z1", got.getStore().getLabels(0).getValue());
    assertEquals(1 << 30, got.getStats().getCapacity());
    assertTrue(got.getStore().getLastHeartbeat() > 0);
    assertEquals(Metapb.StoreState.Up, got.getStore().getState());

    Pdpb.GetStoreResponse missing =
        client
            .pd()
            .getStore(
                Pdpb.GetStoreRequest.newBuilder().setHeader(header()).setStoreId(999_999).build());
    assertEquals(Pdpb.ErrorType.UNKNOWN, missing.getHeader().getError().getType());
    assertTrue(missing.getHeader().getError().getMessage().contains("999999"));

    assertEquals(
        2,
        client
            .pd()
            .getAllStores(Pdpb.GetAllStoresRequest.newBuilder().setHeader(header()).build())
            .getStoresCount());
    Pdpb.StoreHeartbeatResponse noStats =
        client
            .pd()
            .storeHeartbeat(Pdpb.StoreHeartbeatRequest.newBuilder().setHeader(header()).build());
    assertTrue(noStats.getHeader().hasError());
  }

  private static Pdpb.GetRegionResponse region(String key) {
    return client
        .pd()
        .getRegion(
            Pdpb.GetRegionRequest.newBuilder()
                .setHeader(header())
                .setRegionKey(ByteString.copyFromUtf8(key))
                .build());
  }

  @Test
  @Order(5)
  void regionHeartbeatsSplitsAndLookups() throws Exception {
    Pdpb.GetRegionResponse whole = region("anything");
    assertEquals(regionId, whole.getRegion().getId());
    assertEquals(peerId, whole.getLeader().getId());
    Metapb.Region current = whole.getRegion();

    // A split at "m": PD hands out ids, the store reports the two halves.
    Pdpb.AskBatchSplitResponse ask =
        client
            .pd()
            .askBatchSplit(
                Pdpb.AskBatchSplitRequest.newBuilder()
                    .setHeader(header())
                    .setRegion(current)
                    .setSplitCount(1)
                    .build());
    assertFalse(ask.getHeader().hasError());
    Pdpb.SplitID ids = ask.getIds(0);
    Metapb.RegionEpoch next = current.getRegionEpoch().toBuilder().setVersion(2).build();
    Metapb.Region left =
        current.toBuilder()
            .setId(ids.getNewRegionId())
            .setEndKey(ByteString.copyFromUtf8("m"))
            .setRegionEpoch(next)
            .setPeers(0, current.getPeers(0).toBuilder().setId(ids.getNewPeerIds(0)))
            .build();
    Metapb.Region right =
        current.toBuilder().setStartKey(ByteString.copyFromUtf8("m")).setRegionEpoch(next).build();
    assertFalse(
        client
            .pd()
            .reportBatchSplit(
                Pdpb.ReportBatchSplitRequest.newBuilder()
                    .setHeader(header())
                    .addRegions(left)
                    .addRegions(right)
                    .build())
            .getHeader()
            .hasError());
    assertEquals(left.getId(), region("a").getRegion().getId());
    assertEquals(ids.getNewPeerIds(0), region("a").getLeader().getId());
    assertEquals(regionId, region("m").getRegion().getId());
    assertEquals(
        left.getId(),
        client
            .pd()
            .getPrevRegion(
                Pdpb.GetRegionRequest.newBuilder()
                    .setHeader(header())
                    .setRegionKey(ByteString.copyFromUtf8("x"))
                    .build())
            .getRegion()
            .getId());
    assertEquals(
        right,
        client
            .pd()
            .getRegionByID(
                Pdpb.GetRegionByIDRequest.newBuilder()
                    .setHeader(header())
                    .setRegionId(regionId)
                    .build())
            .getRegion());
    Pdpb.ScanRegionsResponse scan =
        client
            .pd()
            .scanRegions(
                Pdpb.ScanRegionsRequest.newBuilder().setHeader(header()).setLimit(10).build());
    assertEquals(List.of(left, right), scan.getRegionMetasList());
    assertEquals(2, scan.getRegionsCount());
    assertEquals(2, scan.getLeadersCount());
    Pdpb.GetRegionResponse unknown =
        client
            .pd()
            .getRegionByID(
                Pdpb.GetRegionByIDRequest.newBuilder()
                    .setHeader(header())
                    .setRegionId(424242)
                    .build());
    assertFalse(unknown.hasRegion(), "an unknown region answers no region, as PD");

    // Heartbeats: a good one is accepted silently, a stale one answers an error on the stream.
    var hb = client.heartbeatStream();
    hb.requests.onNext(
        Pdpb.RegionHeartbeatRequest.newBuilder()
            .setHeader(header())
            .setRegion(right)
            .setLeader(right.getPeers(0))
            .setApproximateSize(10)
            .build());
    hb.requests.onNext(
        Pdpb.RegionHeartbeatRequest.newBuilder()
            .setHeader(header())
            .setRegion(current)
            .setLeader(current.getPeers(0))
            .build());
    Pdpb.RegionHeartbeatResponse stale =
        assertInstanceOf(Pdpb.RegionHeartbeatResponse.class, hb.next());
    assertEquals(Pdpb.ErrorType.UNKNOWN, stale.getHeader().getError().getType());
    assertTrue(stale.getHeader().getError().getMessage().contains("stale"));
    assertEquals(regionId, stale.getRegionId());
    hb.requests.onNext(Pdpb.RegionHeartbeatRequest.newBuilder().setHeader(header()).build());
    Pdpb.RegionHeartbeatResponse missing =
        assertInstanceOf(Pdpb.RegionHeartbeatResponse.class, hb.next());
    assertTrue(missing.getHeader().getError().getMessage().contains("region"));
    hb.requests.onCompleted();
    assertEquals("completed", hb.next());
    assertEquals(regionId, region("m").getRegion().getId(), "the stale heartbeat changed nothing");
  }

  @Test
  @Order(6)
  void gcSafePoints() {
    var pd = client.pd();
    assertEquals(
        0,
        pd.getGCSafePoint(Pdpb.GetGCSafePointRequest.newBuilder().setHeader(header()).build())
            .getSafePoint());
    assertEquals(
        500,
        pd.updateGCSafePoint(
                Pdpb.UpdateGCSafePointRequest.newBuilder()
                    .setHeader(header())
                    .setSafePoint(500)
                    .build())
            .getNewSafePoint());
    assertEquals(
        500,
        pd.updateGCSafePoint(
                Pdpb.UpdateGCSafePointRequest.newBuilder()
                    .setHeader(header())
                    .setSafePoint(100)
                    .build())
            .getNewSafePoint(),
        "never backwards");
    Pdpb.UpdateServiceGCSafePointResponse svc =
        pd.updateServiceGCSafePoint(
            Pdpb.UpdateServiceGCSafePointRequest.newBuilder()
                .setHeader(header())
                .setServiceId(ByteString.copyFromUtf8("test-service"))
                .setTTL(60)
                .setSafePoint(700)
                .build());
    assertEquals("gc_worker", svc.getServiceId().toStringUtf8());
    assertEquals(0, svc.getMinSafePoint());
    Pdpb.UpdateServiceGCSafePointResponse empty =
        pd.updateServiceGCSafePoint(
            Pdpb.UpdateServiceGCSafePointRequest.newBuilder()
                .setHeader(header())
                .setTTL(60)
                .build());
    assertTrue(empty.getHeader().getError().getMessage().contains("service id"));
  }

  @Test
  @Order(7)
  void malformedBytesAndUnknownMethodsAreErrorsNotCrashes() {
    MethodDescriptor<InputStream, InputStream> raw =
        PDGrpc.getGetRegionMethod().toBuilder(new RawMarshaller(), new RawMarshaller()).build();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(
                    client.channel,
                    raw,
                    CallOptions.DEFAULT,
                    new ByteArrayInputStream(new byte[] {(byte) 0xff, (byte) 0xff, 0x01})));
    assertNotEquals(Status.Code.OK, e.getStatus().getCode());

    MethodDescriptor<InputStream, InputStream> unknown =
        raw.toBuilder().setFullMethodName("pdpb.PD/NoSuchMethod").build();
    e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(
                    client.channel,
                    unknown,
                    CallOptions.DEFAULT,
                    new ByteArrayInputStream(new byte[0])));
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());

    e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                client
                    .pd()
                    .splitRegions(
                        Pdpb.SplitRegionsRequest.newBuilder().setHeader(header()).build()));
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());

    // Still serving, data intact.
    assertEquals(regionId, region("z").getRegion().getId());
  }

  @Test
  @Order(8)
  void prometheusMetricsOverHttp() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.statusPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    String body = r.body();
    assertTrue(body.contains("grpc_server_handled_total{"), body);
    assertTrue(body.contains("grpc_method=\"GetRegion\""));
    assertTrue(body.contains("pd_tso_timestamps_total"));
    assertTrue(body.contains("pd_cluster_regions 2"));
    assertTrue(body.contains("jvm_memory_used_bytes"));
  }

  /** Bytes in, bytes out. */
  static final class RawMarshaller implements MethodDescriptor.Marshaller<InputStream> {
    @Override
    public InputStream stream(InputStream value) {
      return value;
    }

    @Override
    public InputStream parse(InputStream stream) {
      return stream;
    }
  }
}

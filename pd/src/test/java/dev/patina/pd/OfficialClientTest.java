package dev.patina.pd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;
import dev.patina.pd.server.PdClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tikv.common.TiConfiguration;
import org.tikv.common.TiSession;
import org.tikv.common.meta.TiTimestamp;
import org.tikv.common.util.ConcreteBackOffer;
import org.tikv.common.util.Pair;

/**
 * The official Java client (tikv-client-java 3.3.5, unchanged) against Patina's PD: everything it
 * can do with PD alone (no KV store yet): timestamps, cluster id, stores, region routing in
 * transactional (memcomparable keys) and raw (plain keys) mode, service GC safe points.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfficialClientTest {
  @TempDir static Path dir;
  static PdServer server;
  static TiSession txn;

  @BeforeAll
  static void start() throws Exception {
    server = PdServer.start(PdConfig.ephemeral(dir.resolve("pd")));
    txn = TiSession.create(configure(TiConfiguration.createDefault(address())));
  }

  static String address() {
    return "127.0.0.1:" + server.port();
  }

  static TiConfiguration configure(TiConfiguration conf) {
    conf.setWarmUpEnable(false); // warm-up probes the KV stores, which come later
    return conf;
  }

  @AfterAll
  static void stop() throws Exception {
    if (txn != null) {
      txn.close();
    }
    server.close();
  }

  @Test
  @Order(1)
  void clusterIdComesFromGetMembers() {
    assertEquals(server.clusterId(), txn.getPDClient().getClusterId());
  }

  @Test
  @Order(1)
  void timestampsAreStrictlyIncreasing() {
    TiTimestamp previous = txn.getTimestamp();
    for (int i = 0; i < 2000; i++) {
      TiTimestamp t = txn.getTimestamp();
      assertTrue(t.getVersion() > previous.getVersion(), t + " after " + previous);
      assertEquals(t.getPhysical() << 18 | t.getLogical(), t.getVersion());
      previous = t;
    }
    long now = System.currentTimeMillis();
    assertTrue(Math.abs(previous.getPhysical() - now) < 10_000, "physical part is wall-clock ms");
  }

  @Test
  @Order(1)
  void timestampsFromConcurrentThreadsAreUnique() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<Long> out = new ArrayList<>();
                  long last = 0;
                  for (int i = 0; i < 300; i++) {
                    long v = txn.getTimestamp().getVersion();
                    assertTrue(v > last, "monotonic per thread");
                    last = v;
                    out.add(v);
                  }
                  return out;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get());
      }
      assertEquals(all.size(), all.stream().distinct().count(), "no timestamp handed out twice");
    } finally {
      pool.shutdownNow();
    }
  }

  static long storeId;
  static long regionId;
  static long leftId;

  /** The cluster as a KV store bootstraps it: ids from AllocID, then Bootstrap, then a split. */
  @Test
  @Order(2)
  void bootstrapAndSplitAsAStoreWould() throws Exception {
    try (PdClient store = new PdClient(server.port())) {
      storeId = store.allocId();
      regionId = store.allocId();
      long peerId = store.allocId();
      Metapb.Region whole =
          Metapb.Region.newBuilder()
              .setId(regionId)
              .setRegionEpoch(Metapb.RegionEpoch.newBuilder().setConfVer(1).setVersion(1))
              .addPeers(Metapb.Peer.newBuilder().setId(peerId).setStoreId(storeId))
              .build();
      Pdpb.BootstrapResponse b =
          store
              .pd()
              .bootstrap(
                  Pdpb.BootstrapRequest.newBuilder()
                      .setHeader(store.header())
                      .setStore(
                          Metapb.Store.newBuilder()
                              .setId(storeId)
                              .setAddress("127.0.0.1:20160")
                              .setVersion("6.5.0"))
                      .setRegion(whole)
                      .build());
      assertFalse(b.getHeader().hasError(), b.toString());

      // Split at the memcomparable encoding of "m", the boundary transactional clients use.
      Pdpb.SplitID ids =
          store
              .pd()
              .askBatchSplit(
                  Pdpb.AskBatchSplitRequest.newBuilder()
                      .setHeader(store.header())
                      .setRegion(whole)
                      .setSplitCount(1)
                      .build())
              .getIds(0);
      leftId = ids.getNewRegionId();
      ByteString m = memcomparable("m");
      Metapb.RegionEpoch v2 = Metapb.RegionEpoch.newBuilder().setConfVer(1).setVersion(2).build();
      Metapb.Region left =
          whole.toBuilder()
              .setId(leftId)
              .setEndKey(m)
              .setRegionEpoch(v2)
              .setPeers(0, whole.getPeers(0).toBuilder().setId(ids.getNewPeerIds(0)))
              .build();
      Metapb.Region right = whole.toBuilder().setStartKey(m).setRegionEpoch(v2).build();
      assertFalse(
          store
              .pd()
              .reportBatchSplit(
                  Pdpb.ReportBatchSplitRequest.newBuilder()
                      .setHeader(store.header())
                      .addRegions(left)
                      .addRegions(right)
                      .build())
              .getHeader()
              .hasError());
    }
  }

  @Test
  @Order(3)
  void storesAsTheClientSeesThem() {
    var pd = txn.getPDClient();
    var store = pd.getStore(ConcreteBackOffer.newCustomBackOff(5000), storeId);
    assertEquals("127.0.0.1:20160", store.getAddress());
    assertEquals(org.tikv.kvproto.Metapb.StoreState.Up, store.getState());
    var all = pd.getAllStores(ConcreteBackOffer.newCustomBackOff(5000));
    assertEquals(1, all.size());
    assertEquals(storeId, all.getFirst().getId());
  }

  @Test
  @Order(3)
  void transactionalClientRoutesPlainKeysThroughEncodedBoundaries() {
    var pd = txn.getPDClient();
    Pair<org.tikv.kvproto.Metapb.Region, org.tikv.kvproto.Metapb.Peer> a =
        pd.getRegionByKey(ConcreteBackOffer.newCustomBackOff(5000), shaded("apple"));
    assertEquals(leftId, a.first.getId());
    // The client decodes the boundaries back to plain keys.
    assertEquals("m", a.first.getEndKey().toStringUtf8());
    assertTrue(a.first.getStartKey().isEmpty());
    assertEquals(storeId, a.second.getStoreId());

    var z = pd.getRegionByKey(ConcreteBackOffer.newCustomBackOff(5000), shaded("zebra"));
    assertEquals(regionId, z.first.getId());
    assertEquals("m", z.first.getStartKey().toStringUtf8());
    assertTrue(z.first.getEndKey().isEmpty());

    var m = pd.getRegionByKey(ConcreteBackOffer.newCustomBackOff(5000), shaded("m"));
    assertEquals(regionId, m.first.getId(), "start keys are inclusive");

    var byId = pd.getRegionByID(ConcreteBackOffer.newCustomBackOff(5000), leftId);
    assertEquals(leftId, byId.first.getId());

    var scanned =
        pd.scanRegions(
            ConcreteBackOffer.newCustomBackOff(5000),
            org.tikv.shade.com.google.protobuf.ByteString.EMPTY,
            org.tikv.shade.com.google.protobuf.ByteString.EMPTY,
            10);
    assertEquals(2, scanned.size());
    assertEquals(leftId, scanned.get(0).getRegion().getId());
    assertEquals(regionId, scanned.get(1).getRegion().getId());
  }

  @Test
  @Order(3)
  void rawClientSendsPlainKeys() throws Exception {
    try (TiSession raw = TiSession.create(configure(TiConfiguration.createRawDefault(address())))) {
      var pd = raw.getPDClient();
      // In raw mode keys reach PD unencoded and the boundaries come back as stored: the bytes
      // "m\0\0\0\0\0\0\0\xf8" sort between "apple" and "zebra".
      var a = pd.getRegionByKey(ConcreteBackOffer.newCustomBackOff(5000), shaded("apple"));
      assertEquals(leftId, a.first.getId());
      assertEquals(memcomparable("m").toByteArray().length, a.first.getEndKey().size());
      var z = pd.getRegionByKey(ConcreteBackOffer.newCustomBackOff(5000), shaded("zebra"));
      assertEquals(regionId, z.first.getId());
      assertTrue(raw.getTimestamp().getVersion() > 0);
    }
  }

  @Test
  @Order(4)
  void serviceGcSafePoints() throws Exception {
    var pd = txn.getPDClient();
    long ts = txn.getTimestamp().getVersion();
    // No service holds one yet: gc_worker's 0 is the minimum.
    assertEquals(
        0L,
        pd.updateServiceGCSafePoint(
            "patina-test", 60, ts, ConcreteBackOffer.newCustomBackOff(5000)));
    try (PdClient admin = new PdClient(server.port())) {
      admin
          .pd()
          .updateServiceGCSafePoint(
              Pdpb.UpdateServiceGCSafePointRequest.newBuilder()
                  .setHeader(admin.header())
                  .setServiceId(ByteString.copyFromUtf8("gc_worker"))
                  .setTTL(Long.MAX_VALUE)
                  .setSafePoint(ts + 10)
                  .build());
    }
    // Now the test service is the minimum.
    assertEquals(
        (Long) ts,
        pd.updateServiceGCSafePoint(
            "patina-test", 60, ts, ConcreteBackOffer.newCustomBackOff(5000)));
  }

  private static org.tikv.shade.com.google.protobuf.ByteString shaded(String s) {
    return org.tikv.shade.com.google.protobuf.ByteString.copyFromUtf8(s);
  }

  /** TiDB's memcomparable bytes encoding: 8-byte groups, each followed by 255 - padding. */
  static ByteString memcomparable(String s) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i <= in.length; i += 8) {
      int n = Math.min(8, in.length - i);
      out.write(in, i, n);
      for (int p = n; p < 8; p++) {
        out.write(0);
      }
      out.write(255 - (8 - n));
    }
    return ByteString.copyFrom(out.toByteArray());
  }

  @Test
  @Order(0)
  void memcomparableEncodingMatchesTheKnownForm() {
    assertEquals(
        List.of(0x6d, 0, 0, 0, 0, 0, 0, 0, 0xf8), toInts(memcomparable("m").toByteArray()));
    assertEquals(18, memcomparable("12345678").size(), "a full group is followed by an empty one");
  }

  private static List<Integer> toInts(byte[] b) {
    List<Integer> out = new ArrayList<>();
    for (byte x : b) {
      out.add(x & 0xff);
    }
    return out;
  }
}

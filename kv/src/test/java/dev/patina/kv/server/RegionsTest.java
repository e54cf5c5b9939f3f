package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.PDGrpc;
import dev.patina.kv.proto.Pdpb;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionMeta;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tikv.common.TiConfiguration;
import org.tikv.common.TiSession;
import org.tikv.kvproto.Kvrpcpb.KvPair;
import org.tikv.raw.RawKVClient;
import org.tikv.shade.com.google.protobuf.ByteString;

/**
 * Regions at work: automatic splits by size and by key count (TiKV's checks, thresholds shrunk), PD
 * learning every split (report and heartbeats), region metas surviving a restart, ServerIsBusy
 * under write pressure, and MVCC GC driven by PD's safe point.
 */
class RegionsTest {
  @TempDir Path dir;

  static void await(String what, Duration max, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  /** The regions PD knows, in key order. */
  static List<Metapb.Region> pdRegions(TestCluster c) {
    ManagedChannel ch =
        NettyChannelBuilder.forAddress("127.0.0.1", c.pd.port()).usePlaintext().build();
    try {
      PDGrpc.PDBlockingStub pd = PDGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS);
      long cluster =
          pd.getMembers(Pdpb.GetMembersRequest.getDefaultInstance()).getHeader().getClusterId();
      return pd.scanRegions(
              Pdpb.ScanRegionsRequest.newBuilder()
                  .setHeader(Pdpb.RequestHeader.newBuilder().setClusterId(cluster))
                  .build())
          .getRegionMetasList();
    } finally {
      ch.shutdownNow();
    }
  }

  static boolean pdAgrees(TestCluster c) {
    List<Metapb.Region> pd = pdRegions(c);
    List<Region> store = c.kv.regions().all();
    if (pd.size() != store.size()) {
      return false;
    }
    for (int i = 0; i < pd.size(); i++) {
      if (!RegionMeta.fromProto(pd.get(i)).equals(store.get(i).meta())) {
        return false;
      }
    }
    return true;
  }

  static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void splitsByKeysAndSizeAreLearnedByPdAndSurviveRestart() throws Exception {
    try (TestCluster cluster =
            TestCluster.start(
                dir,
                b ->
                    b.regionSplit(64 << 10, 200)
                        .splitCheckTick(Duration.ofMillis(100))
                        .pdHeartbeatTick(Duration.ofSeconds(1)));
        TiSession session =
            TiSession.create(TiConfiguration.createRawDefault(cluster.pdAddress()))) {
      RawKVClient raw = session.createRawClient();
      // By keys: 2000 small keys, split every 200 keys (checked above 300).
      Map<ByteString, ByteString> small = new HashMap<>();
      for (int i = 0; i < 2000; i++) {
        small.put(bs(String.format("k/%05d", i)), bs("v"));
      }
      raw.batchPut(small);
      await("splits by keys", Duration.ofSeconds(30), () -> cluster.kv.regionCount() >= 7);
      // By size: 1.5 MiB of 8 KiB values, split every 64 KiB (checked above 96 KiB).
      int before = cluster.kv.regionCount();
      byte[] value = new byte[8 << 10];
      Arrays.fill(value, (byte) 'x');
      for (int i = 0; i < 192; i++) {
        raw.put(bs(String.format("z/%05d", i)), ByteString.copyFrom(value));
      }
      await(
          "splits by size", Duration.ofSeconds(30), () -> cluster.kv.regionCount() >= before + 10);
      await("PD to learn every region", Duration.ofSeconds(30), () -> pdAgrees(cluster));

      // Every region is within the thresholds once the checks are done.
      Thread.sleep(500);
      for (Region r : cluster.kv.regions().all()) {
        assertTrue(r.approximateKeys() <= 300, r + " keys " + r.approximateKeys());
        assertTrue(r.approximateSize() <= 96 << 10, r + " size " + r.approximateSize());
      }
      // Regions are contiguous and cover the whole key space.
      List<Region> all = cluster.kv.regions().all();
      assertEquals(0, all.getFirst().meta().startKey().length);
      assertEquals(0, all.getLast().meta().endKey().length);
      for (int i = 1; i < all.size(); i++) {
        assertTrue(Arrays.equals(all.get(i - 1).meta().endKey(), all.get(i).meta().startKey()));
      }

      List<RegionMeta> metas = new ArrayList<>();
      for (Region r : all) {
        metas.add(r.meta());
      }
      cluster.restartStore();
      List<RegionMeta> again = new ArrayList<>();
      for (Region r : cluster.kv.regions().all()) {
        again.add(r.meta());
      }
      assertEquals(metas, again, "region metas are kept across restarts");
      List<KvPair> keys = raw.scan(bs("k/"), bs("k0"), true);
      assertEquals(2000, keys.size());
      assertEquals(192, raw.scanPrefix(bs("z/"), true).size());
    }
  }

  @Test
  void serverIsBusyMakesTheClientBackOffAndRetry() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, b -> b.pendingWriteThreshold(1));
        TiSession session =
            TiSession.create(TiConfiguration.createRawDefault(cluster.pdAddress()))) {
      RawKVClient raw = session.createRawClient();
      byte[] value = new byte[64 << 10];
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int n = t;
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; i < 20; i++) {
                        raw.put(bs("busy/" + n + "/" + i), ByteString.copyFrom(value));
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(160, raw.scanPrefix(bs("busy/"), true).size(), "every write went through");
      String metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://" + cluster.kv.statusAddress() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(
          metrics.contains("tikv_storage_region_errors_total{kind=\"server_is_busy\"}"),
          "some writes were refused as busy, then retried by the client");
    }
  }

  @Test
  void gcFollowsPdSafePoint() throws Exception {
    try (TestCluster cluster =
            TestCluster.start(dir, b -> b.gcPollInterval(Duration.ofMillis(200)));
        TiSession session = cluster.txnSession()) {
      Txns.commit(session, Txns.of("gc/k", "v1"));
      long between = Txns.ts(session);
      Txns.commit(session, Txns.of("gc/k", "v2"));
      long after = Txns.ts(session);
      assertEquals("v1", Txns.get(session, "gc/k", between));
      // Nothing moves PD's safe point but a GC leader (TiDB); set it as one would.
      ManagedChannel ch =
          NettyChannelBuilder.forAddress("127.0.0.1", cluster.pd.port()).usePlaintext().build();
      try {
        PDGrpc.PDBlockingStub pd =
            PDGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS);
        long id =
            pd.getMembers(Pdpb.GetMembersRequest.getDefaultInstance()).getHeader().getClusterId();
        pd.updateGCSafePoint(
            Pdpb.UpdateGCSafePointRequest.newBuilder()
                .setHeader(Pdpb.RequestHeader.newBuilder().setClusterId(id))
                .setSafePoint(after)
                .build());
      } finally {
        ch.shutdownNow();
      }
      await(
          "GC at the new safe point",
          Duration.ofSeconds(20),
          () -> cluster.kv.lastGcSafePoint() >= after);
      assertEquals(null, Txns.get(session, "gc/k", between), "the version below was collected");
      assertEquals("v2", Txns.get(session, "gc/k", Txns.ts(session)));
    }
  }
}

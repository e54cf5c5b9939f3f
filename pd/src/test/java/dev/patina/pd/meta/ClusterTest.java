package dev.patina.pd.meta;

import static dev.patina.pd.meta.Regions.key;
import static dev.patina.pd.meta.Regions.peer;
import static dev.patina.pd.meta.Regions.region;
import static dev.patina.pd.meta.Regions.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;
import dev.patina.kv.proto.Pdpb.ErrorType;
import dev.patina.pd.PdException;
import dev.patina.pd.storage.MemoryBackend;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClusterTest {
  private final MemoryBackend backend = new MemoryBackend();
  private final IdAllocator ids = new IdAllocator(backend);
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  private Cluster cluster() {
    return new Cluster(backend, ids, 42, 3, clock::get);
  }

  /** Store 1 at 127.0.0.1:20160, region 2 = everything, peer 3. */
  private Cluster bootstrapped() {
    Cluster c = cluster();
    c.bootstrap(store(1, "127.0.0.1:20160"), region(2, "", "", 1, 1, peer(3, 1)));
    return c;
  }

  private static ErrorType refused(Runnable r) {
    return assertThrows(PdException.class, r::run).type();
  }

  @Test
  void everythingButBootstrapWaitsForIt() {
    Cluster c = cluster();
    assertFalse(c.isBootstrapped());
    assertEquals(ErrorType.NOT_BOOTSTRAPPED, refused(() -> c.regionByKey(key("a"))));
    assertEquals(ErrorType.NOT_BOOTSTRAPPED, refused(() -> c.putStore(store(1, "x:1"))));
    assertEquals(ErrorType.NOT_BOOTSTRAPPED, refused(() -> c.stores(false)));
    assertEquals(ErrorType.NOT_BOOTSTRAPPED, refused(c::config));
  }

  @Test
  void bootstrapChecksItsRequestAsPdDoes() {
    Cluster c = cluster();
    Metapb.Store s = store(1, "h:1");
    assertEquals(ErrorType.UNKNOWN, refused(() -> c.bootstrap(null, region(2, "", "", 1, 1))));
    assertEquals(
        ErrorType.UNKNOWN,
        refused(() -> c.bootstrap(store(0, "h:1"), region(2, "", "", 1, 1, peer(3, 0)))));
    assertEquals(ErrorType.UNKNOWN, refused(() -> c.bootstrap(s, null)));
    assertEquals(
        ErrorType.UNKNOWN, refused(() -> c.bootstrap(s, region(2, "a", "", 1, 1, peer(3, 1)))));
    assertEquals(
        ErrorType.UNKNOWN, refused(() -> c.bootstrap(s, region(2, "", "z", 1, 1, peer(3, 1)))));
    assertEquals(ErrorType.UNKNOWN, refused(() -> c.bootstrap(s, region(2, "", "", 1, 1))));
    assertEquals(
        ErrorType.UNKNOWN, refused(() -> c.bootstrap(s, region(2, "", "", 1, 1, peer(3, 9)))));
    assertEquals(
        ErrorType.UNKNOWN, refused(() -> c.bootstrap(s, region(2, "", "", 1, 1, peer(0, 1)))));
    assertFalse(c.isBootstrapped(), "nothing was stored by refused requests");

    c.bootstrap(s, region(2, "", "", 1, 1, peer(3, 1)));
    assertTrue(c.isBootstrapped());
    assertEquals(
        ErrorType.ALREADY_BOOTSTRAPPED,
        refused(() -> c.bootstrap(s, region(2, "", "", 1, 1, peer(3, 1)))));
    assertEquals(42, c.config().getId());
    assertEquals(3, c.config().getMaxPeerCount());
    RegionInfo r = c.regionByKey(key("anything"));
    assertEquals(2, r.id());
    assertEquals(3, r.leader().getId(), "the only peer leads");
  }

  @Test
  void bootstrapSurvivesARestart() {
    bootstrapped();
    Cluster again = cluster();
    assertTrue(again.isBootstrapped());
    assertEquals(1, again.stores(false).size());
    assertEquals(2, again.regionByKey(ByteString.EMPTY).id());
    assertEquals(3, again.regionByKey(ByteString.EMPTY).leader().getId());
  }

  @Test
  void storesRegisterUpdateAndHeartbeat() {
    Cluster c = bootstrapped();
    c.putStore(store(4, "127.0.0.1:20161").toBuilder().setState(Metapb.StoreState.Offline).build());
    assertEquals(Metapb.StoreState.Up, c.store(4).meta().getState(), "PD keeps the state");
    assertEquals(
        ErrorType.UNKNOWN, refused(() -> c.putStore(store(5, "127.0.0.1:20161"))), "dup address");
    assertEquals(ErrorType.UNKNOWN, refused(() -> c.putStore(store(0, "h:9"))));
    assertEquals(ErrorType.UNKNOWN, refused(() -> c.putStore(store(6, ""))));
    c.putStore(store(4, "127.0.0.1:20162").toBuilder().setVersion("7.0.0").build());
    assertEquals("127.0.0.1:20162", c.store(4).meta().getAddress());
    assertEquals("7.0.0", c.store(4).meta().getVersion());
    assertEquals(2, c.stores(true).size());
    assertEquals(ErrorType.UNKNOWN, refused(() -> c.store(99)));

    clock.addAndGet(5000);
    c.storeHeartbeat(Pdpb.StoreStats.newBuilder().setStoreId(4).setRegionCount(7).build());
    assertEquals(7, c.store(4).stats().getRegionCount());
    assertEquals(clock.get() * 1_000_000L, c.store(4).metaForClients().getLastHeartbeat());
    assertEquals(
        ErrorType.UNKNOWN,
        refused(() -> c.storeHeartbeat(Pdpb.StoreStats.newBuilder().setStoreId(99).build())));

    Cluster again = cluster();
    assertEquals("127.0.0.1:20162", again.store(4).meta().getAddress(), "registration is durable");
  }

  @Test
  void heartbeatsUpdateLeaderAndRefuseStaleOrMalformedRegions() {
    Cluster c = bootstrapped();
    c.putStore(store(4, "h:2"));
    Metapb.Region twoPeers = region(2, "", "", 2, 1, peer(3, 1), peer(5, 4));
    c.regionHeartbeat(new RegionInfo(twoPeers, peer(5, 4), List.of(), List.of(), 96, 1000, 2));
    RegionInfo r = c.regionById(2);
    assertEquals(5, r.leader().getId());
    assertEquals(96, r.approximateSize());
    assertEquals(2, r.meta().getPeersCount());

    // conf_ver went back: stale.
    Metapb.Region old = region(2, "", "", 1, 1, peer(3, 1));
    assertEquals(
        ErrorType.UNKNOWN,
        refused(
            () ->
                c.regionHeartbeat(new RegionInfo(old, peer(3, 1), List.of(), List.of(), 0, 0, 2))));
    // Leader that is not a peer, no leader, id 0, start >= end.
    assertEquals(
        ErrorType.UNKNOWN, refused(() -> c.regionHeartbeat(RegionInfo.of(twoPeers, peer(77, 9)))));
    assertEquals(
        ErrorType.UNKNOWN, refused(() -> c.regionHeartbeat(RegionInfo.of(twoPeers, null))));
    assertEquals(
        ErrorType.UNKNOWN,
        refused(
            () ->
                c.regionHeartbeat(RegionInfo.of(region(0, "", "", 1, 1, peer(3, 1)), peer(3, 1)))));
    assertEquals(
        ErrorType.UNKNOWN,
        refused(
            () ->
                c.regionHeartbeat(
                    RegionInfo.of(region(8, "b", "a", 1, 1, peer(9, 1)), peer(9, 1)))));
    assertEquals(5, c.regionById(2).leader().getId(), "refusals changed nothing");

    // Leader changes are durable.
    Cluster again = cluster();
    assertEquals(5, again.regionById(2).leader().getId());
  }

  @Test
  void askBatchSplitHandsOutFreshIdsPerNewRegionAndPeer() {
    Cluster c = bootstrapped();
    Metapb.Region current = c.regionById(2).meta();
    List<Pdpb.SplitID> split = c.askBatchSplit(current, 3);
    assertEquals(3, split.size());
    Set<Long> seen = new HashSet<>();
    for (Pdpb.SplitID s : split) {
      assertTrue(seen.add(s.getNewRegionId()));
      assertEquals(1, s.getNewPeerIdsCount(), "one new peer per peer of the region");
      assertTrue(seen.add(s.getNewPeerIds(0)));
    }
    assertEquals(ErrorType.UNKNOWN, refused(() -> c.askBatchSplit(current, 0)));
    assertEquals(
        ErrorType.UNKNOWN, refused(() -> c.askBatchSplit(current, Cluster.MAX_SPLIT_COUNT + 1)));
    assertEquals(ErrorType.UNKNOWN, refused(() -> c.askBatchSplit(null, 1)));
    assertEquals(
        ErrorType.UNKNOWN,
        refused(() -> c.askBatchSplit(current.toBuilder().clearRegionEpoch().build(), 1)));
  }

  @Test
  void reportBatchSplitUpdatesRoutingDurably() {
    Cluster c = bootstrapped();
    Pdpb.SplitID ids = c.askBatchSplit(c.regionById(2).meta(), 2).get(0);
    Pdpb.SplitID ids2 = c.askBatchSplit(c.regionById(2).meta(), 2).get(1);
    // TiKV derives right: the original id keeps the last range.
    long a = ids.getNewRegionId();
    long b = ids2.getNewRegionId();
    List<Metapb.Region> split =
        List.of(
            region(a, "", "g", 1, 3, peer(ids.getNewPeerIds(0), 1)),
            region(b, "g", "p", 1, 3, peer(ids2.getNewPeerIds(0), 1)),
            region(2, "p", "", 1, 3, peer(3, 1)));
    c.reportBatchSplit(split);
    assertEquals(a, c.regionByKey(key("a")).id());
    assertEquals(b, c.regionByKey(key("g")).id());
    assertEquals(2, c.regionByKey(key("q")).id());
    assertEquals(
        ids2.getNewPeerIds(0), c.regionByKey(key("h")).leader().getId(), "leader inherited");
    assertEquals(b, c.prevRegion(key("x")).id());
    assertEquals(3, c.scanRegions(ByteString.EMPTY, ByteString.EMPTY, 0).size());
    assertEquals(3, c.regionCount());

    // An old heartbeat of region 2 from before the split is refused.
    assertThrows(
        PdException.class,
        () -> c.regionHeartbeat(RegionInfo.of(region(2, "", "", 1, 1, peer(3, 1)), peer(3, 1))));
    // Asking to split with the old epoch is refused.
    assertThrows(PdException.class, () -> c.askBatchSplit(region(2, "p", "", 1, 1, peer(3, 1)), 1));

    Cluster again = cluster();
    assertEquals(3, again.regionCount());
    assertEquals(b, again.regionByKey(key("o")).id());
    assertEquals(ByteString.EMPTY, again.regionById(2).endKey());
  }

  @Test
  void reportBatchSplitChecksContiguity() {
    Cluster c = bootstrapped();
    assertEquals(
        ErrorType.UNKNOWN,
        refused(() -> c.reportBatchSplit(List.of(region(2, "", "", 1, 2, peer(3, 1))))));
    assertEquals(
        ErrorType.UNKNOWN,
        refused(
            () ->
                c.reportBatchSplit(
                    List.of(
                        region(7, "", "g", 1, 2, peer(8, 1)),
                        region(2, "h", "", 1, 2, peer(3, 1))))));
    assertEquals(1, c.regionCount());
  }

  @Test
  void heartbeatsOfSplitRegionsArrivingFirstAlsoWork() {
    Cluster c = bootstrapped();
    // The right half reports first: [m, "") replaces the whole range, leaving a hole until the
    // left half reports.
    c.regionHeartbeat(RegionInfo.of(region(2, "m", "", 1, 2, peer(3, 1)), peer(3, 1)));
    assertNull(c.regionByKey(key("a")));
    c.regionHeartbeat(RegionInfo.of(region(9, "", "m", 1, 2, peer(10, 1)), peer(10, 1)));
    assertEquals(9, c.regionByKey(key("a")).id());
    assertNotEquals(c.regionByKey(key("a")).id(), c.regionByKey(key("z")).id());
  }
}

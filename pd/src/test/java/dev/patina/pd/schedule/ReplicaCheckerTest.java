package dev.patina.pd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.proto.Eraftpb;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;
import dev.patina.pd.meta.IdAllocator;
import dev.patina.pd.meta.RegionInfo;
import dev.patina.pd.meta.StoreInfo;
import dev.patina.pd.storage.MemoryBackend;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which peer PD asks a region's leader to add, and when it asks nothing. */
class ReplicaCheckerTest {
  static final long NOW = 1_000_000;

  static StoreInfo store(long id, String raftAddress, long lastHeartbeat) {
    return new StoreInfo(
        Metapb.Store.newBuilder()
            .setId(id)
            .setAddress("127.0.0.1:" + (20160 + id))
            .setPeerAddress(raftAddress)
            .build(),
        null,
        lastHeartbeat);
  }

  static RegionInfo region(long... peerStores) {
    Metapb.Region.Builder b =
        Metapb.Region.newBuilder()
            .setId(2)
            .setRegionEpoch(Metapb.RegionEpoch.newBuilder().setConfVer(1).setVersion(1));
    for (long s : peerStores) {
      b.addPeers(Metapb.Peer.newBuilder().setId(100 + s).setStoreId(s));
    }
    Metapb.Region r = b.build();
    return RegionInfo.of(r, r.getPeers(0));
  }

  @Test
  void addsAPeerOnAnUpRaftStoreWithoutOne() {
    ReplicaChecker c = new ReplicaChecker(new IdAllocator(new MemoryBackend()), () -> NOW);
    List<StoreInfo> stores =
        List.of(
            store(1, "127.0.0.1:20171", NOW),
            store(2, "", NOW), // no Raft: cannot hold a replica
            store(3, "127.0.0.1:20173", NOW - ReplicaChecker.STORE_DOWN_MILLIS - 1), // down
            store(4, "127.0.0.1:20174", NOW));
    Pdpb.ChangePeer order = c.check(region(1), stores, 3).orElseThrow();
    assertEquals(Eraftpb.ConfChangeType.AddNode, order.getChangeType());
    assertEquals(4, order.getPeer().getStoreId());
    assertTrue(order.getPeer().getId() > 0);
    // Until the region reports it, the same peer is asked for again (no new id per heartbeat).
    assertEquals(Optional.of(order), c.check(region(1), stores, 3));
    // Reported: with no other usable store, nothing more to add.
    assertEquals(Optional.empty(), c.check(region(1, 4), stores, 3));
    // Full regions and single-replica clusters get no orders.
    assertEquals(Optional.empty(), c.check(region(1), stores, 1));
    assertEquals(Optional.empty(), c.check(region(1, 3, 4), stores, 3));
  }
}

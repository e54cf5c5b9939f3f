package dev.patina.pd.schedule;

import dev.patina.kv.proto.Eraftpb;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;
import dev.patina.pd.meta.IdAllocator;
import dev.patina.pd.meta.RegionInfo;
import dev.patina.pd.meta.StoreInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * PD's replica checker, reduced to adding replicas: a region with fewer peers than {@code
 * max-replicas} gets a ChangePeer AddNode, answered on the heartbeat stream to its leader, for an
 * up store that holds no peer of it (the one with the fewest regions would be PD's choice; Patina
 * takes the lowest store id, which is enough for a cluster that is filling up). A store counts when
 * it has a Raft address ({@code peer_address}: stores without Raft cannot hold a replica) and
 * heartbeated within {@link #STORE_DOWN_MILLIS}. The peer id for a store is allocated once and
 * repeated until the region reports the peer, so retries add the same peer.
 */
public final class ReplicaChecker {
  /** A store silent for longer is not given new replicas (PD's max-store-down-time is 30 min). */
  public static final long STORE_DOWN_MILLIS = 30_000;

  private final IdAllocator ids;
  private final LongSupplier clockMillis;
  private final Map<Long, Metapb.Peer> pending = new ConcurrentHashMap<>();

  public ReplicaChecker(IdAllocator ids, LongSupplier clockMillis) {
    this.ids = ids;
    this.clockMillis = clockMillis;
  }

  /**
   * The order for a region after its leader's heartbeat was accepted, if it needs one.
   *
   * @param stores the cluster's stores (tombstones excluded)
   * @param maxReplicas the cluster's {@code max_peer_count}
   */
  public Optional<Pdpb.ChangePeer> check(RegionInfo r, List<StoreInfo> stores, int maxReplicas) {
    List<Metapb.Peer> peers = r.meta().getPeersList();
    Metapb.Peer waiting = pending.get(r.id());
    if (waiting != null && hasPeerOn(peers, waiting.getStoreId())) {
      // Done (or another peer landed on that store meanwhile): no more orders for it.
      pending.remove(r.id());
      waiting = null;
    }
    if (peers.size() >= maxReplicas) {
      pending.remove(r.id());
      return Optional.empty();
    }
    long now = clockMillis.getAsLong();
    if (waiting != null && usable(store(stores, waiting.getStoreId()), now)) {
      return Optional.of(addNode(waiting));
    }
    for (StoreInfo s : stores) {
      if (usable(s, now) && !hasPeerOn(peers, s.id())) {
        Metapb.Peer peer = Metapb.Peer.newBuilder().setId(ids.alloc()).setStoreId(s.id()).build();
        pending.put(r.id(), peer);
        return Optional.of(addNode(peer));
      }
    }
    return Optional.empty();
  }

  private static boolean hasPeerOn(List<Metapb.Peer> peers, long storeId) {
    return peers.stream().anyMatch(p -> p.getStoreId() == storeId);
  }

  private static StoreInfo store(List<StoreInfo> stores, long id) {
    for (StoreInfo s : stores) {
      if (s.id() == id) {
        return s;
      }
    }
    return null;
  }

  private static boolean usable(StoreInfo s, long now) {
    return s != null
        && !s.isTombstone()
        && s.meta().getState() == Metapb.StoreState.Up
        && !s.meta().getPeerAddress().isEmpty()
        && s.lastHeartbeatMillis() > 0
        && now - s.lastHeartbeatMillis() <= STORE_DOWN_MILLIS;
  }

  private static Pdpb.ChangePeer addNode(Metapb.Peer peer) {
    return Pdpb.ChangePeer.newBuilder()
        .setPeer(peer)
        .setChangeType(Eraftpb.ConfChangeType.AddNode)
        .build();
  }
}

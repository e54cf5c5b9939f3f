package dev.patina.kv.server;

import dev.patina.kv.proto.Eraftpb;
import dev.patina.kv.proto.Pdpb;
import dev.patina.kv.raft.MultiRaft;
import dev.patina.kv.region.Peer;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionMeta;
import dev.patina.kv.region.RegionRouter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out PD's orders from region heartbeat answers (TiKV's {@code
 * on_region_heartbeat_response}): a ChangePeer AddNode adds a peer to a region this store leads.
 * Orders run one at a time off the heartbeat stream's thread; PD repeats an order until the region
 * reports it done, so an order that is already running, or that fails, is simply dropped.
 */
final class RaftOrders implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RaftOrders.class);

  private final MultiRaft raft;
  private final RegionRouter router;
  private final Consumer<Region> heartbeat;
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("kv-raft-orders").unstarted(r));

  RaftOrders(MultiRaft raft, RegionRouter router, Consumer<Region> heartbeat) {
    this.raft = raft;
    this.router = router;
    this.heartbeat = heartbeat;
  }

  void accept(Pdpb.RegionHeartbeatResponse order) {
    Pdpb.ChangePeer change = order.getChangePeer();
    long regionId = order.getRegionId();
    if (change.getChangeType() != Eraftpb.ConfChangeType.AddNode) {
      log.debug("region {}: ignoring {} (not supported)", regionId, change.getChangeType());
      return;
    }
    if (!running.add(regionId)) {
      return;
    }
    try {
      worker.execute(() -> addPeer(regionId, Peer.fromProto(change.getPeer())));
    } catch (RejectedExecutionException e) {
      running.remove(regionId);
    }
  }

  private void addPeer(long regionId, Peer peer) {
    try {
      Region r = router.get(regionId);
      if (r == null || !raft.isLeader(regionId)) {
        return;
      }
      RegionMeta before = r.meta();
      raft.addPeer(before, peer);
      heartbeat.accept(r);
    } catch (Exception e) {
      log.warn("region {}: adding peer {} failed: {}", regionId, peer, e.toString());
    } finally {
      running.remove(regionId);
    }
  }

  /**
   * Heartbeats a region this store was just elected to lead, once Ratis says the leader is ready
   * (it has applied an entry of its term; until then PdWorker would skip it), waiting up to 10 s.
   */
  void becameLeader(long regionId) {
    try {
      worker.execute(
          () -> {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && !raft.isLeader(regionId)) {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                return;
              }
            }
            Region r = router.get(regionId);
            if (r != null && raft.isLeader(regionId)) {
              heartbeat.accept(r);
            }
          });
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}

package dev.patina.kv.raft;

import dev.patina.kv.engine.Batch;
import dev.patina.kv.region.RegionMeta;

/** What the store does when a region's log changes the region itself (TiKV's apply delegate). */
public interface RegionHost {
  /**
   * Stores {@code meta} atomically with {@code alsoWrite} (the apply state) and serves the region
   * with it from now on; creates the region on this store if it is new here.
   */
  void applyMeta(RegionMeta meta, Batch alsoWrite);

  /**
   * This store's peer was elected leader of the region: PD should hear it at once (the leader
   * heartbeats the region), so that clients route to it.
   */
  void becameLeader(long regionId);
}

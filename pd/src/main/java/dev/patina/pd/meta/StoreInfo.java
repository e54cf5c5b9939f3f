package dev.patina.pd.meta;

import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;

/**
 * A store (a KV server) as PD knows it: its registered metadata, the statistics of its last
 * heartbeat (null before the first) and when that heartbeat came (0 before the first).
 */
public record StoreInfo(Metapb.Store meta, Pdpb.StoreStats stats, long lastHeartbeatMillis) {

  public long id() {
    return meta.getId();
  }

  public boolean isTombstone() {
    return meta.getState() == Metapb.StoreState.Tombstone;
  }

  /** The metadata as answered to clients: {@code last_heartbeat} in Unix nanoseconds, as PD. */
  public Metapb.Store metaForClients() {
    return lastHeartbeatMillis == 0
        ? meta
        : meta.toBuilder().setLastHeartbeat(lastHeartbeatMillis * 1_000_000L).build();
  }
}

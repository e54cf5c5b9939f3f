package dev.patina.kv.region;

import dev.patina.kv.proto.Metapb;

/**
 * metapb.RegionEpoch: {@code version} grows with every split (and merge), {@code confVer} with
 * every membership change. A request carries the epoch the client knows; a mismatch means its
 * routing information is stale.
 */
public record RegionEpoch(long confVer, long version) {
  /** TiKV's {@code INIT_EPOCH_CONF_VER} and {@code INIT_EPOCH_VER}. */
  public static final RegionEpoch INITIAL = new RegionEpoch(1, 1);

  public Metapb.RegionEpoch toProto() {
    return Metapb.RegionEpoch.newBuilder().setConfVer(confVer).setVersion(version).build();
  }

  public static RegionEpoch fromProto(Metapb.RegionEpoch e) {
    return new RegionEpoch(e.getConfVer(), e.getVersion());
  }

  /** TiKV's {@code is_epoch_stale}: either number is behind {@code other}'s. */
  public boolean isStaleComparedTo(RegionEpoch other) {
    return version < other.version || confVer < other.confVer;
  }

  /** As TiKV prints a RegionEpoch with {@code {:?}}. */
  @Override
  public String toString() {
    return "conf_ver: " + confVer + " version: " + version;
  }
}

package dev.patina.pd.meta;

import com.google.protobuf.ByteString;
import dev.patina.kv.proto.Metapb;

/** Builders for test regions and stores. */
final class Regions {
  private Regions() {}

  static ByteString key(String s) {
    return ByteString.copyFromUtf8(s);
  }

  static Metapb.Peer peer(long id, long store) {
    return Metapb.Peer.newBuilder().setId(id).setStoreId(store).build();
  }

  static Metapb.Region region(
      long id, String start, String end, long confVer, long version, Metapb.Peer... peers) {
    Metapb.Region.Builder b =
        Metapb.Region.newBuilder()
            .setId(id)
            .setStartKey(key(start))
            .setEndKey(key(end))
            .setRegionEpoch(
                Metapb.RegionEpoch.newBuilder().setConfVer(confVer).setVersion(version));
    for (Metapb.Peer p : peers) {
      b.addPeers(p);
    }
    return b.build();
  }

  static Metapb.Store store(long id, String address) {
    return Metapb.Store.newBuilder().setId(id).setAddress(address).setVersion("6.5.0").build();
  }
}

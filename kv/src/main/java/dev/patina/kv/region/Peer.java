package dev.patina.kv.region;

import dev.patina.kv.proto.Metapb;

/** metapb.Peer: one replica of a region, on one store. */
public record Peer(long id, long storeId) {

  public Metapb.Peer toProto() {
    return Metapb.Peer.newBuilder().setId(id).setStoreId(storeId).build();
  }

  public static Peer fromProto(Metapb.Peer p) {
    return new Peer(p.getId(), p.getStoreId());
  }

  @Override
  public String toString() {
    return "{id: " + id + ", store_id: " + storeId + "}";
  }
}

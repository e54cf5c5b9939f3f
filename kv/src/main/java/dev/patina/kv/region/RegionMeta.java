package dev.patina.kv.region;

import com.google.protobuf.ByteString;
import dev.patina.kv.Hex;
import dev.patina.kv.KeyRange;
import dev.patina.kv.proto.Metapb;
import java.util.Arrays;
import java.util.List;

/**
 * metapb.Region as a value: a region's id, its key range {@code [startKey, endKey)} in the storage
 * key space (an empty end is unbounded), its epoch and its peers. Bounds are compared with the keys
 * as the storage layer sees them: memcomparable-encoded for transactional and API V2 keys, plain
 * for API V1 raw keys, exactly as PD stores them.
 */
public record RegionMeta(
    long id, byte[] startKey, byte[] endKey, RegionEpoch epoch, List<Peer> peers) {

  public RegionMeta {
    startKey = startKey == null ? new byte[0] : startKey.clone();
    endKey = endKey == null ? new byte[0] : endKey.clone();
    peers = List.copyOf(peers);
  }

  @Override
  public byte[] startKey() {
    return startKey.clone();
  }

  @Override
  public byte[] endKey() {
    return endKey.clone();
  }

  /** The range for storage calls. */
  public KeyRange range() {
    return KeyRange.of(startKey, endKey);
  }

  /** Whether {@code key} (storage key space) lies in {@code [start, end)}. */
  public boolean contains(byte[] key) {
    return Arrays.compareUnsigned(key, startKey) >= 0
        && (endKey.length == 0 || Arrays.compareUnsigned(key, endKey) < 0);
  }

  /** The peer of this region on {@code storeId}, or null. */
  public Peer peerOn(long storeId) {
    for (Peer p : peers) {
      if (p.storeId() == storeId) {
        return p;
      }
    }
    return null;
  }

  public RegionMeta withRange(byte[] start, byte[] end) {
    return new RegionMeta(id, start, end, epoch, peers);
  }

  public RegionMeta withEpoch(RegionEpoch e) {
    return new RegionMeta(id, startKey, endKey, e, peers);
  }

  public Metapb.Region toProto() {
    Metapb.Region.Builder b =
        Metapb.Region.newBuilder()
            .setId(id)
            .setStartKey(ByteString.copyFrom(startKey))
            .setEndKey(ByteString.copyFrom(endKey))
            .setRegionEpoch(epoch.toProto());
    for (Peer p : peers) {
      b.addPeers(p.toProto());
    }
    return b.build();
  }

  public static RegionMeta fromProto(Metapb.Region r) {
    return new RegionMeta(
        r.getId(),
        r.getStartKey().toByteArray(),
        r.getEndKey().toByteArray(),
        RegionEpoch.fromProto(r.getRegionEpoch()),
        r.getPeersList().stream().map(Peer::fromProto).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegionMeta m
        && id == m.id
        && Arrays.equals(startKey, m.startKey)
        && Arrays.equals(endKey, m.endKey)
        && epoch.equals(m.epoch)
        && peers.equals(m.peers);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + epoch.hashCode();
  }

  @Override
  public String toString() {
    return "region "
        + id
        + " ["
        + Hex.key(startKey)
        + ", "
        + Hex.key(endKey)
        + ") {"
        + epoch
        + "} peers "
        + peers;
  }
}

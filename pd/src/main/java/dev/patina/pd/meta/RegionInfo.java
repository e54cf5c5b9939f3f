package dev.patina.pd.meta;

import com.google.protobuf.ByteString;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;
import java.util.List;

/**
 * What PD knows of one region: its metadata (key range, epoch, peers), the leader last reported,
 * and the statistics of its last heartbeat. The unit of routing, and later of Raft replication.
 *
 * <p>Keys are opaque bytes compared unsigned: PD never decodes them (clients send
 * memcomparable-encoded keys in transactional mode, plain keys in raw mode).
 *
 * @param leader the leader peer, or the default (id 0) instance when none is known
 */
public record RegionInfo(
    Metapb.Region meta,
    Metapb.Peer leader,
    List<Pdpb.PeerStats> downPeers,
    List<Metapb.Peer> pendingPeers,
    long approximateSize,
    long approximateKeys,
    long term) {

  public RegionInfo {
    downPeers = List.copyOf(downPeers);
    pendingPeers = List.copyOf(pendingPeers);
    if (leader == null) {
      leader = Metapb.Peer.getDefaultInstance();
    }
  }

  /** Metadata and leader only (as loaded from storage, or learned from a split report). */
  public static RegionInfo of(Metapb.Region meta, Metapb.Peer leader) {
    return new RegionInfo(meta, leader, List.of(), List.of(), 0, 0, 0);
  }

  public long id() {
    return meta.getId();
  }

  public ByteString startKey() {
    return meta.getStartKey();
  }

  /** The exclusive end; empty means +infinity. */
  public ByteString endKey() {
    return meta.getEndKey();
  }

  public long version() {
    return meta.getRegionEpoch().getVersion();
  }

  public long confVer() {
    return meta.getRegionEpoch().getConfVer();
  }

  public boolean hasLeader() {
    return leader.getId() != 0;
  }

  /** Whether {@code key} lies in [start, end). */
  public boolean contains(ByteString key) {
    return KeyOrder.compare(startKey(), key) <= 0
        && (endKey().isEmpty() || KeyOrder.compare(key, endKey()) < 0);
  }

  public RegionInfo withLeader(Metapb.Peer newLeader) {
    return new RegionInfo(
        meta, newLeader, downPeers, pendingPeers, approximateSize, approximateKeys, term);
  }

  /** The form PD persists and answers ScanRegions with. */
  public Pdpb.Region toProto() {
    return Pdpb.Region.newBuilder()
        .setRegion(meta)
        .setLeader(leader)
        .addAllDownPeers(downPeers)
        .addAllPendingPeers(pendingPeers)
        .build();
  }

  /** The persisted form: metadata and leader (statistics come back with the next heartbeat). */
  public Pdpb.Region toStored() {
    return Pdpb.Region.newBuilder().setRegion(meta).setLeader(leader).build();
  }
}

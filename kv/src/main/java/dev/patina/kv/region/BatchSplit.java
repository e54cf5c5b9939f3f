package dev.patina.kv.region;

import dev.patina.kv.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TiKV's batch split ({@code exec_batch_split}, right-derived): splitting a region at {@code k1 <
 * ... < kn} makes {@code n} new regions {@code [start, k1) ... [kn-1, kn)} with the ids PD handed
 * out, and the region itself keeps {@code [kn, end)}. Every resulting region gets version {@code
 * version + n}; conf_ver and peers carry over (with the new peer ids).
 */
public final class BatchSplit {
  private BatchSplit() {}

  /** PD's ids for one new region: its id and one peer id per peer of the parent. */
  public record NewIds(long regionId, List<Long> peerIds) {
    public NewIds {
      peerIds = List.copyOf(peerIds);
    }
  }

  /**
   * TiKV's {@code validate_split_region}: keys present, none empty, all strictly inside the region,
   * and the epoch's version current.
   *
   * @throws RegionException EpochNotMatch, KeyNotInRegion, or a message-only error
   */
  public static void validate(RegionMeta region, RegionEpoch requested, List<byte[]> keys) {
    String who = "[region " + region.id() + "] " + selfPeerId(region);
    if (keys.isEmpty()) {
      throw new RegionException(new RegionError.Other(who + " no split key is specified."));
    }
    if (requested != null && requested.version() != region.epoch().version()) {
      throw new RegionException(
          new RegionError.EpochNotMatch(
              who + " epoch changed " + region.epoch() + " != " + requested + ", retry later",
              List.of(region)));
    }
    for (byte[] k : keys) {
      if (k.length == 0) {
        throw new RegionException(new RegionError.Other(who + " split key should not be empty"));
      }
      if (!region.contains(k)) {
        throw new RegionException(new RegionError.KeyNotInRegion(k, region));
      }
    }
  }

  private static long selfPeerId(RegionMeta region) {
    return region.peers().isEmpty() ? 0 : region.peers().getFirst().id();
  }

  /**
   * The regions after splitting {@code region} at {@code keys} (sorted, distinct, strictly inside
   * the region, as {@link #validate} and {@link #normalize} make them), in key order; the last one
   * is the region itself.
   */
  public static List<RegionMeta> apply(RegionMeta region, List<byte[]> keys, List<NewIds> ids) {
    if (keys.isEmpty() || keys.size() != ids.size()) {
      throw new IllegalArgumentException(keys.size() + " split keys, " + ids.size() + " id sets");
    }
    byte[] prev = region.startKey();
    for (int i = 0; i < keys.size(); i++) {
      byte[] k = keys.get(i);
      if (Arrays.compareUnsigned(k, prev) <= 0 || !region.contains(k)) {
        throw new IllegalArgumentException("invalid split key " + Hex.key(k) + " in " + region);
      }
      prev = k;
    }
    RegionEpoch epoch =
        new RegionEpoch(region.epoch().confVer(), region.epoch().version() + keys.size());
    List<RegionMeta> out = new ArrayList<>(keys.size() + 1);
    byte[] start = region.startKey();
    for (int i = 0; i < keys.size(); i++) {
      NewIds id = ids.get(i);
      if (id.peerIds().size() != region.peers().size()) {
        throw new IllegalArgumentException(
            "invalid new peer id count, need "
                + region.peers().size()
                + ", but got "
                + id.peerIds().size());
      }
      List<Peer> peers = new ArrayList<>();
      for (int p = 0; p < region.peers().size(); p++) {
        peers.add(new Peer(id.peerIds().get(p), region.peers().get(p).storeId()));
      }
      out.add(new RegionMeta(id.regionId(), start, keys.get(i), epoch, peers));
      start = keys.get(i);
    }
    out.add(new RegionMeta(region.id(), start, region.endKey(), epoch, region.peers()));
    return out;
  }

  /** Sorted, without duplicates, and without keys equal to the region's start. */
  public static List<byte[]> normalize(RegionMeta region, List<byte[]> keys) {
    List<byte[]> sorted = new ArrayList<>(keys);
    sorted.sort(Arrays::compareUnsigned);
    List<byte[]> out = new ArrayList<>();
    byte[] start = region.startKey();
    for (byte[] k : sorted) {
      if (Arrays.equals(k, start)) {
        continue;
      }
      if (!out.isEmpty() && Arrays.equals(out.getLast(), k)) {
        continue;
      }
      out.add(k);
    }
    return out;
  }
}

package dev.patina.kv.region;

import dev.patina.kv.engine.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The regions of one store, by id and by key, and the checks a request passes before it runs
 * (TiKV's {@code pre_propose_raft_command}): the region must be here, the request meant for this
 * store and this peer, and its epoch current. Region metas change only through {@link #applySplit},
 * which persists the new metas atomically before publishing them.
 */
public final class RegionRouter {
  /** TiKV's {@code MAX_REGIONS_IN_ERROR}. */
  static final int MAX_REGIONS_IN_ERROR = 10;

  private final long storeId;
  private final RegionMetaStore metaStore;
  private final Map<Long, Region> byId = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<byte[], Region> byStart =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  private final Object writeLock = new Object();

  public RegionRouter(long storeId, RegionMetaStore metaStore, Collection<RegionMeta> regions) {
    this.storeId = storeId;
    this.metaStore = metaStore;
    for (RegionMeta m : regions) {
      Region r = new Region(m);
      byId.put(m.id(), r);
      byStart.put(m.startKey(), r);
    }
  }

  public long storeId() {
    return storeId;
  }

  public Region get(long regionId) {
    return byId.get(regionId);
  }

  /** The region holding {@code key} (storage key space), or null. */
  public Region byKey(byte[] key) {
    Map.Entry<byte[], Region> e = byStart.floorEntry(key);
    if (e == null) {
      return null;
    }
    Region r = e.getValue();
    return r.meta().contains(key) ? r : null;
  }

  /** Every region, in key order. */
  public List<Region> all() {
    return new ArrayList<>(byStart.values());
  }

  public int size() {
    return byId.size();
  }

  /**
   * The region a request names, after TiKV's checks in TiKV's order.
   *
   * @param regionId the context's region id
   * @param requestStoreId the store of the context's peer
   * @param requestPeerId the context's peer id
   * @param epoch the context's epoch, or null when the request carries none
   * @throws RegionException RegionNotFound, StoreNotMatch, a peer mismatch, a missing epoch, or
   *     EpochNotMatch (with the region and its split siblings)
   */
  public Region check(long regionId, long requestStoreId, long requestPeerId, RegionEpoch epoch) {
    Region r = byId.get(regionId);
    if (r == null) {
      throw new RegionException(new RegionError.RegionNotFound(regionId));
    }
    if (requestStoreId != storeId) {
      throw new RegionException(new RegionError.StoreNotMatch(requestStoreId, storeId));
    }
    RegionMeta m = r.meta();
    Peer self = m.peerOn(storeId);
    if (self == null) {
      throw new RegionException(new RegionError.RegionNotFound(regionId));
    }
    if (requestPeerId != self.id()) {
      throw new RegionException(
          new RegionError.Other("mismatch peer id " + requestPeerId + " != " + self.id()));
    }
    if (epoch == null) {
      throw new RegionException(new RegionError.Other("missing epoch!"));
    }
    if (epoch.version() != m.epoch().version()) {
      throw new RegionException(epochNotMatch(m, epoch));
    }
    return r;
  }

  /** TiKV's EpochNotMatch with the regions split off since the requested version. */
  RegionError.EpochNotMatch epochNotMatch(RegionMeta m, RegionEpoch sent) {
    List<RegionMeta> regions = new ArrayList<>();
    regions.add(m);
    collectSiblings(m, sent.version(), regions);
    return new RegionError.EpochNotMatch(
        "current epoch of region " + m.id() + " is " + m.epoch() + ", but you sent " + sent,
        regions);
  }

  /**
   * TiKV's {@code collect_sibling_region} (right-derived splits): the regions to the left that may
   * have been split off since {@code requestedVersion}.
   */
  private void collectSiblings(RegionMeta m, long requestedVersion, List<RegionMeta> out) {
    long maxVersion = m.epoch().version();
    if (requestedVersion >= maxVersion) {
      return;
    }
    long collect = maxVersion - requestedVersion;
    byte[] anchor = m.startKey();
    for (int i = 0; i < MAX_REGIONS_IN_ERROR; i++) {
      if (anchor.length == 0) {
        return;
      }
      Map.Entry<byte[], Region> e = byStart.lowerEntry(anchor);
      if (e == null) {
        return;
      }
      RegionMeta r = e.getValue().meta();
      collect--;
      if (r.epoch().version() >= maxVersion) {
        collect += r.epoch().version() - maxVersion;
        maxVersion = r.epoch().version();
      }
      out.add(r);
      if (collect <= 0) {
        return;
      }
      anchor = r.startKey();
    }
  }

  /**
   * Applies a region meta from the region's Raft log (a membership change; the range is unchanged):
   * stores it atomically with {@code alsoWrite}, then serves the region with it. A store that had
   * no peer of the region yet starts serving it here.
   */
  public void applyMeta(RegionMeta meta, Batch alsoWrite) {
    synchronized (writeLock) {
      Region r = byId.get(meta.id());
      if (r != null && !Arrays.equals(r.meta().startKey(), meta.startKey())) {
        throw new IllegalStateException(
            "region " + meta.id() + " changed range outside a split: " + r.meta() + " -> " + meta);
      }
      metaStore.write(List.of(meta), alsoWrite);
      if (r == null) {
        r = new Region(meta);
        byId.put(meta.id(), r);
        byStart.put(meta.startKey(), r);
      } else {
        r.setMeta(meta);
      }
    }
  }

  /**
   * Applies a split: {@code result} (from {@link BatchSplit#apply}) replaces {@code parent}. The
   * new metas are written atomically, then published. Refused when the parent changed meanwhile.
   *
   * @return the regions of {@code result}, in key order
   */
  public List<Region> applySplit(RegionMeta parent, List<RegionMeta> result) {
    synchronized (writeLock) {
      Region r = byId.get(parent.id());
      if (r == null) {
        throw new RegionException(new RegionError.RegionNotFound(parent.id()));
      }
      if (!r.meta().equals(parent)) {
        throw new RegionException(epochNotMatch(r.meta(), parent.epoch()));
      }
      metaStore.write(result);
      List<Region> out = new ArrayList<>(result.size());
      for (RegionMeta m : result) {
        Region target;
        if (m.id() == parent.id()) {
          // Last in key order: the new regions already took over the parent's old start.
          target = r;
          r.setMeta(m);
          r.checked(-1, -1);
        } else {
          target = new Region(m);
          byId.put(m.id(), target);
        }
        byStart.put(m.startKey(), target);
        out.add(target);
      }
      return out;
    }
  }
}

package dev.patina.kv.region;

import dev.patina.kv.Hex;
import java.util.List;

/**
 * TiKV's region errors (errorpb.Error): why a request could not run on the region it named. The
 * client reacts to each kind: it refreshes its region cache, picks another store, backs off, or
 * re-splits its keys by region. {@link #message()} is TiKV's text for the error.
 */
public sealed interface RegionError {

  String message();

  /** The store holds no peer of the region ({@code region_not_found}). */
  record RegionNotFound(long regionId) implements RegionError {
    @Override
    public String message() {
      return "region " + regionId + " not found";
    }
  }

  /** This peer does not lead the region ({@code not_leader}); {@code leader} may be null. */
  record NotLeader(long regionId, Peer leader) implements RegionError {
    @Override
    public String message() {
      return "peer is not leader for region "
          + regionId
          + ", leader may "
          + (leader == null
              ? "None"
              : "Some(id: " + leader.id() + " store_id: " + leader.storeId() + ")");
    }
  }

  /** The request was meant for another store ({@code store_not_match}). */
  record StoreNotMatch(long requestStoreId, long actualStoreId) implements RegionError {
    @Override
    public String message() {
      return "to store id " + requestStoreId + ", mine " + actualStoreId;
    }
  }

  /** A key of the request lies outside the region ({@code key_not_in_region}). */
  record KeyNotInRegion(byte[] key, RegionMeta region) implements RegionError {
    @Override
    public String message() {
      return "key "
          + Hex.key(key)
          + " is not in region key range ["
          + Hex.key(region.startKey())
          + ", "
          + Hex.key(region.endKey())
          + ") for region "
          + region.id();
    }
  }

  /**
   * The request's epoch is not the region's ({@code epoch_not_match}); {@code currentRegions} are
   * the region as it is now and the regions split from it, so the client can update its cache.
   */
  record EpochNotMatch(String detail, List<RegionMeta> currentRegions) implements RegionError {
    public EpochNotMatch {
      currentRegions = List.copyOf(currentRegions);
    }

    @Override
    public String message() {
      return "EpochNotMatch " + detail;
    }
  }

  /** The store is overloaded; the client backs off and retries ({@code server_is_busy}). */
  record ServerIsBusy(String reason, long backoffMs) implements RegionError {
    @Override
    public String message() {
      return "server is busy: " + reason;
    }
  }

  /** A write larger than one Raft entry may be ({@code raft_entry_too_large}). */
  record RaftEntryTooLarge(long regionId, long entrySize) implements RegionError {
    @Override
    public String message() {
      return "raft entry is too large, region " + regionId + ", entry size " + entrySize;
    }
  }

  /** Any other region-level refusal: only a message (for example {@code missing epoch!}). */
  record Other(String message) implements RegionError {}
}

package dev.patina.pd.meta;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;
import dev.patina.pd.PdException;
import dev.patina.pd.StorageException;
import dev.patina.pd.storage.Backend;
import dev.patina.pd.storage.Keys;
import dev.patina.pd.storage.WriteBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster PD manages (PD's RaftCluster): whether it is bootstrapped, its stores and its
 * regions, and the bookkeeping of region splits.
 *
 * <p>Durability: bootstrap, store registrations and every change of a region's range, epoch, peers
 * or leader are written (synced, atomically per request) before the call returns; heartbeat
 * statistics live in memory only and come back with the next heartbeats, as in PD.
 */
public final class Cluster {
  private static final Logger log = LoggerFactory.getLogger(Cluster.class);

  /** Most new regions one AskBatchSplit may ask for. */
  public static final int MAX_SPLIT_COUNT = 1000;

  private final Backend backend;
  private final IdAllocator ids;
  private final long clusterId;
  private final int maxReplicas;
  private final LongSupplier clock;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private Metapb.Cluster config;
  private final Map<Long, StoreInfo> stores = new TreeMap<>();
  private final RegionTree regions = new RegionTree();

  /**
   * Loads what is stored.
   *
   * @param maxReplicas the replica count recorded at bootstrap (PD's replication.max-replicas)
   * @param clock wall-clock milliseconds
   */
  public Cluster(
      Backend backend, IdAllocator ids, long clusterId, int maxReplicas, LongSupplier clock) {
    this.backend = backend;
    this.ids = ids;
    this.clusterId = clusterId;
    this.maxReplicas = maxReplicas;
    this.clock = clock;
    load();
  }

  private void load() {
    byte[] c = backend.get(Keys.CLUSTER);
    if (c != null) {
      config = parse(c, "cluster", () -> Metapb.Cluster.parser());
    }
    backend.scan(
        Keys.STORE_PREFIX,
        (k, v) -> {
          Metapb.Store s = parse(v, "store", () -> Metapb.Store.parser());
          stores.put(s.getId(), new StoreInfo(s, null, 0));
        });
    long started = System.nanoTime();
    long[] lastReport = {started};
    backend.scan(
        Keys.REGION_PREFIX,
        (k, v) -> {
          Pdpb.Region r = parse(v, "region", () -> Pdpb.Region.parser());
          regions.put(RegionInfo.of(r.getRegion(), r.getLeader()));
          long now = System.nanoTime();
          if (now - lastReport[0] > 2_000_000_000L) {
            log.info("loading regions: {} so far", regions.size());
            lastReport[0] = now;
          }
        });
    if (config != null) {
      log.info(
          "cluster {} loaded: {} stores, {} regions in {} ms",
          clusterId,
          stores.size(),
          regions.size(),
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  private static <T> T parse(
      byte[] bytes, String what, Supplier<com.google.protobuf.Parser<T>> parser) {
    try {
      return parser.get().parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("corrupt " + what + " record: " + e.getMessage(), e);
    }
  }

  // ---- bootstrap ---------------------------------------------------------------------------

  public boolean isBootstrapped() {
    lock.readLock().lock();
    try {
      return config != null;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Throws NOT_BOOTSTRAPPED unless the cluster is bootstrapped. */
  public void requireBootstrapped() {
    if (!isBootstrapped()) {
      throw PdException.notBootstrapped();
    }
  }

  /**
   * Bootstraps the cluster with its first store and first region (the whole key space, one peer on
   * that store), with PD's checks.
   */
  public void bootstrap(Metapb.Store store, Metapb.Region region) {
    if (store == null) {
      throw PdException.invalid("missing store meta for bootstrap " + clusterId);
    }
    if (store.getId() == 0) {
      throw PdException.invalid("invalid zero store id");
    }
    if (store.getAddress().isEmpty()) {
      throw PdException.invalid("store " + store.getId() + " has an empty address");
    }
    if (region == null) {
      throw PdException.invalid("missing region meta for bootstrap " + clusterId);
    }
    if (region.getId() == 0) {
      throw PdException.invalid("invalid zero region id");
    }
    if (!region.getStartKey().isEmpty()) {
      throw PdException.invalid(
          "invalid start key " + Describe.key(region.getStartKey()) + ", must be empty");
    }
    if (!region.getEndKey().isEmpty()) {
      throw PdException.invalid(
          "invalid end key " + Describe.key(region.getEndKey()) + ", must be empty");
    }
    if (region.getPeersCount() != 1) {
      throw PdException.invalid(
          "invalid first region peer count " + region.getPeersCount() + ", must be 1");
    }
    Metapb.Peer peer = region.getPeers(0);
    if (peer.getStoreId() != store.getId()) {
      throw PdException.invalid(
          "invalid peer store id " + peer.getStoreId() + " != " + store.getId() + " for bootstrap");
    }
    if (peer.getId() == 0) {
      throw PdException.invalid("invalid zero peer id");
    }
    lock.writeLock().lock();
    try {
      if (config != null) {
        throw new PdException(
            Pdpb.ErrorType.ALREADY_BOOTSTRAPPED, "cluster is already bootstrapped");
      }
      Metapb.Cluster c =
          Metapb.Cluster.newBuilder().setId(clusterId).setMaxPeerCount(maxReplicas).build();
      Metapb.Store s = newStore(store);
      RegionInfo r = RegionInfo.of(region, peer);
      backend.write(
          new WriteBatch()
              .put(Keys.CLUSTER, c.toByteArray())
              .put(Keys.store(s.getId()), s.toByteArray())
              .put(Keys.region(r.id()), r.toStored().toByteArray()));
      config = c;
      stores.put(s.getId(), new StoreInfo(s, null, 0));
      regions.put(r);
      log.info(
          "cluster {} bootstrapped: store {} at {}, region {}",
          clusterId,
          s.getId(),
          s.getAddress(),
          r.id());
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static Metapb.Store newStore(Metapb.Store s) {
    return s.toBuilder()
        .setState(Metapb.StoreState.Up)
        .setNodeState(Metapb.NodeState.Serving)
        .clearLastHeartbeat()
        .build();
  }

  public Metapb.Cluster config() {
    lock.readLock().lock();
    try {
      if (config == null) {
        throw PdException.notBootstrapped();
      }
      return config;
    } finally {
      lock.readLock().unlock();
    }
  }

  public void putConfig(Metapb.Cluster c) {
    if (c.getId() != clusterId) {
      throw PdException.invalid(
          "invalid cluster " + c.getId() + ", mismatch cluster id " + clusterId);
    }
    lock.writeLock().lock();
    try {
      if (config == null) {
        throw PdException.notBootstrapped();
      }
      backend.put(Keys.CLUSTER, c.toByteArray());
      config = c;
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---- stores ------------------------------------------------------------------------------

  /**
   * Registers a store or updates its address, version and labels (its state is PD's to keep).
   * Refuses a removed (tombstone) store and an address that another store already uses.
   */
  public void putStore(Metapb.Store store) {
    if (store.getId() == 0) {
      throw PdException.invalid("invalid put store: store id is 0");
    }
    if (store.getAddress().isEmpty()) {
      throw PdException.invalid("invalid put store " + store.getId() + ": empty address");
    }
    lock.writeLock().lock();
    try {
      if (config == null) {
        throw PdException.notBootstrapped();
      }
      StoreInfo existing = stores.get(store.getId());
      if (existing != null && existing.isTombstone()) {
        throw new PdException(
            Pdpb.ErrorType.STORE_TOMBSTONE, "store " + store.getId() + " has been removed");
      }
      for (StoreInfo other : stores.values()) {
        if (!other.isTombstone()
            && other.id() != store.getId()
            && other.meta().getAddress().equals(store.getAddress())) {
          throw PdException.invalid(
              "duplicated store address: "
                  + store.getAddress()
                  + ", already registered by store "
                  + other.id());
        }
      }
      Metapb.Store merged =
          existing == null
              ? newStore(store)
              : existing.meta().toBuilder()
                  .setAddress(store.getAddress())
                  .setStatusAddress(store.getStatusAddress())
                  .setPeerAddress(store.getPeerAddress())
                  .setVersion(store.getVersion())
                  .setGitHash(store.getGitHash())
                  .setStartTimestamp(store.getStartTimestamp())
                  .setDeployPath(store.getDeployPath())
                  .clearLabels()
                  .addAllLabels(store.getLabelsList())
                  .build();
      backend.put(Keys.store(merged.getId()), merged.toByteArray());
      stores.put(
          merged.getId(),
          existing == null
              ? new StoreInfo(merged, null, 0)
              : new StoreInfo(merged, existing.stats(), existing.lastHeartbeatMillis()));
      if (existing == null) {
        log.info("store {} registered at {}", merged.getId(), merged.getAddress());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  public StoreInfo store(long id) {
    lock.readLock().lock();
    try {
      if (config == null) {
        throw PdException.notBootstrapped();
      }
      StoreInfo s = stores.get(id);
      if (s == null) {
        throw PdException.invalid("invalid store ID " + id + ", not found");
      }
      return s;
    } finally {
      lock.readLock().unlock();
    }
  }

  public List<StoreInfo> stores(boolean excludeTombstone) {
    lock.readLock().lock();
    try {
      if (config == null) {
        throw PdException.notBootstrapped();
      }
      List<StoreInfo> out = new ArrayList<>();
      for (StoreInfo s : stores.values()) {
        if (!(excludeTombstone && s.isTombstone())) {
          out.add(s);
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Records a store's heartbeat (statistics in memory). */
  public void storeHeartbeat(Pdpb.StoreStats stats) {
    long id = stats.getStoreId();
    lock.writeLock().lock();
    try {
      if (config == null) {
        throw PdException.notBootstrapped();
      }
      StoreInfo s = stores.get(id);
      if (s == null) {
        throw PdException.invalid("store " + id + " not found");
      }
      if (s.isTombstone()) {
        throw new PdException(Pdpb.ErrorType.STORE_TOMBSTONE, "store " + id + " is tombstone");
      }
      stores.put(id, new StoreInfo(s.meta(), stats, clock.getAsLong()));
    } finally {
      lock.writeLock().unlock();
    }
  }

  public int storeCount() {
    lock.readLock().lock();
    try {
      return stores.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- regions -----------------------------------------------------------------------------

  /** The region holding {@code key}, or null. */
  public RegionInfo regionByKey(ByteString key) {
    return read(() -> regions.search(key));
  }

  /** The region adjacent before the one holding {@code key}, or null. */
  public RegionInfo prevRegion(ByteString key) {
    return read(() -> regions.searchPrev(key));
  }

  public RegionInfo regionById(long id) {
    return read(() -> regions.byId(id));
  }

  /** See {@link RegionTree#scan}. */
  public List<RegionInfo> scanRegions(ByteString start, ByteString end, int limit) {
    return read(() -> regions.scan(start, end, limit));
  }

  public int regionCount() {
    lock.readLock().lock();
    try {
      return regions.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T read(Supplier<T> f) {
    lock.readLock().lock();
    try {
      if (config == null) {
        throw PdException.notBootstrapped();
      }
      return f.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Takes in a leader's heartbeat: refuses it if stale (PD's rules, see {@link
   * RegionTree#checkNotStale}); otherwise the region replaces the regions it overlaps. Changes of
   * range, epoch, peers or leader are stored before returning.
   */
  public void regionHeartbeat(RegionInfo r) {
    validate(r.meta(), "region heartbeat");
    if (!r.hasLeader()) {
      throw PdException.invalid("invalid request leader: region " + r.id() + " reports none");
    }
    if (!r.meta().getPeersList().contains(r.leader())) {
      throw PdException.invalid(
          "invalid request leader: peer "
              + r.leader().getId()
              + " on store "
              + r.leader().getStoreId()
              + " is not a peer of region "
              + Describe.region(r.meta()));
    }
    lock.writeLock().lock();
    try {
      if (config == null) {
        throw PdException.notBootstrapped();
      }
      regions.checkNotStale(r);
      RegionInfo origin = regions.byId(r.id());
      if (origin != null && origin.meta().equals(r.meta()) && origin.leader().equals(r.leader())) {
        regions.replaceSameRange(r);
        return;
      }
      persistAndPut(List.of(r));
      if (origin == null || !origin.meta().getRegionEpoch().equals(r.meta().getRegionEpoch())) {
        log.debug("region {} updated by heartbeat", Describe.region(r.meta()));
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Stores regions that passed the staleness check and puts them in the tree (lock held). */
  private void persistAndPut(List<RegionInfo> accepted) {
    WriteBatch batch = new WriteBatch();
    Set<Long> kept = new HashSet<>();
    for (RegionInfo r : accepted) {
      kept.add(r.id());
      batch.put(Keys.region(r.id()), r.toStored().toByteArray());
    }
    for (RegionInfo r : accepted) {
      for (RegionInfo gone : regions.displacedBy(r)) {
        if (!kept.contains(gone.id())) {
          batch.delete(Keys.region(gone.id()));
        }
      }
    }
    backend.write(batch);
    for (RegionInfo r : accepted) {
      regions.put(r);
    }
  }

  private static void validate(Metapb.Region meta, String what) {
    if (meta.getId() == 0) {
      throw PdException.invalid("invalid " + what + ": region id is 0");
    }
    if (!meta.hasRegionEpoch()) {
      throw PdException.invalid("invalid " + what + ": region " + meta.getId() + " has no epoch");
    }
    if (!meta.getEndKey().isEmpty()
        && KeyOrder.compare(meta.getStartKey(), meta.getEndKey()) >= 0) {
      throw PdException.invalid(
          "invalid " + what + ": region " + Describe.region(meta) + " has start key >= end key");
    }
    if (meta.getPeersCount() == 0) {
      throw PdException.invalid("invalid " + what + ": region " + meta.getId() + " has no peers");
    }
  }

  /**
   * Ids for {@code count} new regions split from {@code region}: per new region, a region id and
   * one peer id per peer of {@code region}. Refused when PD knows a newer epoch of the region.
   */
  public List<Pdpb.SplitID> askBatchSplit(Metapb.Region region, int count) {
    if (region == null || region.getId() == 0) {
      throw PdException.invalid("missing region for split");
    }
    if (!region.hasRegionEpoch()) {
      throw PdException.invalid("missing region epoch for split of region " + region.getId());
    }
    if (count < 1 || count > MAX_SPLIT_COUNT) {
      throw PdException.invalid(
          "invalid split count " + count + ", must be between 1 and " + MAX_SPLIT_COUNT);
    }
    lock.readLock().lock();
    try {
      if (config == null) {
        throw PdException.notBootstrapped();
      }
      RegionInfo current = regions.search(region.getStartKey());
      if (current == null) {
        throw PdException.invalid("region not found, request region: " + Describe.region(region));
      }
      Metapb.RegionEpoch req = region.getRegionEpoch();
      Metapb.RegionEpoch cur = current.meta().getRegionEpoch();
      if (req.getVersion() < cur.getVersion() || req.getConfVer() < cur.getConfVer()) {
        throw PdException.invalid(
            "invalid region epoch, request: {conf_ver: "
                + req.getConfVer()
                + ", version: "
                + req.getVersion()
                + "}, current: {conf_ver: "
                + cur.getConfVer()
                + ", version: "
                + cur.getVersion()
                + "}");
      }
    } finally {
      lock.readLock().unlock();
    }
    List<Pdpb.SplitID> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Pdpb.SplitID.Builder id = Pdpb.SplitID.newBuilder().setNewRegionId(ids.alloc());
      for (int p = 0; p < region.getPeersCount(); p++) {
        id.addNewPeerIds(ids.alloc());
      }
      out.add(id.build());
    }
    return out;
  }

  /**
   * Takes in the regions a split produced (contiguous, in key order). Regions that PD already knows
   * in a newer form are skipped; the others replace what they overlap. A new region's leader is its
   * peer on the store that led the region it came from.
   */
  public void reportBatchSplit(List<Metapb.Region> split) {
    if (split.size() < 2) {
      throw PdException.invalid(
          "invalid split region: " + split.size() + " regions reported, at least 2 expected");
    }
    for (int i = 0; i < split.size(); i++) {
      validate(split.get(i), "split report");
      if (i + 1 < split.size()
          && !split.get(i).getEndKey().equals(split.get(i + 1).getStartKey())) {
        throw PdException.invalid(
            "invalid split region: "
                + Describe.region(split.get(i))
                + " does not end where "
                + Describe.region(split.get(i + 1))
                + " starts");
      }
    }
    lock.writeLock().lock();
    try {
      if (config == null) {
        throw PdException.notBootstrapped();
      }
      List<RegionInfo> accepted = new ArrayList<>();
      for (Metapb.Region meta : split) {
        RegionInfo r = RegionInfo.of(meta, leaderAfterSplit(meta));
        try {
          regions.checkNotStale(r);
          accepted.add(r);
        } catch (PdException stale) {
          log.debug("split report: {}", stale.getMessage());
        }
      }
      persistAndPut(accepted);
      log.info(
          "split reported: {} regions {} .. {}",
          split.size(),
          Describe.key(split.getFirst().getStartKey()),
          Describe.key(split.getLast().getEndKey()));
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Metapb.Peer leaderAfterSplit(Metapb.Region meta) {
    RegionInfo same = regions.byId(meta.getId());
    if (same != null && same.hasLeader() && meta.getPeersList().contains(same.leader())) {
      return same.leader();
    }
    RegionInfo parent = regions.search(meta.getStartKey());
    if (parent != null && parent.hasLeader()) {
      for (Metapb.Peer p : meta.getPeersList()) {
        if (p.getStoreId() == parent.leader().getStoreId()) {
          return p;
        }
      }
    }
    return null;
  }
}

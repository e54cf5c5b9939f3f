package dev.patina.kv.server;

import dev.patina.kv.pd.PdClient;
import dev.patina.kv.pd.PdException;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;
import dev.patina.kv.region.BatchSplit;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionEpoch;
import dev.patina.kv.region.RegionError;
import dev.patina.kv.region.RegionException;
import dev.patina.kv.region.RegionMeta;
import dev.patina.kv.region.RegionRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TiKV's split path, for automatic (size/keys) and requested (SplitRegion) splits alike: PD hands
 * out ids ({@code AskBatchSplit}), the split is applied atomically (new region metas written to the
 * {@code raft} column family, data untouched), PD learns the result ({@code ReportBatchSplit}) and
 * every resulting region is heartbeated. Splits run one at a time.
 */
final class RegionSplitter {
  private static final Logger log = LoggerFactory.getLogger(RegionSplitter.class);

  private final RegionRouter router;
  private final PdClient pd;
  private final KvMetrics metrics;
  private final Consumer<Region> heartbeat;
  private final Object lock = new Object();
  // Splits do not go through the Raft log yet: a replicated region refuses them.
  private final boolean replicated;

  RegionSplitter(
      RegionRouter router,
      PdClient pd,
      KvMetrics metrics,
      Consumer<Region> heartbeat,
      boolean replicated) {
    this.replicated = replicated;
    this.router = router;
    this.pd = pd;
    this.metrics = metrics;
    this.heartbeat = heartbeat;
  }

  /**
   * Splits {@code region} at {@code keys} (storage key space).
   *
   * @param requested the epoch the requester saw, or null to split the current region
   * @return the resulting regions, in key order
   * @throws RegionException when the keys or the epoch are refused, or PD cannot be reached
   */
  List<RegionMeta> split(Region region, RegionEpoch requested, List<byte[]> keys, String source) {
    if (replicated) {
      throw new RegionException(
          new RegionError.Other(
              "region "
                  + region.id()
                  + ": splits of replicated regions are not supported yet (no split through the"
                  + " Raft log)"));
    }
    synchronized (lock) {
      RegionMeta meta = region.meta();
      if (router.get(meta.id()) != region) {
        throw new RegionException(new RegionError.RegionNotFound(meta.id()));
      }
      BatchSplit.validate(meta, requested, keys);
      List<byte[]> sorted = BatchSplit.normalize(meta, keys);
      BatchSplit.validate(meta, null, sorted);
      List<Pdpb.SplitID> ids;
      try {
        ids = pd.askBatchSplit(meta.toProto(), sorted.size());
      } catch (PdException e) {
        throw new RegionException(
            new RegionError.Other(
                "[region " + meta.id() + "] ask split failed: " + e.getMessage()));
      }
      List<BatchSplit.NewIds> newIds = new ArrayList<>();
      for (Pdpb.SplitID id : ids) {
        newIds.add(new BatchSplit.NewIds(id.getNewRegionId(), id.getNewPeerIdsList()));
      }
      List<RegionMeta> result = BatchSplit.apply(meta, sorted, newIds);
      List<Region> regions = router.applySplit(meta, result);
      metrics.splits.labelValues(source).inc();
      log.info("split {} into {} regions ({})", meta, result.size(), source);
      List<Metapb.Region> report = new ArrayList<>();
      for (RegionMeta m : result) {
        report.add(m.toProto());
      }
      try {
        pd.reportBatchSplit(report);
      } catch (PdException e) {
        // PD learns the new regions from their heartbeats (as with TiKV when the report is lost).
        log.warn("report of the split of region {} to PD failed: {}", meta.id(), e.getMessage());
      }
      for (Region r : regions) {
        heartbeat.accept(r);
      }
      return result;
    }
  }
}

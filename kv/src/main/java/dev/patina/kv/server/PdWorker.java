package dev.patina.kv.server;

import dev.patina.kv.ApiVersion;
import dev.patina.kv.GcResult;
import dev.patina.kv.Storage;
import dev.patina.kv.pd.PdClient;
import dev.patina.kv.pd.PdException;
import dev.patina.kv.proto.Pdpb;
import dev.patina.kv.region.Peer;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionMeta;
import dev.patina.kv.region.RegionRouter;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's periodic work with PD (TiKV's {@code pd_worker} and {@code gc_worker}): store
 * heartbeats, region heartbeats (periodically, and at once when a region changes), and MVCC GC
 * driven by PD's GC safe point. When PD comes back after being unreachable, every region is
 * heartbeated again so that PD catches up with splits it missed.
 */
final class PdWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PdWorker.class);

  private final KvConfig config;
  private final PdClient pd;
  private final RegionRouter router;
  private final Storage storage;
  private final KvMetrics metrics;
  private final long storeId;
  private final long startSeconds = System.currentTimeMillis() / 1000;
  private final ScheduledExecutorService timer;
  private final AtomicLong lastSafePoint = new AtomicLong();
  private volatile boolean pdDown;
  private volatile long lastStoreHeartbeatSeconds = System.currentTimeMillis() / 1000;

  // Whether this store leads a region (always, without Raft): only leaders heartbeat and GC.
  private final LongPredicate leads;
  // The region's Raft term (1 without Raft): PD refuses reports of a deposed leader by it.
  private final LongUnaryOperator term;

  PdWorker(
      KvConfig config,
      PdClient pd,
      RegionRouter router,
      Storage storage,
      KvMetrics metrics,
      long storeId,
      LongPredicate leads,
      LongUnaryOperator term) {
    this.leads = leads;
    this.term = term;
    this.config = config;
    this.pd = pd;
    this.router = router;
    this.storage = storage;
    this.metrics = metrics;
    this.storeId = storeId;
    this.timer =
        Executors.newScheduledThreadPool(
            2, r -> Thread.ofPlatform().daemon().name("kv-pd-worker", 0).unstarted(r));
  }

  void start() {
    heartbeatAll();
    storeHeartbeat();
    long store = config.storeHeartbeatTick().toMillis();
    long region = config.pdHeartbeatTick().toMillis();
    long gc = config.gcPollInterval().toMillis();
    timer.scheduleWithFixedDelay(this::storeHeartbeat, store, store, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::heartbeatAll, region, region, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::gcTick, gc, gc, TimeUnit.MILLISECONDS);
  }

  long lastSafePoint() {
    return lastSafePoint.get();
  }

  /** Heartbeats one region now (after a split, or at start). Failures are logged, not thrown. */
  void heartbeat(Region r) {
    RegionMeta m = r.meta();
    Peer leader = m.peerOn(storeId);
    if (leader == null || !leads.test(m.id())) {
      // As TiKV: only a region's leader reports it (followers know no fresh statistics).
      return;
    }
    long now = System.currentTimeMillis();
    Region.Flow f = r.takeFlow(now);
    try {
      pd.regionHeartbeat(
          () ->
              Pdpb.RegionHeartbeatRequest.newBuilder()
                  .setRegion(m.toProto())
                  .setLeader(leader.toProto())
                  .setBytesWritten(f.bytesWritten())
                  .setKeysWritten(f.keysWritten())
                  .setBytesRead(f.bytesRead())
                  .setKeysRead(f.keysRead())
                  .setApproximateSize(Math.max(0, r.approximateSize()))
                  .setApproximateKeys(Math.max(0, r.approximateKeys()))
                  .setTerm(term.applyAsLong(m.id()))
                  .setInterval(
                      Pdpb.TimeInterval.newBuilder()
                          .setStartTimestamp(f.sinceMillis() / 1000)
                          .setEndTimestamp(now / 1000)));
      metrics.heartbeats.labelValues("region", "ok").inc();
    } catch (PdException e) {
      metrics.heartbeats.labelValues("region", "failed").inc();
      log.debug("heartbeat of region {} failed: {}", m.id(), e.getMessage());
    }
  }

  void heartbeatAll() {
    try {
      for (Region r : router.all()) {
        heartbeat(r);
      }
    } catch (RuntimeException e) {
      log.warn("region heartbeats: {}", e.toString());
    }
  }

  private void storeHeartbeat() {
    long now = System.currentTimeMillis() / 1000;
    long written = 0;
    long keysWritten = 0;
    Pdpb.StoreStats.Builder s =
        Pdpb.StoreStats.newBuilder()
            .setStoreId(storeId)
            .setRegionCount(router.size())
            .setStartTime((int) startSeconds)
            .setIsBusy(false)
            .setBytesWritten(written)
            .setKeysWritten(keysWritten)
            .setInterval(
                Pdpb.TimeInterval.newBuilder()
                    .setStartTimestamp(lastStoreHeartbeatSeconds)
                    .setEndTimestamp(now));
    try {
      FileStore fs = Files.getFileStore(config.dataDir());
      long capacity = fs.getTotalSpace();
      long available = fs.getUsableSpace();
      s.setCapacity(capacity).setAvailable(available).setUsedSize(usedBytes());
    } catch (IOException | RuntimeException e) {
      log.debug("disk usage: {}", e.toString());
    }
    try {
      pd.storeHeartbeat(s.build());
      lastStoreHeartbeatSeconds = now;
      metrics.heartbeats.labelValues("store", "ok").inc();
      if (pdDown) {
        pdDown = false;
        log.info("PD is reachable again: heartbeating every region");
        heartbeatAll();
      }
    } catch (PdException e) {
      metrics.heartbeats.labelValues("store", "failed").inc();
      if (!pdDown) {
        log.warn("store heartbeat failed: {}", e.getMessage());
      }
      pdDown = true;
    } catch (RuntimeException e) {
      log.warn("store heartbeat: {}", e.toString());
    }
  }

  private long usedBytes() {
    try (var files = Files.walk(storage.engine().directory())) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Reads PD's GC safe point; when it moved, collects garbage in every region. */
  private void gcTick() {
    long sp;
    try {
      sp = pd.gcSafePoint();
    } catch (PdException e) {
      log.debug("GC safe point: {}", e.getMessage());
      return;
    }
    if (sp <= lastSafePoint.get()) {
      return;
    }
    runGc(sp);
  }

  /** One GC round at {@code safePoint} over every region. */
  void runGc(long safePoint) {
    long started = System.nanoTime();
    long keys = 0;
    long versions = 0;
    try {
      for (Region r : router.all()) {
        if (!leads.test(r.id())) {
          continue; // the leader's GC writes go through the log to this peer
        }
        GcResult g = storage.txn().gc(r.meta().range(), safePoint);
        keys += g.keysScanned();
        versions += g.versionsDeleted();
        if (storage.options().apiVersion() != ApiVersion.V1) {
          versions += storage.raw().gc(r.meta().range(), safePoint);
        }
      }
      lastSafePoint.set(safePoint);
      metrics.gcKeys.inc(versions);
      log.info(
          "GC at safe point {}: {} keys scanned, {} versions removed ({} ms)",
          safePoint,
          keys,
          versions,
          (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      log.warn("GC at safe point {} failed: {}", safePoint, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

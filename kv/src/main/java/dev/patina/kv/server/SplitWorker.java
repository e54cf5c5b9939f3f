package dev.patina.kv.server;

import dev.patina.kv.KeyRange;
import dev.patina.kv.Storage;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.engine.EngineSnapshot;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionException;
import dev.patina.kv.region.RegionMeta;
import dev.patina.kv.region.RegionRouter;
import dev.patina.kv.region.SplitChecker;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TiKV's split check ticks: every {@code split-region-check-tick-interval}, each region that took
 * enough writes since its last check (or was never checked) is measured; when it exceeds the
 * thresholds it is split at the keys {@link SplitChecker} proposes.
 */
final class SplitWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SplitWorker.class);

  private final KvConfig config;
  private final Storage storage;
  private final RegionRouter router;
  private final RegionSplitter splitter;
  private final SplitChecker checker;
  private final long keysCheckDiff;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("kv-split-check").unstarted(r));

  SplitWorker(KvConfig config, Storage storage, RegionRouter router, RegionSplitter splitter) {
    this.config = config;
    this.storage = storage;
    this.router = router;
    this.splitter = splitter;
    this.checker =
        storage.splitChecker(
            new SplitChecker.Config(
                config.regionMaxSize(),
                config.regionSplitSize(),
                config.regionMaxKeys(),
                config.regionSplitKeys()));
    this.keysCheckDiff = Math.max(1, config.regionSplitKeys() / 16);
  }

  void start() {
    long tick = config.splitCheckTick().toMillis();
    timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    for (Region r : router.all()) {
      try {
        check(r);
      } catch (RegionException e) {
        log.debug("split of region {} refused: {}", r.id(), e.getMessage());
      } catch (RuntimeException e) {
        log.warn("split check of region {} failed: {}", r.id(), e.toString());
      }
    }
  }

  /** Checks one region and splits it when it is too large. */
  void check(Region r) {
    boolean unknown = r.approximateKeys() < 0;
    if (!unknown && r.sizeDiff() < config.regionSplitCheckDiff() && r.keysDiff() < keysCheckDiff) {
      return;
    }
    RegionMeta meta = r.meta();
    KeyRange range = meta.range();
    if (!unknown) {
      // Cheap estimates first: a full scan only when the region may be over a threshold.
      long size = checker.approximateSize(range);
      long keys = r.approximateKeys() + r.keysDiff();
      if (size < config.regionMaxSize() / 2 && keys <= config.regionMaxKeys()) {
        r.checked(size, keys);
        return;
      }
    }
    SplitChecker.Result res = checker.check(range, transactional(range));
    r.checked(res.size(), res.keys());
    if (res.splitKeys().isEmpty() || r.meta() != meta) {
      return;
    }
    String source = res.size() > config.regionMaxSize() ? "size" : "keys";
    splitter.split(r, meta.epoch(), res.splitKeys(), source);
  }

  /** Whether the range holds transactional data (keys counted in {@code write}). */
  private boolean transactional(KeyRange range) {
    try (EngineSnapshot s = storage.engine().snapshot()) {
      return s.iterator(Cf.WRITE, range.start(), range.end()).seekToFirst();
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

package dev.patina.kv.server;

import dev.patina.kv.ApiVersion;
import dev.patina.pd.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a store runs. {@link #defaults()} are TiKV's (a store on 127.0.0.1:20160 with status on
 * 20180, PD at 127.0.0.1:2379, API V1, regions split at 256 MiB or 2,560,000 keys); a TOML file
 * with TiKV's key names overrides them ({@link KvConfigFile}).
 *
 * @param dataDir where the store keeps its data ({@code <dataDir>/db} is RocksDB)
 * @param addr gRPC listen address (port 0: any free port)
 * @param advertiseAddr address given to PD and clients, or null for the listening one
 * @param statusAddr HTTP address of /status, /config, /metrics, or null for none
 * @param pdEndpoints PD addresses
 * @param apiVersion storage API version (storage.api-version, storage.enable-ttl)
 * @param syncWrite fsync the WAL before acknowledging a write (Patina: the WAL is the log)
 * @param regionSplitSize coprocessor.region-split-size
 * @param regionMaxSize coprocessor.region-max-size
 * @param regionSplitKeys coprocessor.region-split-keys
 * @param regionMaxKeys coprocessor.region-max-keys
 * @param splitCheckTick raftstore.split-region-check-tick-interval
 * @param regionSplitCheckDiff raftstore.region-split-check-diff: bytes written before a check
 * @param pdHeartbeatTick raftstore.pd-heartbeat-tick-interval (region heartbeats)
 * @param storeHeartbeatTick raftstore.pd-store-heartbeat-tick-interval
 * @param gcPollInterval how often PD's GC safe point is read
 * @param pendingWriteThreshold storage.scheduler-pending-write-threshold: beyond, ServerIsBusy
 * @param waitForLockTimeout pessimistic-txn.wait-for-lock-timeout
 * @param workerThreads threads serving gRPC requests
 * @param blockCacheBytes storage.block-cache.capacity
 * @param logLevel trace, debug, info, warn or error
 * @param raftAddr where the store's Raft transport listens (Patina's {@code server.raft-addr}), or
 *     null for an unreplicated store whose regions have one peer each and no Raft log
 */
public record KvConfig(
    Path dataDir,
    HostPort addr,
    HostPort advertiseAddr,
    HostPort statusAddr,
    List<String> pdEndpoints,
    ApiVersion apiVersion,
    boolean syncWrite,
    long regionSplitSize,
    long regionMaxSize,
    long regionSplitKeys,
    long regionMaxKeys,
    Duration splitCheckTick,
    long regionSplitCheckDiff,
    Duration pdHeartbeatTick,
    Duration storeHeartbeatTick,
    Duration gcPollInterval,
    long pendingWriteThreshold,
    Duration waitForLockTimeout,
    int workerThreads,
    long blockCacheBytes,
    String logLevel,
    HostPort raftAddr) {

  public static final int DEFAULT_PORT = 20160;
  public static final int DEFAULT_STATUS_PORT = 20180;
  private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

  public KvConfig {
    Objects.requireNonNull(dataDir, "data-dir");
    Objects.requireNonNull(addr, "addr");
    Objects.requireNonNull(apiVersion, "api-version");
    pdEndpoints = List.copyOf(pdEndpoints);
    if (pdEndpoints.isEmpty()) {
      throw new IllegalArgumentException("pd.endpoints must name at least one PD");
    }
    for (String e : pdEndpoints) {
      HostPort.parse(e);
    }
    if (regionSplitSize <= 0 || regionMaxSize < regionSplitSize) {
      throw new IllegalArgumentException(
          "coprocessor.region-max-size must be >= region-split-size > 0");
    }
    if (regionSplitKeys <= 0 || regionMaxKeys < regionSplitKeys) {
      throw new IllegalArgumentException(
          "coprocessor.region-max-keys must be >= region-split-keys > 0");
    }
    positive(splitCheckTick, "raftstore.split-region-check-tick-interval");
    positive(pdHeartbeatTick, "raftstore.pd-heartbeat-tick-interval");
    positive(storeHeartbeatTick, "raftstore.pd-store-heartbeat-tick-interval");
    positive(gcPollInterval, "gc.poll-safe-point-interval");
    if (regionSplitCheckDiff < 0 || pendingWriteThreshold <= 0 || workerThreads <= 0) {
      throw new IllegalArgumentException("sizes and thread counts must be positive");
    }
    logLevel = logLevel.toLowerCase(Locale.ROOT);
    if (logLevel.equals("warning")) {
      logLevel = "warn";
    }
    if (!LEVELS.contains(logLevel)) {
      throw new IllegalArgumentException(
          "log.level must be one of " + String.join(", ", LEVELS) + ", got '" + logLevel + "'");
    }
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  /** TiKV's defaults, with data under ./patina-data/kv. */
  public static KvConfig defaults() {
    return new KvConfig(
        Path.of("patina-data", "kv"),
        new HostPort("127.0.0.1", DEFAULT_PORT),
        null,
        new HostPort("127.0.0.1", DEFAULT_STATUS_PORT),
        List.of("127.0.0.1:2379"),
        ApiVersion.V1,
        true,
        256L << 20,
        384L << 20,
        2_560_000,
        3_840_000,
        Duration.ofSeconds(10),
        (256L << 20) / 16,
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        100L << 20,
        Duration.ofSeconds(1),
        64,
        256L << 20,
        "info",
        null);
  }

  /** For tests and embedding: any free ports on 127.0.0.1, data in {@code dataDir}. */
  public static KvConfig ephemeral(Path dataDir, String pdEndpoint) {
    return defaults().toBuilder()
        .dataDir(dataDir)
        .addr(new HostPort("127.0.0.1", 0))
        .statusAddr(new HostPort("127.0.0.1", 0))
        .pdEndpoints(List.of(pdEndpoint))
        .blockCacheBytes(32L << 20)
        .workerThreads(16)
        .build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copies a configuration with changes. */
  public static final class Builder {
    private Path dataDir;
    private HostPort addr;
    private HostPort advertiseAddr;
    private HostPort statusAddr;
    private List<String> pdEndpoints;
    private ApiVersion apiVersion;
    private boolean syncWrite;
    private long regionSplitSize;
    private long regionMaxSize;
    private long regionSplitKeys;
    private long regionMaxKeys;
    private Duration splitCheckTick;
    private long regionSplitCheckDiff;
    private Duration pdHeartbeatTick;
    private Duration storeHeartbeatTick;
    private Duration gcPollInterval;
    private long pendingWriteThreshold;
    private Duration waitForLockTimeout;
    private int workerThreads;
    private long blockCacheBytes;
    private String logLevel;
    private HostPort raftAddr;

    private Builder(KvConfig c) {
      dataDir = c.dataDir;
      addr = c.addr;
      advertiseAddr = c.advertiseAddr;
      statusAddr = c.statusAddr;
      pdEndpoints = c.pdEndpoints;
      apiVersion = c.apiVersion;
      syncWrite = c.syncWrite;
      regionSplitSize = c.regionSplitSize;
      regionMaxSize = c.regionMaxSize;
      regionSplitKeys = c.regionSplitKeys;
      regionMaxKeys = c.regionMaxKeys;
      splitCheckTick = c.splitCheckTick;
      regionSplitCheckDiff = c.regionSplitCheckDiff;
      pdHeartbeatTick = c.pdHeartbeatTick;
      storeHeartbeatTick = c.storeHeartbeatTick;
      gcPollInterval = c.gcPollInterval;
      pendingWriteThreshold = c.pendingWriteThreshold;
      waitForLockTimeout = c.waitForLockTimeout;
      workerThreads = c.workerThreads;
      blockCacheBytes = c.blockCacheBytes;
      logLevel = c.logLevel;
      raftAddr = c.raftAddr;
    }

    /** The Raft transport's address (port 0: any free port), or null for no replication. */
    public Builder raftAddr(HostPort v) {
      raftAddr = v;
      return this;
    }

    public Builder dataDir(Path v) {
      dataDir = v;
      return this;
    }

    public Builder addr(HostPort v) {
      addr = v;
      return this;
    }

    public Builder advertiseAddr(HostPort v) {
      advertiseAddr = v;
      return this;
    }

    public Builder statusAddr(HostPort v) {
      statusAddr = v;
      return this;
    }

    public Builder pdEndpoints(List<String> v) {
      pdEndpoints = v;
      return this;
    }

    public Builder apiVersion(ApiVersion v) {
      apiVersion = v;
      return this;
    }

    public Builder syncWrite(boolean v) {
      syncWrite = v;
      return this;
    }

    /** Split size and keys; max = split × 3/2 and the check diff split / 16, as TiKV derives. */
    public Builder regionSplit(long size, long keys) {
      regionSplitSize = size;
      regionMaxSize = size / 2 * 3;
      regionSplitKeys = keys;
      regionMaxKeys = keys / 2 * 3;
      regionSplitCheckDiff = size / 16;
      return this;
    }

    public Builder regionSplitSize(long v) {
      regionSplitSize = v;
      return this;
    }

    public Builder regionMaxSize(long v) {
      regionMaxSize = v;
      return this;
    }

    public Builder regionSplitKeys(long v) {
      regionSplitKeys = v;
      return this;
    }

    public Builder regionMaxKeys(long v) {
      regionMaxKeys = v;
      return this;
    }

    public Builder splitCheckTick(Duration v) {
      splitCheckTick = v;
      return this;
    }

    public Builder regionSplitCheckDiff(long v) {
      regionSplitCheckDiff = v;
      return this;
    }

    public Builder pdHeartbeatTick(Duration v) {
      pdHeartbeatTick = v;
      return this;
    }

    public Builder storeHeartbeatTick(Duration v) {
      storeHeartbeatTick = v;
      return this;
    }

    public Builder gcPollInterval(Duration v) {
      gcPollInterval = v;
      return this;
    }

    public Builder pendingWriteThreshold(long v) {
      pendingWriteThreshold = v;
      return this;
    }

    public Builder waitForLockTimeout(Duration v) {
      waitForLockTimeout = v;
      return this;
    }

    public Builder workerThreads(int v) {
      workerThreads = v;
      return this;
    }

    public Builder blockCacheBytes(long v) {
      blockCacheBytes = v;
      return this;
    }

    public Builder logLevel(String v) {
      logLevel = v;
      return this;
    }

    public KvConfig build() {
      return new KvConfig(
          dataDir,
          addr,
          advertiseAddr,
          statusAddr,
          pdEndpoints,
          apiVersion,
          syncWrite,
          regionSplitSize,
          regionMaxSize,
          regionSplitKeys,
          regionMaxKeys,
          splitCheckTick,
          regionSplitCheckDiff,
          pdHeartbeatTick,
          storeHeartbeatTick,
          gcPollInterval,
          pendingWriteThreshold,
          waitForLockTimeout,
          workerThreads,
          blockCacheBytes,
          logLevel,
          raftAddr);
    }
  }
}

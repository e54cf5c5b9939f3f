package dev.patina.kv.server;

import dev.patina.kv.ApiVersion;
import dev.patina.kv.Storage;
import dev.patina.kv.StorageOptions;
import dev.patina.kv.engine.Batch;
import dev.patina.kv.engine.Durability;
import dev.patina.kv.pd.PdClient;
import dev.patina.kv.pd.PdException;
import dev.patina.kv.pd.TsoBatch;
import dev.patina.kv.proto.Metapb;
import dev.patina.kv.proto.Pdpb;
import dev.patina.kv.raft.MultiRaft;
import dev.patina.kv.raft.RegionHost;
import dev.patina.kv.region.Peer;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionEpoch;
import dev.patina.kv.region.RegionMeta;
import dev.patina.kv.region.RegionMetaStore;
import dev.patina.kv.region.RegionRouter;
import dev.patina.pd.HostPort;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.util.MutableHandlerRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running store (TiKV's server): RocksDB storage, the regions it holds, the {@code tikvpb.Tikv}
 * gRPC service with {@code grpc.health.v1}, the status HTTP server, and the workers that talk to PD
 * (heartbeats, splits, GC).
 *
 * <p>Starting joins the cluster as TiKV does: the store gets an id from PD the first time (kept in
 * its {@code StoreIdent}), bootstraps the cluster with the first region (the whole key space) when
 * PD is not bootstrapped yet, registers its address ({@code PutStore}), and heartbeats its regions.
 * A second start reuses the data; a store refuses data of another cluster or API version.
 *
 * <pre>{@code
 * try (KvServer kv = KvServer.start(KvConfig.defaults())) {
 *   System.out.println(kv.address());   // 127.0.0.1:20160
 *   kv.awaitTermination();
 * }
 * }</pre>
 */
public final class KvServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KvServer.class);

  /** The TiKV version this store reports to PD (clients pick protocol features by it). */
  public static final String TIKV_VERSION = "6.5.0";

  /** Clients ping every 10 s even when idle: allow pings that often, also without calls. */
  static final long PERMIT_KEEPALIVE_SECONDS = 5;

  static final int MAX_MESSAGE_BYTES = 512 << 20;

  private final KvConfig config;
  private final Storage storage;
  private final Server grpc;
  private final ExecutorService executor;
  private final HealthStatusManager health;
  private final PdClient pd;
  private final long storeId;
  private final RegionRouter router;
  private final TikvService service;
  private final PdWorker pdWorker;
  private final SplitWorker splitWorker;
  private final RegionSplitter splitter;
  private final StatusServer status;
  private final String address;
  private final MultiRaft raft;
  private final RaftOrders raftOrders;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KvServer(Parts p) {
    this.config = p.config;
    this.storage = p.storage;
    this.grpc = p.grpc;
    this.executor = p.executor;
    this.health = p.health;
    this.pd = p.pd;
    this.storeId = p.storeId;
    this.router = p.router;
    this.service = p.service;
    this.pdWorker = p.pdWorker;
    this.splitWorker = p.splitWorker;
    this.splitter = p.splitter;
    this.status = p.status;
    this.address = p.address;
    this.raft = p.raft;
    this.raftOrders = p.raftOrders;
  }

  /** What start() builds, in order, so that a failure closes exactly what was opened. */
  private static final class Parts implements AutoCloseable {
    KvConfig config;
    Storage storage;
    Server grpc;
    ExecutorService executor;
    HealthStatusManager health;
    PdClient pd;
    long storeId;
    RegionRouter router;
    TikvService service;
    PdWorker pdWorker;
    SplitWorker splitWorker;
    RegionSplitter splitter;
    StatusServer status;
    String address;
    MultiRaft raft;
    volatile RaftOrders raftOrders; // read by Raft threads (leader changes)

    @Override
    public void close() {
      if (raftOrders != null) {
        raftOrders.close();
      }
      if (splitWorker != null) {
        splitWorker.close();
      }
      if (pdWorker != null) {
        pdWorker.close();
      }
      if (status != null) {
        status.close();
      }
      if (grpc != null) {
        grpc.shutdownNow();
        try {
          grpc.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (executor != null) {
        executor.shutdownNow();
      }
      if (raft != null) {
        raft.close();
      }
      if (pd != null) {
        pd.close();
      }
      if (storage != null) {
        storage.close();
      }
    }
  }

  /**
   * Opens the data directory, joins the cluster through PD (waiting up to a minute for it), and
   * serves.
   *
   * @throws IOException when an address cannot be bound
   * @throws PdException when PD cannot be reached or refuses the store
   * @throws IllegalStateException when the data belongs to another cluster or API version
   */
  public static KvServer start(KvConfig config) throws IOException {
    return start(config, Duration.ofSeconds(60));
  }

  /** As {@link #start(KvConfig)}, waiting up to {@code pdWait} for PD. */
  public static KvServer start(KvConfig config, Duration pdWait) throws IOException {
    long started = System.nanoTime();
    Parts p = new Parts();
    p.config = config;
    try {
      startParts(p, pdWait);
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
    KvServer s = new KvServer(p);
    log.info(
        "store {} serving {} ({} regions, API {}), status on {}, data in {} ({} ms)",
        p.storeId,
        p.address,
        p.router.size(),
        config.apiVersion(),
        p.status == null ? "(disabled)" : "http://" + s.statusAddress(),
        config.dataDir(),
        (System.nanoTime() - started) / 1_000_000);
    return s;
  }

  private static void startParts(Parts p, Duration pdWait) throws IOException {
    KvConfig config = p.config;
    java.nio.file.Files.createDirectories(config.dataDir());
    KvMetrics metrics = new KvMetrics();

    // 1. The gRPC endpoint first: a store registers the address it actually listens on.
    AtomicInteger threads = new AtomicInteger();
    p.executor =
        new ThreadPoolExecutor(
            config.workerThreads(),
            config.workerThreads(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r ->
                Thread.ofPlatform()
                    .daemon()
                    .name("kv-grpc-" + threads.incrementAndGet())
                    .unstarted(r));
    p.health = new HealthStatusManager();
    p.health.setStatus("", ServingStatus.NOT_SERVING);
    // The Tikv service is registered once the store has joined the cluster; until then requests
    // answer UNIMPLEMENTED, and health says NOT_SERVING.
    MutableHandlerRegistry services = new MutableHandlerRegistry();
    HostPort listen = config.addr();
    p.grpc =
        NettyServerBuilder.forAddress(new InetSocketAddress(listen.host(), listen.port()))
            // Point reads run on the transport thread that read the request; everything else on
            // the worker pool. A point read is a few microseconds in RocksDB's memtable, cache or
            // the OS page cache, less than the two thread wake-ups a pool hand-off costs (which
            // on a busy 2-core box dominate a read's latency). Writes (fsync), scans and
            // anything that may wait stay off the transport threads.
            .directExecutor()
            .callExecutor(new CallExecutors(p.executor))
            .addService(p.health.getHealthService())
            .fallbackHandlerRegistry(services)
            .permitKeepAliveTime(PERMIT_KEEPALIVE_SECONDS, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            .keepAliveTime(30, TimeUnit.SECONDS)
            .keepAliveTimeout(10, TimeUnit.SECONDS)
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .build();
    try {
      p.grpc.start();
    } catch (IOException e) {
      throw bindFailure("addr", listen, e);
    }
    HostPort adv = advertised(config.advertiseAddr(), listen.withPort(p.grpc.getPort()));
    p.address = adv.toString();

    // 2. PD, then the store's identity.
    p.pd = PdClient.connect(config.pdEndpoints(), Duration.ofSeconds(10), pdWait);
    StorageOptions.Builder so =
        StorageOptions.builder(config.dataDir().resolve("db"))
            .apiVersion(config.apiVersion())
            .durability(config.syncWrite() ? Durability.SYNC : Durability.PROCESS_CRASH_SAFE)
            .blockCacheBytes(config.blockCacheBytes());
    if (config.apiVersion() == ApiVersion.V2) {
      so.rawTs(new TsoBatch(p.pd, 256));
    }
    p.storage = Storage.open(so.build());
    RegionMetaStore metas = new RegionMetaStore(p.storage.engine());
    p.storeId = ident(metas, p.pd, config.apiVersion());

    // 3. The cluster's first region, when this store bootstraps it.
    Metapb.Store store = storeMeta(p.storeId, p.address, config, null, null);
    bootstrap(metas, p.pd, store);

    // 4. Serve the regions (through Raft when replicated), register the address, heartbeat.
    p.router = new RegionRouter(p.storeId, metas, metas.regions());
    RegionRouter router = p.router;
    Storage storage = p.storage;
    LongPredicate leads = regionId -> true;
    LongUnaryOperator term = regionId -> 1;
    Consumer<RegionMeta> leaderCheck = m -> {};
    if (config.raftAddr() != null) {
      p.raft = startRaft(p, store);
      MultiRaft raft = p.raft;
      leads = raft::isLeader;
      term = raft::term;
      leaderCheck = raft::checkLeader;
      storage.useWritePath(new RaftWritePath(router, raft));
    }
    p.pdWorker = new PdWorker(config, p.pd, router, storage, metrics, p.storeId, leads, term);
    p.splitter = new RegionSplitter(router, p.pd, metrics, p.pdWorker::heartbeat, p.raft != null);
    if (p.raft != null) {
      p.raftOrders = new RaftOrders(p.raft, router, p.pdWorker::heartbeat);
      p.pd.onHeartbeatOrders(p.raftOrders::accept);
    }
    p.service =
        new TikvService(
            storage,
            router,
            p.splitter,
            new WriteFlow(config.pendingWriteThreshold()),
            metrics,
            config.waitForLockTimeout().toMillis(),
            leaderCheck);
    services.addService(ServerInterceptors.intercept(p.service, metrics.interceptor()));
    metrics.gauge("tikv_raftstore_region_count", "Regions on this store.", router::size);
    metrics.gauge("tikv_store_id", "This store's id.", () -> p.storeId);

    if (config.statusAddr() != null) {
      HostPort s = config.statusAddr();
      String advertisedAddress = p.address;
      try {
        p.status = StatusServer.start(s, config, metrics, router::all, () -> advertisedAddress);
      } catch (IOException e) {
        throw bindFailure("status-addr", s, e);
      }
    }
    String statusAdvertised =
        p.status == null
            ? null
            : advertised(null, config.statusAddr().withPort(p.status.port())).toString();
    p.pd.putStore(storeMeta(p.storeId, p.address, config, statusAdvertised, raftAddress(p)));
    p.health.setStatus("", ServingStatus.SERVING);
    p.health.setStatus("tikvpb.Tikv", ServingStatus.SERVING);
    p.pdWorker.start();
    if (p.raft == null) {
      // Replicated regions do not split yet (splits do not go through the Raft log).
      p.splitWorker = new SplitWorker(config, storage, router, p.splitter);
      p.splitWorker.start();
    }
  }

  /**
   * Starts the store's Raft server and the group of every region it holds. Other stores' Raft
   * addresses come from PD ({@code peer_address}), cached once known.
   */
  private static MultiRaft startRaft(Parts p, Metapb.Store self) throws IOException {
    HostPort listen = p.config.raftAddr();
    Map<Long, String> known = new ConcurrentHashMap<>();
    PdClient pd = p.pd;
    RegionRouter router = p.router;
    MultiRaft raft =
        MultiRaft.start(
            p.storeId,
            listen,
            p.config.dataDir().resolve("raft"),
            p.storage.engine(),
            new RegionHost() {
              @Override
              public void applyMeta(RegionMeta meta, Batch alsoWrite) {
                router.applyMeta(meta, alsoWrite);
              }

              @Override
              public void becameLeader(long regionId) {
                RaftOrders orders = p.raftOrders;
                if (orders != null) {
                  orders.becameLeader(regionId);
                }
              }
            },
            store -> {
              String a = known.get(store);
              if (a == null) {
                Metapb.Store s = pd.store(store);
                if (s != null && !s.getPeerAddress().isEmpty()) {
                  a = s.getPeerAddress();
                  known.put(store, a);
                }
              }
              return a;
            },
            MultiRaft.ELECTION_TIMEOUT);
    p.raft = raft;
    known.put(p.storeId, raftAddress(p));
    for (RegionMeta m : router.all().stream().map(Region::meta).toList()) {
      raft.ensureGroup(m);
    }
    return raft;
  }

  /** The Raft address other stores use: the advertised host (if set) with the bound Raft port. */
  private static String raftAddress(Parts p) {
    if (p.raft == null) {
      return null;
    }
    HostPort adv = p.config.advertiseAddr();
    HostPort listen = p.config.raftAddr().withPort(p.raft.port());
    return advertised(adv == null ? null : adv.withPort(p.raft.port()), listen).toString();
  }

  /** The store's id: from its StoreIdent, or a new one from PD (TiKV's {@code bootstrap_store}). */
  private static long ident(RegionMetaStore metas, PdClient pd, ApiVersion api) {
    RegionMetaStore.StoreIdent ident = metas.ident();
    if (ident != null) {
      if (ident.clusterId() != pd.clusterId()) {
        throw new IllegalStateException(
            "cluster ID mismatch, local "
                + Long.toUnsignedString(ident.clusterId())
                + " != remote "
                + Long.toUnsignedString(pd.clusterId())
                + ": this data directory belongs to another cluster");
      }
      if (ident.apiVersion() != api) {
        throw new IllegalStateException(
            "the data was written with API "
                + ident.apiVersion()
                + ", but the store is configured for API "
                + api
                + " (storage.api-version / storage.enable-ttl)");
      }
      return ident.storeId();
    }
    if (metas.hasData()) {
      throw new IllegalStateException("kv store is not empty and has already had data.");
    }
    long id = pd.allocId();
    metas.saveIdent(new RegionMetaStore.StoreIdent(pd.clusterId(), id, api));
    log.info("store {} created for cluster {}", id, Long.toUnsignedString(pd.clusterId()));
    return id;
  }

  /** TiKV's {@code check_or_prepare_bootstrap_cluster} and {@code bootstrap_cluster}. */
  private static void bootstrap(RegionMetaStore metas, PdClient pd, Metapb.Store store) {
    RegionMeta prepared = metas.preparedBootstrap();
    if (pd.isBootstrapped()) {
      if (prepared != null) {
        Metapb.Region known = pd.regionById(prepared.id());
        if (known != null && known.getId() == prepared.id()) {
          metas.clearPrepareBootstrapKey();
        } else {
          metas.clearPrepareBootstrapCluster(prepared.id());
        }
      }
      return;
    }
    if (prepared == null) {
      long regionId = pd.allocId();
      long peerId = pd.allocId();
      prepared =
          new RegionMeta(
              regionId,
              new byte[0],
              new byte[0],
              RegionEpoch.INITIAL,
              List.of(new Peer(peerId, store.getId())));
      metas.prepareBootstrap(prepared);
    }
    try {
      pd.bootstrap(store, prepared.toProto());
      metas.clearPrepareBootstrapKey();
      log.info("cluster bootstrapped with region {}", prepared.id());
    } catch (PdException e) {
      if (e.type() == Pdpb.ErrorType.ALREADY_BOOTSTRAPPED) {
        metas.clearPrepareBootstrapCluster(prepared.id());
        log.info("cluster was bootstrapped by another store");
      } else {
        throw e;
      }
    }
  }

  private static Metapb.Store storeMeta(
      long id, String address, KvConfig config, String statusAddress, String raftAddress) {
    Metapb.Store.Builder b =
        Metapb.Store.newBuilder()
            .setId(id)
            .setAddress(address)
            .setVersion(TIKV_VERSION)
            .setGitHash("patina")
            .setStartTimestamp(System.currentTimeMillis() / 1000)
            .setDeployPath(config.dataDir().toAbsolutePath().normalize().toString());
    if (statusAddress != null) {
      b.setStatusAddress(statusAddress);
    }
    if (raftAddress != null) {
      b.setPeerAddress(raftAddress); // TiKV's raft address field: where peers send Raft messages
    }
    return b.build();
  }

  private static HostPort advertised(HostPort configured, HostPort bound) {
    if (configured != null) {
      return configured;
    }
    if (bound.isWildcard()) {
      log.warn(
          "listening on {}: advertising 127.0.0.1; set advertise-addr for remote clients", bound);
      return new HostPort("127.0.0.1", bound.port());
    }
    return bound;
  }

  private static IOException bindFailure(String what, HostPort address, IOException e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    // Netty's native transport reports EADDRINUSE as its own exception, not a BindException.
    String m = root.getMessage();
    String reason =
        m != null && m.endsWith("Address already in use")
            ? "address already in use"
            : root instanceof BindException ? m : String.valueOf(root);
    return new IOException("cannot listen on " + address + " (" + what + "): " + reason, e);
  }

  /** The address clients and PD use, e.g. {@code 127.0.0.1:20160}. */
  public String address() {
    return address;
  }

  /** The gRPC port actually bound. */
  public int port() {
    return grpc.getPort();
  }

  /** The status address ({@code host:port}), or null when disabled. */
  public String statusAddress() {
    return status == null ? null : config.statusAddr().withPort(status.port()).toString();
  }

  public long storeId() {
    return storeId;
  }

  public KvConfig config() {
    return config;
  }

  /** Regions this store serves. */
  public int regionCount() {
    return router.size();
  }

  /** The regions, for tests and tools. */
  public RegionRouter regions() {
    return router;
  }

  /** Runs one GC round at {@code safePoint} now (tests; normally PD's safe point drives GC). */
  public void gc(long safePoint) {
    pdWorker.runGc(safePoint);
  }

  /** The last safe point GC ran at. */
  public long lastGcSafePoint() {
    return pdWorker.lastSafePoint();
  }

  /** The storage underneath (tests look at a follower's engine). */
  Storage storage() {
    return storage;
  }

  /** The store's Raft side, or null when it does not replicate. */
  public MultiRaft raft() {
    return raft;
  }

  /** Blocks until the server stops. */
  public void awaitTermination() throws InterruptedException {
    grpc.awaitTermination();
  }

  /** Stops serving (in-flight requests get a few seconds), then closes the data directory. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    service.closing();
    health.enterTerminalState();
    if (splitWorker != null) {
      splitWorker.close();
    }
    pdWorker.close();
    grpc.shutdown();
    try {
      if (!grpc.awaitTermination(3, TimeUnit.SECONDS)) {
        grpc.shutdownNow();
        grpc.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      grpc.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (status != null) {
      status.close();
    }
    executor.shutdownNow();
    if (raftOrders != null) {
      raftOrders.close();
    }
    if (raft != null) {
      raft.close();
    }
    pd.close();
    storage.close();
    log.info("store {} stopped", storeId);
  }
}

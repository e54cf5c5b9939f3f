package dev.patina.pd;

import dev.patina.pd.meta.Cluster;
import dev.patina.pd.meta.ClusterIdentity;
import dev.patina.pd.meta.GcSafePoints;
import dev.patina.pd.meta.IdAllocator;
import dev.patina.pd.server.PdMetrics;
import dev.patina.pd.server.PdService;
import dev.patina.pd.storage.Backend;
import dev.patina.pd.storage.RocksBackend;
import dev.patina.pd.tso.TimestampOracle;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PD: the {@code pdpb.PD} gRPC service with {@code grpc.health.v1} and server reflection
 * on the client address, Prometheus metrics over HTTP on the status address, metadata in RocksDB
 * under the data directory.
 *
 * <pre>{@code
 * try (PdServer pd = PdServer.start(PdConfig.defaults())) {
 *   System.out.println(pd.clientUrl());   // http://127.0.0.1:2379
 *   pd.awaitTermination();
 * }
 * }</pre>
 */
public final class PdServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PdServer.class);

  /** Clients ping every 10 s even when idle; allow pings this often without calls. */
  static final long PERMIT_KEEPALIVE_SECONDS = 5;

  static final int MAX_MESSAGE_BYTES = 64 << 20;

  private final PdConfig config;
  private final Backend backend;
  private final ClusterIdentity identity;
  private final Cluster cluster;
  private final Server grpc;
  private final ExecutorService executor;
  private final HealthStatusManager health;
  private final ScheduledExecutorService ticker;
  private final HTTPServer status;
  private final String clientUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PdServer(
      PdConfig config,
      Backend backend,
      ClusterIdentity identity,
      Cluster cluster,
      Server grpc,
      ExecutorService executor,
      HealthStatusManager health,
      ScheduledExecutorService ticker,
      HTTPServer status,
      String clientUrl) {
    this.config = config;
    this.backend = backend;
    this.identity = identity;
    this.cluster = cluster;
    this.grpc = grpc;
    this.executor = executor;
    this.health = health;
    this.ticker = ticker;
    this.status = status;
    this.clientUrl = clientUrl;
  }

  /**
   * Opens the data directory (recovering what a crash left), listens, and serves.
   *
   * @throws IOException when an address cannot be bound
   * @throws StorageException when the data directory cannot be used
   */
  public static PdServer start(PdConfig config) throws IOException {
    long started = System.nanoTime();
    Backend backend = RocksBackend.open(config.dataDir());
    Server grpc = null;
    ExecutorService executor = null;
    ScheduledExecutorService ticker = null;
    try {
      ClusterIdentity identity = ClusterIdentity.loadOrCreate(backend, System::currentTimeMillis);
      IdAllocator ids = new IdAllocator(backend);
      TimestampOracle tso =
          new TimestampOracle(
              backend, System::currentTimeMillis, config.tsoSaveInterval().toMillis());
      Cluster cluster =
          new Cluster(
              backend, ids, identity.clusterId(), config.maxReplicas(), System::currentTimeMillis);
      GcSafePoints gc = new GcSafePoints(backend, PdServer::unixSeconds);
      PdMetrics metrics = new PdMetrics();

      // The client URL names the bound port (port 0 picks one): known once listening.
      AtomicReference<String> url = new AtomicReference<>();
      PdService service =
          new PdService(
              identity,
              config.name(),
              url::get,
              version(),
              tso,
              ids,
              cluster,
              gc,
              metrics,
              PdServer::unixSeconds);
      HostPort listen = config.clientAddress();
      executor = Executors.newVirtualThreadPerTaskExecutor();
      HealthStatusManager health = new HealthStatusManager();
      grpc =
          NettyServerBuilder.forAddress(new InetSocketAddress(listen.host(), listen.port()))
              .executor(executor)
              .addService(ServerInterceptors.intercept(service, metrics.interceptor()))
              .addService(health.getHealthService())
              .addService(ProtoReflectionServiceV1.newInstance())
              .permitKeepAliveTime(PERMIT_KEEPALIVE_SECONDS, TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true)
              .keepAliveTime(30, TimeUnit.SECONDS)
              .keepAliveTimeout(10, TimeUnit.SECONDS)
              .maxInboundMessageSize(MAX_MESSAGE_BYTES)
              .build();
      try {
        grpc.start();
      } catch (IOException e) {
        throw bindFailure("client", listen, e);
      }
      url.set(advertised(config, listen.withPort(grpc.getPort())).url());
      health.setStatus("", ServingStatus.SERVING);
      health.setStatus("pdpb.PD", ServingStatus.SERVING);

      metrics.gauge(
          "pd_cluster_bootstrapped",
          "1 once the cluster is bootstrapped.",
          () -> cluster.isBootstrapped() ? 1 : 0);
      metrics.gauge("pd_cluster_stores", "Stores known to PD.", cluster::storeCount);
      metrics.gauge("pd_cluster_regions", "Regions known to PD.", cluster::regionCount);
      metrics.gauge("pd_tso_saved_bound_ms", "End of the persisted TSO window.", tso::savedBound);
      metrics.gauge(
          "pd_id_allocator_reserved_end", "End of the reserved id batch.", ids::reservedEnd);

      HTTPServer status = null;
      if (config.statusAddress() != null) {
        HostPort s = config.statusAddress();
        try {
          status =
              HTTPServer.builder()
                  .hostname(s.host())
                  .port(s.port())
                  .registry(metrics.registry())
                  .buildAndStart();
        } catch (IOException e) {
          throw bindFailure("status", s, e);
        }
      }

      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().daemon().name("pd-tso-window").unstarted(r));
      ticker.scheduleWithFixedDelay(
          () -> {
            try {
              tso.refresh();
            } catch (RuntimeException e) {
              log.error("TSO: cannot extend the persisted time window: {}", e.getMessage());
            }
          },
          50,
          50,
          TimeUnit.MILLISECONDS);

      PdServer server =
          new PdServer(
              config, backend, identity, cluster, grpc, executor, health, ticker, status,
              url.get());
      log.info(
          "PD {} serving {} (cluster id {}, {}), metrics on {}, data in {} ({} ms)",
          config.name(),
          url.get(),
          Long.toUnsignedString(identity.clusterId()),
          cluster.isBootstrapped() ? "bootstrapped" : "not bootstrapped yet",
          status == null
              ? "(disabled)"
              : "http://" + s(config.statusAddress(), status) + "/metrics",
          config.dataDir(),
          (System.nanoTime() - started) / 1_000_000);
      return server;
    } catch (IOException | RuntimeException e) {
      if (ticker != null) {
        ticker.shutdownNow();
      }
      if (grpc != null) {
        grpc.shutdownNow();
      }
      if (executor != null) {
        executor.shutdownNow();
      }
      backend.close();
      throw e;
    }
  }

  private static String s(HostPort configured, HTTPServer status) {
    return configured.withPort(status.getPort()).toString();
  }

  private static HostPort advertised(PdConfig config, HostPort bound) {
    HostPort a = config.advertiseClientAddress();
    if (a != null) {
      return a;
    }
    if (bound.isWildcard()) {
      log.warn(
          "listening on {}: advertising 127.0.0.1; set advertise-client-urls for remote clients",
          bound);
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
    return new IOException("cannot listen on " + address + " (" + what + " address): " + reason, e);
  }

  private static long unixSeconds() {
    return System.currentTimeMillis() / 1000;
  }

  static String version() {
    String v = PdServer.class.getPackage().getImplementationVersion();
    return v == null ? "patina-dev" : "patina-" + v;
  }

  /** The URL clients connect to, e.g. {@code http://127.0.0.1:2379}. */
  public String clientUrl() {
    return clientUrl;
  }

  /** The gRPC port actually bound. */
  public int port() {
    return grpc.getPort();
  }

  /** The metrics port actually bound, or -1 when disabled. */
  public int statusPort() {
    return status == null ? -1 : status.getPort();
  }

  public long clusterId() {
    return identity.clusterId();
  }

  public PdConfig config() {
    return config;
  }

  public boolean isBootstrapped() {
    return cluster.isBootstrapped();
  }

  /** Blocks until the server stops. */
  public void awaitTermination() throws InterruptedException {
    grpc.awaitTermination();
  }

  /** Stops serving (in-flight calls get a few seconds), then closes the data directory. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    health.enterTerminalState();
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
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (status != null) {
      status.close();
    }
    executor.shutdownNow();
    backend.close();
    log.info("PD {} stopped", config.name());
  }
}

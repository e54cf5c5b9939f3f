package dev.patina.kv.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.patina.kv.ApiVersion;
import dev.patina.kv.Hex;
import dev.patina.kv.region.Region;
import dev.patina.kv.region.RegionMeta;
import dev.patina.pd.HostPort;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store's status HTTP server, as TiKV's: {@code /status} (200 while serving), {@code /config}
 * (the effective configuration as JSON, TiKV's key names), {@code /metrics} (Prometheus text), and
 * Patina's {@code /regions} (the regions this store serves, as JSON).
 */
final class StatusServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer http;
  private final ExecutorService executor;

  private StatusServer(HttpServer http, ExecutorService executor) {
    this.http = http;
    this.executor = executor;
  }

  static StatusServer start(
      HostPort address,
      KvConfig config,
      KvMetrics metrics,
      Supplier<List<Region>> regions,
      Supplier<String> advertised)
      throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 64);
    ExecutorService ex =
        Executors.newFixedThreadPool(
            2, r -> Thread.ofPlatform().daemon().name("kv-status", 0).unstarted(r));
    http.setExecutor(ex);
    http.createContext(
        "/status",
        x -> {
          if (!exact(x, "/status")) {
            return;
          }
          send(x, 200, "text/plain", "");
        });
    http.createContext(
        "/config",
        x -> {
          if (!exact(x, "/config")) {
            return;
          }
          send(x, 200, "application/json", JSON.writeValueAsString(configJson(config, advertised)));
        });
    http.createContext("/metrics", new MetricsHandler(metrics.registry()));
    http.createContext(
        "/regions",
        x -> {
          if (!exact(x, "/regions")) {
            return;
          }
          List<Map<String, Object>> out = new ArrayList<>();
          for (Region r : regions.get()) {
            RegionMeta m = r.meta();
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", m.id());
            j.put("start_key", Hex.key(m.startKey()));
            j.put("end_key", Hex.key(m.endKey()));
            j.put("epoch", Map.of("conf_ver", m.epoch().confVer(), "version", m.epoch().version()));
            j.put(
                "peers",
                m.peers().stream()
                    .map(p -> Map.of("id", p.id(), "store_id", p.storeId()))
                    .toList());
            j.put("approximate_size", r.approximateSize());
            j.put("approximate_keys", r.approximateKeys());
            out.add(j);
          }
          send(x, 200, "application/json", JSON.writeValueAsString(out));
        });
    http.createContext(
        "/",
        x -> {
          send(x, 404, "text/plain", "not found: " + x.getRequestURI().getPath() + "\n");
        });
    http.start();
    return new StatusServer(http, ex);
  }

  private static boolean exact(HttpExchange x, String path) throws IOException {
    if (x.getRequestURI().getPath().equals(path)) {
      return true;
    }
    send(x, 404, "text/plain", "not found: " + x.getRequestURI().getPath() + "\n");
    return false;
  }

  private static void send(HttpExchange x, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream o = x.getResponseBody()) {
        o.write(b);
      }
    }
    x.close();
  }

  /** The configuration under TiKV's names (sizes and durations in TiKV's readable form). */
  static Map<String, Object> configJson(KvConfig c, Supplier<String> advertised) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("log", Map.of("level", c.logLevel()));
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("addr", c.addr().toString());
    server.put("advertise-addr", advertised.get());
    server.put("status-addr", c.statusAddr() == null ? "" : c.statusAddr().toString());
    server.put("worker-threads", c.workerThreads());
    root.put("server", server);
    Map<String, Object> storage = new LinkedHashMap<>();
    storage.put("data-dir", c.dataDir().toAbsolutePath().normalize().toString());
    storage.put("api-version", c.apiVersion() == ApiVersion.V2 ? 2 : 1);
    storage.put("enable-ttl", c.apiVersion() != ApiVersion.V1);
    storage.put("sync-write", c.syncWrite());
    storage.put("scheduler-pending-write-threshold", Readable.size(c.pendingWriteThreshold()));
    storage.put("block-cache", Map.of("capacity", Readable.size(c.blockCacheBytes())));
    root.put("storage", storage);
    root.put("pd", Map.of("endpoints", c.pdEndpoints()));
    Map<String, Object> raftstore = new LinkedHashMap<>();
    raftstore.put("split-region-check-tick-interval", Readable.duration(c.splitCheckTick()));
    raftstore.put("region-split-check-diff", Readable.size(c.regionSplitCheckDiff()));
    raftstore.put("pd-heartbeat-tick-interval", Readable.duration(c.pdHeartbeatTick()));
    raftstore.put("pd-store-heartbeat-tick-interval", Readable.duration(c.storeHeartbeatTick()));
    root.put("raftstore", raftstore);
    Map<String, Object> copr = new LinkedHashMap<>();
    copr.put("region-split-size", Readable.size(c.regionSplitSize()));
    copr.put("region-max-size", Readable.size(c.regionMaxSize()));
    copr.put("region-split-keys", c.regionSplitKeys());
    copr.put("region-max-keys", c.regionMaxKeys());
    root.put("coprocessor", copr);
    root.put("gc", Map.of("poll-safe-point-interval", Readable.duration(c.gcPollInterval())));
    root.put(
        "pessimistic-txn",
        Map.of("wait-for-lock-timeout", Readable.duration(c.waitForLockTimeout())));
    return root;
  }

  int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}

package dev.patina.cli;

import dev.patina.cli.stream.StreamDatabase;
import dev.patina.kv.ApiVersion;
import dev.patina.kv.server.KvConfig;
import dev.patina.kv.server.KvServer;
import dev.patina.pd.HostPort;
import dev.patina.pd.PdConfig;
import dev.patina.pd.PdException;
import dev.patina.pd.PdServer;
import dev.patina.stream.pgwire.PgServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code patina up}: a PD, a TiKV store and the streaming database in one process, as TiUP's and
 * RisingWave's playgrounds start them.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start a local cluster: a PD on port 2379, a TiKV store on port 20160 (status",
      "on 20180) and the streaming SQL database on port 4566 (PostgreSQL protocol),",
      "with data under ./patina-data; prints what to connect to. Ctrl-C stops all",
      "cleanly; a second start reuses the data.",
    },
    footer = {
      "",
      "Examples:",
      "  patina up",
      "  patina up --data-dir /tmp/cluster --api-version 2",
    })
public final class UpCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where PD and the store keep their data (default: patina-data).")
  Path dataDir = Path.of("patina-data");

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to listen on (default: 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(names = "--pd-port", paramLabel = "PORT", description = "PD's port (default: 2379).")
  int pdPort = PdConfig.DEFAULT_CLIENT_PORT;

  @Option(
      names = "--kv-port",
      paramLabel = "PORT",
      description = "The store's port (default: 20160).")
  int kvPort = KvConfig.DEFAULT_PORT;

  @Option(
      names = "--status-port",
      paramLabel = "PORT",
      description = "The store's status port (default: 20180).")
  int statusPort = KvConfig.DEFAULT_STATUS_PORT;

  @Option(
      names = "--stream-port",
      paramLabel = "PORT",
      description =
          "The streaming database's PostgreSQL port (default: 4566; -1: do not start it).")
  int streamPort = PgServerConfig.DEFAULT_PORT;

  @Option(
      names = "--api-version",
      paramLabel = "1|2",
      description = "Storage API version: 1 (default) or 2 (keyspaces).")
  int apiVersion = 1;

  @Option(names = "--enable-ttl", description = "Allow raw TTLs in API V1.")
  boolean enableTtl;

  @Option(
      names = {"-L", "--log-level"},
      paramLabel = "LEVEL",
      description = "trace, debug, info, warn or error (default: warn).")
  String logLevel = "warn";

  @Override
  public Integer call() throws Exception {
    PdConfig pdConfig;
    KvConfig kvConfig;
    try {
      if (streamPort < -1 || streamPort > 65535) {
        throw new IllegalArgumentException("--stream-port: " + streamPort + " is not a TCP port");
      }
      if (apiVersion != 1 && apiVersion != 2) {
        throw new IllegalArgumentException("--api-version must be 1 or 2, got " + apiVersion);
      }
      pdConfig =
          PdConfig.defaults()
              .withDataDir(dataDir.resolve("pd"))
              .withClientAddress(new HostPort(host, pdPort))
              .withStatusAddress(null)
              .withLogLevel(logLevel);
      kvConfig =
          KvConfig.defaults().toBuilder()
              .dataDir(dataDir.resolve("kv"))
              .addr(new HostPort(host, kvPort))
              .statusAddr(new HostPort(host, statusPort))
              .pdEndpoints(List.of(new HostPort(host, pdPort).toString()))
              .apiVersion(
                  apiVersion == 2 ? ApiVersion.V2 : enableTtl ? ApiVersion.V1TTL : ApiVersion.V1)
              .logLevel(logLevel)
              .build();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    ServerLogging.configure(logLevel);
    PdServer pd;
    try {
      pd = PdServer.start(pdConfig);
    } catch (IOException | PdException e) {
      throw new UserError(e.getMessage());
    }
    KvServer kv;
    try {
      String endpoint = pd.clientUrl().substring("http://".length());
      kv = KvServer.start(kvConfig.toBuilder().pdEndpoints(List.of(endpoint)).build());
    } catch (IOException | dev.patina.kv.pd.PdException | IllegalStateException e) {
      pd.close();
      throw new UserError(e.getMessage());
    } catch (RuntimeException e) {
      pd.close();
      throw e;
    }
    StreamDatabase stream;
    try {
      stream =
          streamPort < 0 ? null : StreamDatabase.start(dataDir.resolve("stream"), host, streamPort);
    } catch (UserError e) {
      kv.close();
      pd.close();
      throw e;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("patina-shutdown")
                .unstarted(
                    () -> {
                      if (stream != null) {
                        stream.close();
                      }
                      kv.close();
                      pd.close();
                    }));
    String pdAddress = pd.clientUrl().substring("http://".length());
    PrintStream out = System.out;
    out.println(
        "Patina cluster is up: PD and 1 TiKV store (API "
            + kvConfig.apiVersion()
            + ", cluster id "
            + Long.toUnsignedString(pd.clusterId())
            + ").");
    out.println("  PD endpoint:   " + pdAddress);
    out.println("  TiKV store:    " + kv.address());
    if (kv.statusAddress() != null) {
      out.println("  Store status:  http://" + kv.statusAddress() + "/metrics");
    }
    out.println("  Java client (org.tikv:tikv-client-java):");
    out.println(
        "    TiSession.create(TiConfiguration.createRawDefault(\"" + pdAddress + "\"))   // raw");
    out.println(
        "    TiSession.create(TiConfiguration.createDefault(\"" + pdAddress + "\"))      // txn");
    if (stream != null) {
      out.println("  Streaming SQL: psql -h " + host + " -p " + stream.port() + " -U root dev");
    }
    out.println("  Data:          " + dataDir.toAbsolutePath().normalize());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    kv.awaitTermination();
    return 0;
  }
}

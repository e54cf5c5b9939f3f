package dev.patina.cli.pd;

import dev.patina.cli.ServerLogging;
import dev.patina.cli.UserError;
import dev.patina.pd.ConfigException;
import dev.patina.pd.HostPort;
import dev.patina.pd.PdConfig;
import dev.patina.pd.PdConfigFile;
import dev.patina.pd.PdException;
import dev.patina.pd.PdServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code patina pd start}: runs a PD until Ctrl-C. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start a Placement Driver: cluster metadata, timestamp oracle and region",
      "routing, served over gRPC (pdpb.PD, grpc.health.v1) to TiKV clients and stores.",
    },
    footer = {
      "",
      "With no options: listens on 127.0.0.1:2379, serves Prometheus metrics on",
      "http://127.0.0.1:2381/metrics, keeps its data in ./patina-data/pd (a second",
      "start reuses it). Options override the file, which overrides the defaults.",
      "",
      "Configuration file (TOML, PD's key names):",
      "  name = \"pd\"",
      "  data-dir = \"patina-data/pd\"",
      "  client-urls = \"http://127.0.0.1:2379\"",
      "  advertise-client-urls = \"http://10.0.0.5:2379\"",
      "  status-addr = \"127.0.0.1:2381\"          # Patina: where /metrics is served",
      "  tso-save-interval = \"3s\"",
      "  [replication]",
      "  max-replicas = 3",
      "  [log]",
      "  level = \"info\"",
      "",
      "Examples:",
      "  patina pd start",
      "  patina pd start --data-dir /var/lib/patina/pd --client-urls 0.0.0.0:2379 \\",
      "      --advertise-client-urls 10.0.0.5:2379",
      "  patina pd start --config pd.toml",
    })
public final class PdStartCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where metadata is kept (default: patina-data/pd).")
  Path dataDir;

  @Option(
      names = "--client-urls",
      paramLabel = "HOST:PORT",
      description =
          "Address to serve clients on, HOST:PORT or http://HOST:PORT (default: 127.0.0.1:2379).")
  String clientUrls;

  @Option(
      names = "--advertise-client-urls",
      paramLabel = "HOST:PORT",
      description = "Address given to clients, when it differs from the one listened on.")
  String advertiseClientUrls;

  @Option(
      names = "--status-addr",
      paramLabel = "HOST:PORT",
      description = "HTTP address of /metrics (default: 127.0.0.1:2381; '' for none).")
  String statusAddr;

  @Option(names = "--name", paramLabel = "NAME", description = "Member name (default: pd).")
  String name;

  @Option(
      names = "--config",
      paramLabel = "FILE.toml",
      description = "Configuration file in PD's TOML format.")
  Path config;

  @Option(
      names = {"-L", "--log-level"},
      paramLabel = "LEVEL",
      description = "trace, debug, info, warn or error (default: info).")
  String logLevel;

  @Override
  public Integer call() throws Exception {
    PdConfig c = PdConfig.defaults();
    List<String> warnings = List.of();
    try {
      if (config != null) {
        PdConfigFile.Result r = PdConfigFile.read(config, c);
        c = r.config();
        warnings = r.warnings();
      }
      if (dataDir != null) {
        c = c.withDataDir(dataDir);
      }
      if (clientUrls != null) {
        c = c.withClientAddress(address("--client-urls", clientUrls));
      }
      if (advertiseClientUrls != null) {
        c = c.withAdvertiseClientAddress(address("--advertise-client-urls", advertiseClientUrls));
      }
      if (statusAddr != null) {
        c = c.withStatusAddress(statusAddr.isBlank() ? null : address("--status-addr", statusAddr));
      }
      if (name != null) {
        c = c.withName(name);
      }
      if (logLevel != null) {
        c = c.withLogLevel(logLevel);
      }
    } catch (ConfigException | IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }

    ServerLogging.configure(c.logLevel());
    Logger log = LoggerFactory.getLogger("patina.pd");
    for (String w : warnings) {
      log.warn("{}: {}", config, w);
    }

    PdServer server;
    try {
      server = PdServer.start(c);
    } catch (IOException | PdException e) {
      throw new UserError(e.getMessage());
    }
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("pd-shutdown").unstarted(server::close));

    PrintStream out = System.out;
    String hostPort = server.clientUrl().substring("http://".length());
    out.println("PD is ready (cluster id " + Long.toUnsignedString(server.clusterId()) + ").");
    out.println("  PD endpoint:  " + server.clientUrl());
    out.println(
        "  Java client:  TiConfiguration.createDefault(\"" + hostPort + "\")   (tikv-client-java)");
    if (server.statusPort() >= 0) {
      HostPort s = c.statusAddress().withPort(server.statusPort());
      out.println("  Metrics:      http://" + s + "/metrics");
    }
    out.println("  Data:         " + c.dataDir().toAbsolutePath().normalize());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    server.awaitTermination();
    return 0;
  }

  private static HostPort address(String option, String value) {
    try {
      return HostPort.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }
}

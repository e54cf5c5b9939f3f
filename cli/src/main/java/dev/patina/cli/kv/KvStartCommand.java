package dev.patina.cli.kv;

import dev.patina.cli.ServerLogging;
import dev.patina.cli.UserError;
import dev.patina.kv.ApiVersion;
import dev.patina.kv.pd.PdException;
import dev.patina.kv.server.KvConfig;
import dev.patina.kv.server.KvConfigFile;
import dev.patina.kv.server.KvServer;
import dev.patina.pd.HostPort;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code patina kv start}: runs a store until Ctrl-C. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start a TiKV store: it joins the cluster of the PD it is given (bootstrapping it",
      "when new), serves tikvpb.Tikv and grpc.health.v1 over gRPC to TiKV clients, and",
      "splits its regions as they grow.",
    },
    footer = {
      "",
      "With no options: listens on 127.0.0.1:20160, serves /status, /config and /metrics",
      "on http://127.0.0.1:20180, talks to PD at 127.0.0.1:2379, keeps its data in",
      "./patina-data/kv (a second start reuses it). Options override the file, which",
      "overrides the defaults.",
      "",
      "Configuration file (TOML, TiKV's key names):",
      "  log-level = \"info\"",
      "  [server]",
      "  addr = \"127.0.0.1:20160\"",
      "  advertise-addr = \"10.0.0.5:20160\"",
      "  status-addr = \"127.0.0.1:20180\"",
      "  raft-addr = \"127.0.0.1:20170\"          # Patina: replicate regions with Raft",
      "  [storage]",
      "  data-dir = \"patina-data/kv\"",
      "  api-version = 1                        # 1 or 2 (keyspaces)",
      "  enable-ttl = false                     # raw TTLs in API V1",
      "  sync-write = true                      # Patina: fsync the WAL before acknowledging",
      "  [pd]",
      "  endpoints = [\"127.0.0.1:2379\"]",
      "  [coprocessor]",
      "  region-split-size = \"256MiB\"",
      "  region-split-keys = 2560000",
      "  [raftstore]",
      "  split-region-check-tick-interval = \"10s\"",
      "",
      "Examples:",
      "  patina kv start --pd 127.0.0.1:2379",
      "  patina kv start --pd 127.0.0.1:2379 --addr 127.0.0.1:20161 --raft-addr 127.0.0.1:20171 \\",
      "      --status-addr 127.0.0.1:20181 --data-dir patina-data/kv2   # a second replica",
      "  patina kv start --pd 10.0.0.1:2379 --addr 0.0.0.0:20160 \\",
      "      --advertise-addr 10.0.0.5:20160 --data-dir /var/lib/patina/kv",
      "  patina kv start --config tikv.toml",
    })
public final class KvStartCommand implements Callable<Integer> {
  @Option(
      names = {"--pd", "--pd-endpoints"},
      paramLabel = "HOST:PORT[,...]",
      description = "PD endpoints (default: 127.0.0.1:2379).")
  String pd;

  @Option(
      names = {"-A", "--addr"},
      paramLabel = "HOST:PORT",
      description = "Address to serve clients on (default: 127.0.0.1:20160).")
  String addr;

  @Option(
      names = "--advertise-addr",
      paramLabel = "HOST:PORT",
      description = "Address given to PD and clients, when it differs from --addr.")
  String advertiseAddr;

  @Option(
      names = "--raft-addr",
      paramLabel = "HOST:PORT",
      description =
          "Replicate regions with Raft: where other stores reach this one (e.g. 127.0.0.1:20170;"
              + " keep it fixed across restarts). Without it the store keeps one replica.")
  String raftAddr;

  @Option(
      names = "--status-addr",
      paramLabel = "HOST:PORT",
      description =
          "HTTP address of /status, /config, /metrics (default: 127.0.0.1:20180; '' for none).")
  String statusAddr;

  @Option(
      names = {"-s", "--data-dir"},
      paramLabel = "DIR",
      description = "Where data is kept (default: patina-data/kv).")
  Path dataDir;

  @Option(
      names = "--api-version",
      paramLabel = "1|2",
      description = "Storage API version: 1 (default) or 2 (keyspaces).")
  Integer apiVersion;

  @Option(names = "--enable-ttl", description = "Allow raw TTLs in API V1 (storage.enable-ttl).")
  boolean enableTtl;

  @Option(
      names = {"-C", "--config"},
      paramLabel = "FILE.toml",
      description = "Configuration file in TiKV's TOML format.")
  Path config;

  @Option(
      names = {"-L", "--log-level"},
      paramLabel = "LEVEL",
      description = "trace, debug, info, warn or error (default: info).")
  String logLevel;

  @Override
  public Integer call() throws Exception {
    KvConfig c = KvConfig.defaults();
    List<String> warnings = List.of();
    try {
      if (config != null) {
        KvConfigFile.Result r = KvConfigFile.read(config, c);
        c = r.config();
        warnings = r.warnings();
      }
      c = apply(c);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    ServerLogging.configure(c.logLevel());
    Logger log = LoggerFactory.getLogger("patina.kv");
    for (String w : warnings) {
      log.warn("{}: {}", config, w);
    }
    KvServer server = start(c);
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("kv-shutdown").unstarted(server::close));
    PrintStream out = System.out;
    out.println("TiKV store " + server.storeId() + " is ready (API " + c.apiVersion() + ").");
    out.println("  Store:        " + server.address());
    out.println("  PD:           " + String.join(",", c.pdEndpoints()));
    if (server.raft() != null) {
      out.println("  Raft:         port " + server.raft().port() + " (regions replicated)");
    }
    if (server.statusAddress() != null) {
      out.println(
          "  Status:       http://" + server.statusAddress() + "/status, /config, /metrics");
    }
    out.println("  Data:         " + c.dataDir().toAbsolutePath().normalize());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    server.awaitTermination();
    return 0;
  }

  /** The command-line options over {@code c}. */
  KvConfig apply(KvConfig c) {
    KvConfig.Builder b = c.toBuilder();
    if (pd != null) {
      b.pdEndpoints(Arrays.stream(pd.split(",")).map(String::strip).toList());
    }
    if (addr != null) {
      b.addr(address("--addr", addr));
    }
    if (advertiseAddr != null) {
      b.advertiseAddr(address("--advertise-addr", advertiseAddr));
    }
    if (raftAddr != null) {
      b.raftAddr(raftAddr.isBlank() ? null : address("--raft-addr", raftAddr));
    }
    if (statusAddr != null) {
      b.statusAddr(statusAddr.isBlank() ? null : address("--status-addr", statusAddr));
    }
    if (dataDir != null) {
      b.dataDir(dataDir);
    }
    if (apiVersion != null) {
      if (apiVersion != 1 && apiVersion != 2) {
        throw new IllegalArgumentException("--api-version must be 1 or 2, got " + apiVersion);
      }
      b.apiVersion(apiVersion == 2 ? ApiVersion.V2 : ApiVersion.V1);
    }
    if (enableTtl && c.apiVersion() == ApiVersion.V1 && (apiVersion == null || apiVersion == 1)) {
      b.apiVersion(ApiVersion.V1TTL);
    }
    if (logLevel != null) {
      b.logLevel(logLevel);
    }
    return b.build();
  }

  static HostPort address(String option, String value) {
    try {
      return HostPort.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /** Starts the store, turning the failures a user can fix into one-line errors. */
  static KvServer start(KvConfig c) {
    try {
      return KvServer.start(c);
    } catch (IOException | PdException | IllegalStateException e) {
      throw new UserError(e.getMessage());
    } catch (dev.patina.kv.KvException e) {
      throw new UserError("cannot open the data in " + c.dataDir() + ": " + e.getMessage());
    }
  }
}

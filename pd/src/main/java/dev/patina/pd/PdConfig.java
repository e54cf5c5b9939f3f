package dev.patina.pd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a PD server runs. {@link #defaults()} starts a working single-member PD with no file; a TOML
 * file in PD's format overrides what it names ({@link PdConfigFile}).
 *
 * @param name member name (GetMembers)
 * @param dataDir where metadata is kept
 * @param clientAddress where the gRPC service listens (port 0: any free port)
 * @param advertiseClientAddress the address given to clients, or null for the listening one
 * @param statusAddress where /metrics is served over HTTP, or null for none
 * @param tsoSaveInterval width of the persisted TSO window
 * @param maxReplicas replica count recorded at bootstrap (replication.max-replicas)
 * @param logLevel trace, debug, info, warn or error
 */
public record PdConfig(
    String name,
    Path dataDir,
    HostPort clientAddress,
    HostPort advertiseClientAddress,
    HostPort statusAddress,
    Duration tsoSaveInterval,
    int maxReplicas,
    String logLevel) {

  public static final int DEFAULT_CLIENT_PORT = 2379;
  public static final int DEFAULT_STATUS_PORT = 2381;
  private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

  public PdConfig {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("data-dir must be set");
    }
    if (clientAddress == null) {
      throw new IllegalArgumentException("client-urls must be set");
    }
    if (tsoSaveInterval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "tso-save-interval must be at least 1ms, got " + tsoSaveInterval);
    }
    if (maxReplicas < 1) {
      throw new IllegalArgumentException(
          "replication.max-replicas must be at least 1, got " + maxReplicas);
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

  /** PD's defaults: member "pd", 127.0.0.1:2379, data under ./patina-data/pd, 3 s TSO window. */
  public static PdConfig defaults() {
    return new PdConfig(
        "pd",
        Path.of("patina-data", "pd"),
        new HostPort("127.0.0.1", DEFAULT_CLIENT_PORT),
        null,
        new HostPort("127.0.0.1", DEFAULT_STATUS_PORT),
        Duration.ofSeconds(3),
        3,
        "info");
  }

  /** Defaults for tests and embedding: any free ports on 127.0.0.1, data in {@code dataDir}. */
  public static PdConfig ephemeral(Path dataDir) {
    return defaults()
        .withDataDir(dataDir)
        .withClientAddress(new HostPort("127.0.0.1", 0))
        .withStatusAddress(new HostPort("127.0.0.1", 0));
  }

  public PdConfig withName(String v) {
    return new PdConfig(
        v,
        dataDir,
        clientAddress,
        advertiseClientAddress,
        statusAddress,
        tsoSaveInterval,
        maxReplicas,
        logLevel);
  }

  public PdConfig withDataDir(Path v) {
    return new PdConfig(
        name,
        v,
        clientAddress,
        advertiseClientAddress,
        statusAddress,
        tsoSaveInterval,
        maxReplicas,
        logLevel);
  }

  public PdConfig withClientAddress(HostPort v) {
    return new PdConfig(
        name,
        dataDir,
        v,
        advertiseClientAddress,
        statusAddress,
        tsoSaveInterval,
        maxReplicas,
        logLevel);
  }

  public PdConfig withAdvertiseClientAddress(HostPort v) {
    return new PdConfig(
        name, dataDir, clientAddress, v, statusAddress, tsoSaveInterval, maxReplicas, logLevel);
  }

  public PdConfig withStatusAddress(HostPort v) {
    return new PdConfig(
        name,
        dataDir,
        clientAddress,
        advertiseClientAddress,
        v,
        tsoSaveInterval,
        maxReplicas,
        logLevel);
  }

  public PdConfig withTsoSaveInterval(Duration v) {
    return new PdConfig(
        name,
        dataDir,
        clientAddress,
        advertiseClientAddress,
        statusAddress,
        v,
        maxReplicas,
        logLevel);
  }

  public PdConfig withMaxReplicas(int v) {
    return new PdConfig(
        name,
        dataDir,
        clientAddress,
        advertiseClientAddress,
        statusAddress,
        tsoSaveInterval,
        v,
        logLevel);
  }

  public PdConfig withLogLevel(String v) {
    return new PdConfig(
        name,
        dataDir,
        clientAddress,
        advertiseClientAddress,
        statusAddress,
        tsoSaveInterval,
        maxReplicas,
        v);
  }

  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  /**
   * Parses a Go duration as PD's files write them ({@code 3s}, {@code 100ms}, {@code 1m30s}).
   *
   * @throws IllegalArgumentException with the reason
   */
  public static Duration parseDuration(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(s);
    int at = 0;
    double nanos = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration (write e.g. 3s, 100ms, 1m30s)");
      }
      double v = Double.parseDouble(m.group(1));
      nanos +=
          v
              * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
              };
      at = m.end();
    }
    return Duration.ofNanos((long) nanos);
  }
}

package dev.patina.pd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Reads a PD configuration file (TOML, with PD's key names) over a base configuration.
 *
 * <p>Items: {@code name}, {@code data-dir}, {@code client-urls}, {@code advertise-client-urls},
 * {@code tso-save-interval}, {@code [replication] max-replicas}, {@code [log] level}, and Patina's
 * {@code status-addr} (where /metrics is served; the real PD serves it on the client port). PD
 * items that only matter to an etcd-backed, multi-member or scheduling PD are accepted and reported
 * as ignored; unknown items are reported too. Wrong types and values fail with the item's name.
 */
public final class PdConfigFile {
  private PdConfigFile() {}

  /** The configuration, and one line per item that was ignored. */
  public record Result(PdConfig config, List<String> warnings) {}

  private static final Set<String> IGNORED_TOP =
      Set.of(
          "peer-urls",
          "advertise-peer-urls",
          "initial-cluster",
          "initial-cluster-state",
          "initial-cluster-token",
          "join",
          "lease",
          "quota-backend-bytes",
          "auto-compaction-mode",
          "auto-compaction-retention",
          "auto-compaction-retention-v2",
          "force-new-cluster",
          "enable-grpc-gateway",
          "enable-local-tso",
          "tso-update-physical-interval",
          "max-request-bytes",
          "election-interval",
          "enable-prevote",
          "tick-interval",
          "cluster-version",
          "disable-strict-reconfig-check");
  private static final Set<String> IGNORED_TABLES =
      Set.of(
          "schedule",
          "security",
          "metric",
          "pd-server",
          "label-property",
          "dashboard",
          "replication-mode",
          "keyspace",
          "controller");

  public static Result read(Path file, PdConfig base) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString(), base);
  }

  public static Result parse(String toml, String source, PdConfig base) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (JacksonException e) {
      throw new ConfigException(source + ": not valid TOML: " + e.getOriginalMessage(), e);
    }
    List<String> warnings = new ArrayList<>();
    PdConfig c = base;
    try {
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        String key = e.getKey();
        JsonNode v = e.getValue();
        switch (key) {
          case "name" -> c = c.withName(string(key, v));
          case "data-dir" -> c = c.withDataDir(Path.of(string(key, v)));
          case "client-urls" -> c = c.withClientAddress(address(key, v));
          case "advertise-client-urls" -> c = c.withAdvertiseClientAddress(address(key, v));
          case "status-addr" -> {
            String s = string(key, v);
            c = c.withStatusAddress(s.isEmpty() ? null : address(key, v));
          }
          case "tso-save-interval" -> c = c.withTsoSaveInterval(duration(key, v));
          case "replication" -> {
            for (Map.Entry<String, JsonNode> r : table(key, v).properties()) {
              String k = key + "." + r.getKey();
              if (r.getKey().equals("max-replicas")) {
                c = c.withMaxReplicas(integer(k, r.getValue()));
              } else {
                warnings.add("ignored " + k + " (Patina's PD does no replica scheduling yet)");
              }
            }
          }
          case "log" -> {
            for (Map.Entry<String, JsonNode> r : table(key, v).properties()) {
              String k = key + "." + r.getKey();
              if (r.getKey().equals("level")) {
                c = c.withLogLevel(string(k, r.getValue()));
              } else {
                warnings.add("ignored " + k + " (logs go to standard error)");
              }
            }
          }
          default -> {
            if (IGNORED_TOP.contains(key) || IGNORED_TABLES.contains(key)) {
              warnings.add("ignored " + key + " (not used by Patina's single-member PD)");
            } else {
              warnings.add("unknown configuration item " + key + " (ignored)");
            }
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + e.getMessage(), e);
    }
    return new Result(c, List.copyOf(warnings));
  }

  private static String string(String key, JsonNode v) {
    if (!v.isString()) {
      throw new IllegalArgumentException(key + " must be a string, got " + kind(v));
    }
    return v.asString();
  }

  private static int integer(String key, JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(key + " must be an integer, got " + kind(v));
    }
    return v.asInt();
  }

  private static JsonNode table(String key, JsonNode v) {
    if (!v.isObject()) {
      throw new IllegalArgumentException(key + " must be a table, got " + kind(v));
    }
    return v;
  }

  private static HostPort address(String key, JsonNode v) {
    try {
      return HostPort.parse(string(key, v));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  private static java.time.Duration duration(String key, JsonNode v) {
    try {
      return PdConfig.parseDuration(string(key, v));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  private static String kind(JsonNode v) {
    return v.isObject()
        ? "a table"
        : v.isArray()
            ? "an array"
            : v.isNumber() ? "a number" : v.isBoolean() ? "a boolean" : v.toString();
  }
}

package dev.patina.kv.server;

import dev.patina.kv.ApiVersion;
import dev.patina.pd.HostPort;
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
 * Reads a store configuration file (TOML, TiKV's key names) over a base configuration.
 *
 * <p>Items: {@code log-level} / {@code [log] level}; {@code [server] addr, advertise-addr,
 * status-addr} (and Patina's {@code worker-threads} and {@code raft-addr}); {@code [storage]
 * data-dir, api-version, enable-ttl, scheduler-pending-write-threshold, [storage.block-cache]
 * capacity} (and Patina's {@code sync-write}); {@code [pd] endpoints}; {@code [raftstore]
 * split-region-check-tick-interval, region-split-check-diff, pd-heartbeat-tick-interval,
 * pd-store-heartbeat-tick-interval}; {@code [coprocessor] region-split-size, region-max-size,
 * region-split-keys, region-max-keys} (a max not given is 1.5 × the split value, and the check diff
 * 1/16 of the split size, as TiKV derives them); {@code [gc] poll-safe-point-interval}; {@code
 * [pessimistic-txn] wait-for-lock-timeout}. Sizes are TiKV's readable sizes ({@code "96MiB"}) or
 * byte counts, durations TiKV's ({@code "10s"}). Other TiKV sections are accepted and reported as
 * ignored; unknown items are reported too. Wrong types and values fail with the item's name.
 */
public final class KvConfigFile {
  private KvConfigFile() {}

  /** The configuration, and one line per item that was ignored. */
  public record Result(KvConfig config, List<String> warnings) {}

  private static final Set<String> IGNORED_TABLES =
      Set.of(
          "readpool",
          "rocksdb",
          "raftdb",
          "raft-engine",
          "security",
          "import",
          "backup",
          "cdc",
          "resolved-ts",
          "resource-metering",
          "quota",
          "split",
          "memory",
          "causal-ts",
          "metric",
          "in-memory-engine",
          "resource-control",
          "log-backup",
          "backup-stream",
          "slow-log");

  /**
   * Reads {@code file} over {@code base}.
   *
   * @throws IllegalArgumentException with the file, the item and the reason
   */
  public static Result read(Path file, KvConfig base) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
    }
    return parse(text, file.toString(), base);
  }

  public static Result parse(String toml, String source, KvConfig base) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(source + ": not valid TOML: " + e.getOriginalMessage());
    }
    List<String> warnings = new ArrayList<>();
    KvConfig.Builder b = base.toBuilder();
    try {
      Derived d = new Derived();
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        String key = e.getKey();
        JsonNode v = e.getValue();
        switch (key) {
          case "log-level" -> b.logLevel(string(key, v));
          case "log" ->
              each(
                  key,
                  v,
                  warnings,
                  (k, x) -> {
                    if (k.equals("level")) {
                      b.logLevel(string("log.level", x));
                      return true;
                    }
                    return false;
                  });
          case "server" -> server(v, b, warnings);
          case "storage" -> storage(v, b, base, warnings);
          case "pd" ->
              each(
                  key,
                  v,
                  warnings,
                  (k, x) -> {
                    if (k.equals("endpoints")) {
                      b.pdEndpoints(strings("pd.endpoints", x));
                      return true;
                    }
                    return false;
                  });
          case "raftstore" -> raftstore(v, b, d, warnings);
          case "coprocessor" -> coprocessor(v, b, d, warnings);
          case "gc" ->
              each(
                  key,
                  v,
                  warnings,
                  (k, x) -> {
                    if (k.equals("poll-safe-point-interval")) {
                      b.gcPollInterval(duration("gc." + k, x));
                      return true;
                    }
                    return false;
                  });
          case "pessimistic-txn" ->
              each(
                  key,
                  v,
                  warnings,
                  (k, x) -> {
                    if (k.equals("wait-for-lock-timeout")) {
                      b.waitForLockTimeout(duration("pessimistic-txn." + k, x));
                      return true;
                    }
                    return false;
                  });
          default -> {
            if (IGNORED_TABLES.contains(key)) {
              warnings.add("ignored [" + key + "] (not used by Patina's store)");
            } else {
              warnings.add("unknown configuration item " + key + " (ignored)");
            }
          }
        }
      }
      d.apply(b);
      return new Result(b.build(), List.copyOf(warnings));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** Split thresholds given in the file, so the unset ones derive from them as TiKV's do. */
  private static final class Derived {
    Long splitSize;
    Long maxSize;
    Long splitKeys;
    Long maxKeys;
    Long checkDiff;

    void apply(KvConfig.Builder b) {
      KvConfig c = b.build();
      long split = splitSize != null ? splitSize : c.regionSplitSize();
      long keys = splitKeys != null ? splitKeys : c.regionSplitKeys();
      b.regionSplitSize(split);
      b.regionMaxSize(
          maxSize != null ? maxSize : splitSize != null ? split / 2 * 3 : c.regionMaxSize());
      b.regionSplitKeys(keys);
      b.regionMaxKeys(
          maxKeys != null ? maxKeys : splitKeys != null ? keys / 2 * 3 : c.regionMaxKeys());
      b.regionSplitCheckDiff(
          checkDiff != null
              ? checkDiff
              : splitSize != null ? split / 16 : c.regionSplitCheckDiff());
    }
  }

  private interface Item {
    /** Applies one item; false when the key is not known. */
    boolean apply(String key, JsonNode value);
  }

  private static void each(String table, JsonNode v, List<String> warnings, Item item) {
    if (!v.isObject()) {
      throw new IllegalArgumentException(table + " must be a table, got " + kind(v));
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!item.apply(e.getKey(), e.getValue())) {
        warnings.add("ignored " + table + "." + e.getKey() + " (not used by Patina's store)");
      }
    }
  }

  private static void server(JsonNode v, KvConfig.Builder b, List<String> warnings) {
    each(
        "server",
        v,
        warnings,
        (k, x) -> {
          String name = "server." + k;
          switch (k) {
            case "addr" -> b.addr(address(name, x));
            case "advertise-addr" -> {
              String s = string(name, x);
              b.advertiseAddr(s.isEmpty() ? null : address(name, x));
            }
            case "status-addr" -> {
              String s = string(name, x);
              b.statusAddr(s.isEmpty() ? null : address(name, x));
            }
            case "raft-addr" -> {
              String s = string(name, x);
              b.raftAddr(s.isEmpty() ? null : address(name, x));
            }
            case "worker-threads" -> b.workerThreads(integer(name, x));
            default -> {
              return false;
            }
          }
          return true;
        });
  }

  private static void storage(
      JsonNode v, KvConfig.Builder b, KvConfig base, List<String> warnings) {
    Integer[] api = {null};
    Boolean[] ttl = {null};
    each(
        "storage",
        v,
        warnings,
        (k, x) -> {
          String name = "storage." + k;
          switch (k) {
            case "data-dir" -> b.dataDir(Path.of(string(name, x)));
            case "api-version" -> {
              int n = integer(name, x);
              if (n != 1 && n != 2) {
                throw new IllegalArgumentException(name + " must be 1 or 2, got " + n);
              }
              api[0] = n;
            }
            case "enable-ttl" -> ttl[0] = bool(name, x);
            case "sync-write" -> b.syncWrite(bool(name, x));
            case "scheduler-pending-write-threshold" -> b.pendingWriteThreshold(size(name, x));
            case "block-cache" ->
                each(
                    name,
                    x,
                    warnings,
                    (k2, y) -> {
                      if (k2.equals("capacity")) {
                        b.blockCacheBytes(size(name + ".capacity", y));
                        return true;
                      }
                      return false;
                    });
            default -> {
              return false;
            }
          }
          return true;
        });
    if (api[0] != null || ttl[0] != null) {
      ApiVersion cur = base.apiVersion();
      int version = api[0] != null ? api[0] : cur == ApiVersion.V2 ? 2 : 1;
      boolean enableTtl = ttl[0] != null ? ttl[0] : cur != ApiVersion.V1;
      b.apiVersion(version == 2 ? ApiVersion.V2 : enableTtl ? ApiVersion.V1TTL : ApiVersion.V1);
    }
  }

  private static void raftstore(JsonNode v, KvConfig.Builder b, Derived d, List<String> warnings) {
    each(
        "raftstore",
        v,
        warnings,
        (k, x) -> {
          String name = "raftstore." + k;
          switch (k) {
            case "split-region-check-tick-interval" -> b.splitCheckTick(duration(name, x));
            case "region-split-check-diff" -> d.checkDiff = size(name, x);
            case "pd-heartbeat-tick-interval" -> b.pdHeartbeatTick(duration(name, x));
            case "pd-store-heartbeat-tick-interval" -> b.storeHeartbeatTick(duration(name, x));
            default -> {
              return false;
            }
          }
          return true;
        });
  }

  private static void coprocessor(
      JsonNode v, KvConfig.Builder b, Derived d, List<String> warnings) {
    each(
        "coprocessor",
        v,
        warnings,
        (k, x) -> {
          String name = "coprocessor." + k;
          switch (k) {
            case "region-split-size" -> d.splitSize = size(name, x);
            case "region-max-size" -> d.maxSize = size(name, x);
            case "region-split-keys" -> d.splitKeys = (long) integer(name, x);
            case "region-max-keys" -> d.maxKeys = (long) integer(name, x);
            default -> {
              return false;
            }
          }
          return true;
        });
  }

  private static String string(String key, JsonNode v) {
    if (!v.isString()) {
      throw new IllegalArgumentException(key + " must be a string, got " + kind(v));
    }
    return v.asString();
  }

  private static List<String> strings(String key, JsonNode v) {
    if (v.isString()) {
      return List.of(v.asString().split(","));
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException(key + " must be an array of strings, got " + kind(v));
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      out.add(string(key, e));
    }
    return out;
  }

  private static int integer(String key, JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(key + " must be an integer, got " + kind(v));
    }
    return v.asInt();
  }

  private static boolean bool(String key, JsonNode v) {
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(key + " must be true or false, got " + kind(v));
    }
    return v.asBoolean();
  }

  private static long size(String key, JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    String text = string(key, v);
    try {
      return Readable.size(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  private static java.time.Duration duration(String key, JsonNode v) {
    String text = string(key, v);
    try {
      return Readable.duration(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  private static HostPort address(String key, JsonNode v) {
    String text = string(key, v);
    try {
      return HostPort.parse(text);
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

package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.kv.ApiVersion;
import dev.patina.pd.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TiKV's TOML keys read over the defaults; wrong values name the item. */
class KvConfigFileTest {
  private static KvConfigFile.Result parse(String toml) {
    return KvConfigFile.parse(toml, "tikv.toml", KvConfig.defaults());
  }

  @Test
  void readsTikvKeysAndDerivesMaxesAsTikvDoes() {
    KvConfigFile.Result r =
        parse(
            """
            log-level = "debug"
            [server]
            addr = "0.0.0.0:20161"
            status-addr = "127.0.0.1:20181"
            raft-addr = "127.0.0.1:20171"
            [storage]
            data-dir = "/tmp/kv"
            api-version = 2
            sync-write = false
            [pd]
            endpoints = ["10.0.0.1:2379", "10.0.0.2:2379"]
            [coprocessor]
            region-split-size = "96MiB"
            region-split-keys = 1000
            [raftstore]
            split-region-check-tick-interval = "500ms"
            [rocksdb]
            max-open-files = 10
            [nonsense]
            """);
    KvConfig c = r.config();
    assertEquals("debug", c.logLevel());
    assertEquals(new HostPort("0.0.0.0", 20161), c.addr());
    assertEquals(new HostPort("127.0.0.1", 20181), c.statusAddr());
    assertEquals(new HostPort("127.0.0.1", 20171), c.raftAddr());
    assertEquals(null, KvConfig.defaults().raftAddr()); // no Raft unless asked for
    assertEquals(Path.of("/tmp/kv"), c.dataDir());
    assertEquals(ApiVersion.V2, c.apiVersion());
    assertFalse(c.syncWrite());
    assertEquals(List.of("10.0.0.1:2379", "10.0.0.2:2379"), c.pdEndpoints());
    assertEquals(96L << 20, c.regionSplitSize());
    assertEquals(144L << 20, c.regionMaxSize());
    assertEquals(1000, c.regionSplitKeys());
    assertEquals(1500, c.regionMaxKeys());
    assertEquals(6L << 20, c.regionSplitCheckDiff());
    assertEquals(Duration.ofMillis(500), c.splitCheckTick());
    assertEquals(
        List.of(
            "ignored [rocksdb] (not used by Patina's store)",
            "unknown configuration item nonsense (ignored)"),
        r.warnings());
  }

  @Test
  void wrongValuesNameTheItem() {
    assertEquals(
        "tikv.toml: storage.api-version must be 1 or 2, got 3",
        assertThrows(IllegalArgumentException.class, () -> parse("[storage]\napi-version = 3"))
            .getMessage());
    assertEquals(
        "tikv.toml: server.addr must be a string, got a number",
        assertThrows(IllegalArgumentException.class, () -> parse("[server]\naddr = 20160"))
            .getMessage());
    assertEquals(
        "tikv.toml: gc.poll-safe-point-interval must be a string, got a boolean",
        assertThrows(
                IllegalArgumentException.class,
                () -> parse("[gc]\npoll-safe-point-interval = true"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> parse("[server\n"));
  }
}

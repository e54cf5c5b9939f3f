package dev.patina.pd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdConfigFileTest {

  @Test
  void defaultsStartASingleMemberPdWithNoFile() {
    PdConfig d = PdConfig.defaults();
    assertEquals("pd", d.name());
    assertEquals(new HostPort("127.0.0.1", 2379), d.clientAddress());
    assertEquals(Path.of("patina-data", "pd"), d.dataDir());
    assertEquals(Duration.ofSeconds(3), d.tsoSaveInterval());
    assertEquals(3, d.maxReplicas());
  }

  @Test
  void pdKeysOverrideTheDefaults() {
    String toml =
        """
        name = "pd-1"
        data-dir = "/var/lib/pd"
        client-urls = "http://0.0.0.0:2479"
        advertise-client-urls = "http://10.1.2.3:2479"
        status-addr = "127.0.0.1:9090"
        tso-save-interval = "1m30s"

        [replication]
        max-replicas = 1
        location-labels = ["zone"]

        [log]
        level = "WARN"
        [log.file]
        filename = "pd.log"

        [schedule]
        max-merge-region-size = 20
        peer-urls = "ignored, it is inside [schedule]"
        something-else = 1
        """;
    PdConfigFile.Result r = PdConfigFile.parse(toml, "pd.toml", PdConfig.defaults());
    PdConfig c = r.config();
    assertEquals("pd-1", c.name());
    assertEquals(Path.of("/var/lib/pd"), c.dataDir());
    assertEquals(new HostPort("0.0.0.0", 2479), c.clientAddress());
    assertEquals(new HostPort("10.1.2.3", 2479), c.advertiseClientAddress());
    assertEquals(new HostPort("127.0.0.1", 9090), c.statusAddress());
    assertEquals(Duration.ofSeconds(90), c.tsoSaveInterval());
    assertEquals(1, c.maxReplicas());
    assertEquals("warn", c.logLevel());
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("replication.location-labels")));
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("log.file")));
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("schedule")));
  }

  @Test
  void unknownItemsAreReportedNotFatal() {
    PdConfigFile.Result r =
        PdConfigFile.parse("colour = \"blue\"\n", "x.toml", PdConfig.defaults());
    assertEquals(PdConfig.defaults(), r.config());
    assertEquals(1, r.warnings().size());
    assertTrue(r.warnings().getFirst().contains("colour"));
  }

  @Test
  void emptyStatusAddressDisablesMetrics() {
    assertNull(
        PdConfigFile.parse("status-addr = \"\"", "x", PdConfig.defaults())
            .config()
            .statusAddress());
  }

  @Test
  void badValuesNameTheItemAndTheFile() {
    assertMessage("x.toml: not valid TOML", "name = ");
    assertMessage("tso-save-interval: '3x' is not a duration", "tso-save-interval = \"3x\"");
    assertMessage("tso-save-interval must be at least 1ms", "tso-save-interval = \"0\"");
    assertMessage("name must be a string, got a number", "name = 5");
    assertMessage("replication must be a table", "replication = 3");
    assertMessage(
        "replication.max-replicas must be an integer", "[replication]\nmax-replicas = \"3\"");
    assertMessage("max-replicas must be at least 1", "[replication]\nmax-replicas = 0");
    assertMessage("log.level must be one of", "[log]\nlevel = \"loud\"");
    assertMessage("client-urls: 'nope' is not HOST:PORT", "client-urls = \"nope\"");
    assertMessage("only one address is supported", "client-urls = \"a:1,b:2\"");
    assertMessage("only http:// URLs", "client-urls = \"https://a:1\"");
  }

  private static void assertMessage(String expected, String toml) {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> PdConfigFile.parse(toml, "x.toml", PdConfig.defaults()));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().startsWith("x.toml: "), e.getMessage());
  }

  @Test
  void missingFileIsOneLine(@TempDir Path dir) {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PdConfigFile.read(dir.resolve("none.toml"), PdConfig.defaults()));
    assertTrue(e.getMessage().contains("does not exist"));
  }

  @Test
  void addresses() {
    assertEquals(new HostPort("127.0.0.1", 2379), HostPort.parse("127.0.0.1:2379"));
    assertEquals(new HostPort("pd.local", 2379), HostPort.parse("http://pd.local:2379"));
    assertEquals(new HostPort("::1", 2379), HostPort.parse("[::1]:2379"));
    assertEquals("[::1]:2379", HostPort.parse("http://[::1]:2379").toString());
    assertEquals("http://127.0.0.1:1", new HostPort("127.0.0.1", 1).url());
    assertTrue(HostPort.parse("0.0.0.0:1").isWildcard());
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("host:99999"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("::1:80"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("http://host"));
  }

  @Test
  void goDurations() {
    assertEquals(Duration.ofMillis(100), PdConfig.parseDuration("100ms"));
    assertEquals(Duration.ofMinutes(61), PdConfig.parseDuration("1h1m"));
    assertEquals(Duration.ofMillis(1500), PdConfig.parseDuration("1.5s"));
    assertThrows(IllegalArgumentException.class, () -> PdConfig.parseDuration("3"));
    assertThrows(IllegalArgumentException.class, () -> PdConfig.parseDuration("s"));
    assertThrows(IllegalArgumentException.class, () -> PdConfig.parseDuration(""));
  }
}

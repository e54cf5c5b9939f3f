package dev.patina.cli.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tikv.common.TiConfiguration;
import org.tikv.common.TiSession;
import org.tikv.raw.RawKVClient;
import org.tikv.shade.com.google.protobuf.ByteString;
import picocli.CommandLine;

/**
 * {@code patina up} and {@code patina kv start} in child JVMs, used through the official client;
 * SIGTERM (as Ctrl-C) stops them cleanly and a second start reuses the data.
 */
class UpAndKvStartTest {
  @TempDir Path dir;

  private static String[] fails(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new String[] {String.valueOf(status), err.toString()};
  }

  @Test
  void badOptionsAreOneLineErrors() throws Exception {
    String[] r = fails("kv", "start", "--addr", "nope", "--data-dir", dir.toString());
    assertEquals("1", r[0]);
    assertEquals("error: --addr: 'nope' is not HOST:PORT", r[1].strip());
    Path toml = dir.resolve("tikv.toml");
    Files.writeString(toml, "[coprocessor]\nregion-split-size = \"lots\"\n");
    r = fails("kv", "start", "--config", toml.toString());
    assertEquals("1", r[0]);
    assertTrue(r[1].startsWith("error: " + toml + ": coprocessor.region-split-size: 'lots'"), r[1]);
    r = fails("up", "--api-version", "3");
    assertEquals("error: --api-version must be 1 or 2, got 3", r[1].strip());
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      r = fails("up", "--data-dir", dir.resolve("up").toString(), "--pd-port", "" + port);
      assertEquals("1", r[0]);
      assertEquals(
          "error: cannot listen on 127.0.0.1:" + port + " (client address): address already in use",
          r[1].strip());
    }
  }

  private Process run(Path log, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  /**
   * Reads stdout up to the banner's last line ("Press Ctrl-C to stop."); returns the first group of
   * {@code pattern} in the banner.
   */
  private static String await(Process p, Pattern pattern, StringBuilder seen) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.startsWith("Press Ctrl-C")) {
        Matcher m = pattern.matcher(seen);
        if (m.find()) {
          return m.group(1);
        }
        break;
      }
    }
    throw new AssertionError("not printed: " + pattern + "\n" + seen);
  }

  private static final Pattern PD = Pattern.compile("PD endpoint: +(127\\.0\\.0\\.1:\\d+)");

  private static final Pattern STREAM =
      Pattern.compile("Streaming SQL: psql -h (127\\.0\\.0\\.1) -p (\\d+) -U root dev");

  /** A pgjdbc connection to the streaming database whose address the banner printed. */
  private static Connection streamingSql(CharSequence banner) throws Exception {
    Matcher m = STREAM.matcher(banner);
    assertTrue(m.find(), "no streaming SQL line in:\n" + banner);
    return DriverManager.getConnection(
        "jdbc:postgresql://" + m.group(1) + ":" + m.group(2) + "/dev", "root", "");
  }

  private static String firstRow(Statement st, String query) throws Exception {
    try (ResultSet rs = st.executeQuery(query)) {
      assertTrue(rs.next(), query + " returned no row");
      return rs.getString(1) + " " + rs.getString(2);
    }
  }

  private static void stop(Process p) throws Exception {
    p.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook stops the servers
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
  }

  @Test
  void upServesTheClientAndReusesItsData() throws Exception {
    Path log = dir.resolve("up.log");
    String[] args = {
      "up",
      "--data-dir",
      dir.resolve("data").toString(),
      "--pd-port",
      "0",
      "--kv-port",
      "0",
      "--status-port",
      "0",
      "--stream-port",
      "0",
      "-L",
      "info"
    };
    Process p = run(log, args);
    StringBuilder seen = new StringBuilder();
    try {
      String pd = await(p, PD, seen);
      try (TiSession s = TiSession.create(TiConfiguration.createRawDefault(pd))) {
        RawKVClient raw = s.createRawClient();
        raw.put(ByteString.copyFromUtf8("up"), ByteString.copyFromUtf8("1"));
      }
      try (Connection c = streamingSql(seen);
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
        st.execute("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
        st.execute("CREATE MATERIALIZED VIEW total AS SELECT sum(v) AS s, count(*) AS n FROM t");
        st.execute("FLUSH");
        assertEquals("60 3", firstRow(st, "SELECT s, n FROM total"));
      }
    } finally {
      stop(p);
    }
    String stderr = Files.readString(log);
    assertTrue(stderr.contains("stopped"), stderr);
    assertTrue(seen.toString().contains("TiKV store:"), seen.toString());

    Process again = run(log, args);
    try {
      StringBuilder seenAgain = new StringBuilder();
      String pd = await(again, PD, seenAgain);
      try (TiSession s = TiSession.create(TiConfiguration.createRawDefault(pd))) {
        assertEquals(
            Optional.of(ByteString.copyFromUtf8("1")),
            s.createRawClient().get(ByteString.copyFromUtf8("up")),
            "a second start reuses the data");
      }
      try (Connection c = streamingSql(seenAgain);
          Statement st = c.createStatement()) {
        assertEquals("60 3", firstRow(st, "SELECT s, n FROM total"), "the view survives a restart");
        st.execute("DELETE FROM t WHERE k = 1");
        st.execute("FLUSH");
        assertEquals("50 2", firstRow(st, "SELECT s, n FROM total"), "and is still maintained");
      }
    } finally {
      stop(again);
    }
  }

  @Test
  void kvStartJoinsAPd() throws Exception {
    Path log = dir.resolve("cluster.log");
    Process pd =
        run(
            log,
            "pd",
            "start",
            "--data-dir",
            dir.resolve("pd").toString(),
            "--client-urls",
            "127.0.0.1:0",
            "--status-addr",
            "");
    try {
      String endpoint =
          await(
              pd,
              Pattern.compile("PD endpoint: +http://(127\\.0\\.0\\.1:\\d+)"),
              new StringBuilder());
      Path toml = dir.resolve("tikv.toml");
      Files.writeString(
          toml,
          "[server]\nstatus-addr = \"127.0.0.1:0\"\n[storage]\nenable-ttl = true\n"
              + "[coprocessor]\nregion-split-keys = 1000\n");
      Process kv =
          run(
              log,
              "kv",
              "start",
              "--pd",
              endpoint,
              "--addr",
              "127.0.0.1:0",
              "--data-dir",
              dir.resolve("kv").toString(),
              "--config",
              toml.toString());
      try {
        StringBuilder seen = new StringBuilder();
        await(kv, Pattern.compile("(is ready)"), seen);
        assertTrue(seen.toString().contains("API V1TTL"), seen.toString());
        TiConfiguration conf = TiConfiguration.createRawDefault(endpoint);
        try (TiSession s = TiSession.create(conf)) {
          RawKVClient raw = s.createRawClient();
          raw.put(ByteString.copyFromUtf8("k"), ByteString.copyFromUtf8("v"), 60);
          assertTrue(raw.getKeyTTL(ByteString.copyFromUtf8("k")).orElseThrow() > 50);
        }
      } finally {
        stop(kv);
      }
    } finally {
      stop(pd);
    }
    String stderr = Files.readString(log);
    assertTrue(stderr.contains("store") && stderr.contains("stopped"), stderr);
  }
}

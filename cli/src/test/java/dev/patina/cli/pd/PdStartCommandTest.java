package dev.patina.cli.pd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.cli.Main;
import dev.patina.kv.proto.PDGrpc;
import dev.patina.kv.proto.Pdpb;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PdStartCommandTest {
  @TempDir Path dir;

  /** Runs {@code patina ARGS} in-process for commands that fail before serving. */
  private static String[] fails(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new String[] {String.valueOf(status), err.toString()};
  }

  @Test
  void badOptionsAreOneLineErrors() throws Exception {
    String[] r = fails("pd", "start", "--client-urls", "nope", "--data-dir", dir.toString());
    assertEquals("1", r[0]);
    assertEquals("error: --client-urls: 'nope' is not HOST:PORT", r[1].strip());

    Path toml = dir.resolve("pd.toml");
    Files.writeString(toml, "tso-save-interval = \"soon\"\n");
    r = fails("pd", "start", "--config", toml.toString());
    assertEquals("1", r[0]);
    assertTrue(r[1].startsWith("error: " + toml + ": tso-save-interval: 'soon'"), r[1]);

    r = fails("pd", "start", "--config", dir.resolve("missing.toml").toString());
    assertTrue(r[1].contains("does not exist"), r[1]);
  }

  private Process start(Path data, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "pd",
                "start",
                "--data-dir",
                data.toString(),
                "--client-urls",
                "127.0.0.1:0",
                "--status-addr",
                "127.0.0.1:0"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  private static final Pattern ENDPOINT =
      Pattern.compile("PD endpoint: +http://127\\.0\\.0\\.1:(\\d+)");

  private static int readPort(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    StringBuilder seen = new StringBuilder();
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = ENDPOINT.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("no endpoint printed:\n" + seen);
  }

  @Test
  void startsServesAndStopsCleanlyOnSigterm() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("pd.log");
    long clusterId;
    Process p = start(data, log);
    try {
      int port = readPort(p);
      ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      try {
        clusterId =
            PDGrpc.newBlockingStub(ch)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .getMembers(Pdpb.GetMembersRequest.getDefaultInstance())
                .getHeader()
                .getClusterId();
      } finally {
        ch.shutdownNow();
      }
    } finally {
      p.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook stops the server
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    String stderr = Files.readString(log);
    assertTrue(stderr.contains("PD pd stopped"), stderr);

    Process again = start(data, log);
    try {
      int port = readPort(again);
      ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      try {
        assertEquals(
            clusterId,
            PDGrpc.newBlockingStub(ch)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .getMembers(Pdpb.GetMembersRequest.getDefaultInstance())
                .getHeader()
                .getClusterId(),
            "a second start reuses the data");
      } finally {
        ch.shutdownNow();
      }
    } finally {
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }
}

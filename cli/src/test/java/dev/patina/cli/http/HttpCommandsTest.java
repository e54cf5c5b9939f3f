package dev.patina.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.cli.ErrorReporter;
import dev.patina.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code patina http serve}'s endpoints through curl, and {@code patina http metrics} over it. */
class HttpCommandsTest {
  private static boolean hasCurl() {
    return Files.isExecutable(Path.of("/usr/bin/curl"));
  }

  private static String curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/curl", "-sS", "--max-time", "20"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "curl " + List.of(args) + ": " + out);
    return out;
  }

  @Test
  void servesHttp1AndH2cAndItsMetrics() throws Exception {
    assumeTrue(hasCurl(), "curl is not installed");
    try (HttpServer server = HttpServeCommand.start("127.0.0.1", 0)) {
      String base = "http://127.0.0.1:" + server.port();
      assertEquals("{\"message\":\"Hello, World!\"}", curl(base + "/json"));
      assertEquals("Hello, World!", curl("--http2-prior-knowledge", base + "/hello"));
      assertEquals(
          "HTTP/2 200",
          curl(
              "--http2-prior-knowledge",
              "-o",
              "/dev/null",
              "-w",
              "HTTP/%{http_version} %{http_code}",
              base + "/hello"));
      assertEquals(
          "ping\u00e9",
          curl("-H", "Content-Type: text/plain", "--data-binary", "ping\u00e9", base + "/echo"));
      Map<String, Long> m = MetricsText.parse(curl(base + MetricsText.PATH));
      assertEquals(MetricsText.METRICS.size(), m.size(), m.toString());
      // curl's connection is a task of the server's group: spawned at least once per request
      assertTrue(m.get("runtime_spawned_tasks_total") >= 4, m.toString());
      assertTrue(m.get("runtime_live_tasks") >= 1, m.toString()); // the accept loop at least

      String view = runMetrics("--url", base, "--watch", "1", "--count", "2");
      assertTrue(view.contains("runtime metrics of " + base + MetricsText.PATH), view);
      assertTrue(view.contains("tasks spawned"), view);
      assertTrue(view.matches("(?s).*tasks spawned\\s+[\\d,]+\\s+[\\d.,]+/s.*"), view);
    }
  }

  @Test
  void aServerThatIsNotThereIsOneLine() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new HttpMetricsCommand());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute("--url", "http://127.0.0.1:1");
    assertTrue(status != 0);
    assertTrue(
        err.toString().contains("cannot read http://127.0.0.1:1" + MetricsText.PATH),
        err.toString());
    assertTrue(err.toString().strip().lines().count() <= 2, err.toString());
  }

  @Test
  void metricsTextRoundTrips() {
    String text =
        MetricsText.render(
            new dev.patina.runtime.RuntimeMetrics(3, 10, 2, 7, 5, 1),
            new dev.patina.runtime.net.NetMetrics(4, 100, 200, 0, 0));
    Map<String, Long> m = MetricsText.parse(text);
    assertEquals(3L, m.get("runtime_live_tasks"));
    assertEquals(200L, m.get("net_written_bytes_total"));
    assertEquals(
        URI.create("http://h:1" + MetricsText.PATH), HttpMetricsCommand.metricsUri("http://h:1/"));
  }

  private static String runMetrics(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int status = new CommandLine(new HttpMetricsCommand()).execute(args);
      assertEquals(0, status);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}

package dev.patina.cli.http;

import dev.patina.cli.UserError;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code patina http metrics}: the runtime counters of a running {@code patina http serve}, once or
 * every few seconds with rates, as a small text view (Tokio's runtime metrics, without a console).
 */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = {
      "Show the runtime metrics of a running 'patina http serve' (live tasks, timers,",
      "channels, sockets, bytes): once, or every --watch seconds with per-second rates.",
    },
    footer = {
      "",
      "Examples:",
      "  patina http metrics --url http://127.0.0.1:8080",
      "  patina http metrics --url http://127.0.0.1:8080 --watch 1 --count 10",
    })
public final class HttpMetricsCommand implements Callable<Integer> {
  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The server (default: ${DEFAULT-VALUE}); its " + MetricsText.PATH + " is read.")
  String url = "http://127.0.0.1:8080";

  @Option(
      names = "--watch",
      paramLabel = "SECONDS",
      description = "Print again every SECONDS, with rates of the counters (default: once).")
  int watchSeconds;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "With --watch: stop after N views (default: until Ctrl-C).")
  int count;

  @Override
  public Integer call() throws Exception {
    if (watchSeconds < 0 || count < 0) {
      throw new UserError("--watch and --count must not be negative");
    }
    URI uri = metricsUri(url);
    PrintStream out = System.out;
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      Map<String, Long> previous = null;
      for (int shown = 0; ; shown++) {
        Map<String, Long> now = fetch(client, uri);
        out.print(view(uri, now, previous, watchSeconds));
        out.flush();
        previous = now;
        if (watchSeconds == 0 || (count > 0 && shown + 1 >= count)) {
          return 0;
        }
        Thread.sleep(watchSeconds * 1000L);
      }
    }
  }

  static URI metricsUri(String url) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (!base.endsWith(MetricsText.PATH)) {
      base += MetricsText.PATH;
    }
    try {
      URI uri = URI.create(base);
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
        throw new UserError("--url: not an http:// URL: " + url);
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new UserError("--url: " + e.getMessage());
    }
  }

  private static Map<String, Long> fetch(HttpClient client, URI uri) throws InterruptedException {
    HttpResponse<String> r;
    try {
      r =
          client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UserError(
          "cannot read "
              + uri
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + " (is 'patina http serve' running there?)");
    }
    if (r.statusCode() != 200) {
      throw new UserError(uri + " answered " + r.statusCode() + ", not the metrics page");
    }
    try {
      Map<String, Long> values = MetricsText.parse(r.body());
      if (values.isEmpty()) {
        throw new UserError(uri + " has no patina_ metrics");
      }
      return values;
    } catch (IllegalArgumentException e) {
      throw new UserError(uri + ": " + e.getMessage());
    }
  }

  /** One view: every metric, and for counters the rate since {@code previous} (if any). */
  static String view(
      URI uri, Map<String, Long> now, Map<String, Long> previous, int intervalSeconds) {
    StringBuilder sb = new StringBuilder();
    sb.append("runtime metrics of ").append(uri).append('\n');
    for (MetricsText.Metric m : MetricsText.METRICS) {
      Long v = now.get(m.name());
      if (v == null) {
        continue;
      }
      sb.append(String.format("  %-30s %,15d", m.help(), v));
      Long before = previous == null ? null : previous.get(m.name());
      if (m.counter() && before != null && intervalSeconds > 0) {
        sb.append(String.format("  %,12.1f/s", (v - before) / (double) intervalSeconds));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}

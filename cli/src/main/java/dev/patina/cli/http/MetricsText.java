package dev.patina.cli.http;

import dev.patina.runtime.RuntimeMetrics;
import dev.patina.runtime.net.NetMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime's counters as Prometheus text (what {@code patina http serve} answers on {@link
 * #PATH}) and back: one {@code patina_<name> <value>} line each, with HELP and TYPE lines.
 */
final class MetricsText {
  static final String PATH = "/_patina/metrics";

  /** A metric: its name, what it counts, whether it only grows (a rate makes sense). */
  record Metric(String name, String help, boolean counter) {}

  static final List<Metric> METRICS =
      List.of(
          new Metric("runtime_live_tasks", "tasks spawned and not yet finished", false),
          new Metric("runtime_spawned_tasks_total", "tasks spawned", true),
          new Metric("runtime_pending_timers", "timers waiting in the timing wheel", false),
          new Metric("runtime_fired_timers_total", "timers fired", true),
          new Metric("runtime_queued_messages", "values in mpsc channel buffers", false),
          new Metric("runtime_open_channels", "mpsc and broadcast channels still open", false),
          new Metric("net_open_sockets", "runtime sockets opened and not yet closed", false),
          new Metric("net_read_bytes_total", "bytes received by runtime TCP streams", true),
          new Metric("net_written_bytes_total", "bytes sent by runtime TCP streams", true));

  private MetricsText() {}

  static String render(RuntimeMetrics r, NetMetrics n) {
    long[] values = {
      r.liveTasks(),
      r.spawnedTasks(),
      r.pendingTimers(),
      r.firedTimers(),
      r.queuedMessages(),
      r.openChannels(),
      n.openSockets(),
      n.bytesRead(),
      n.bytesWritten()
    };
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < METRICS.size(); i++) {
      Metric m = METRICS.get(i);
      sb.append("# HELP patina_").append(m.name()).append(' ').append(m.help()).append('\n');
      sb.append("# TYPE patina_").append(m.name()).append(m.counter() ? " counter\n" : " gauge\n");
      sb.append("patina_").append(m.name()).append(' ').append(values[i]).append('\n');
    }
    return sb.toString();
  }

  /**
   * The {@code patina_} samples of a Prometheus text page, by name without the prefix; other lines
   * are ignored.
   *
   * @throws IllegalArgumentException if a {@code patina_} sample has no number
   */
  static Map<String, Long> parse(String text) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      line = line.strip();
      if (!line.startsWith("patina_")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        throw new IllegalArgumentException("a sample without a value: " + line);
      }
      String name = line.substring("patina_".length(), space);
      try {
        out.put(name, (long) Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number in: " + line);
      }
    }
    return out;
  }
}

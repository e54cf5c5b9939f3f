package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.H2Fixture.Result;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and abusive frames from {@code src/test/python/h2_edge_cases.py} (Python's h2 tools),
 * answered by RFC 9113's rules. The same script runs against nghttpd, the reference server: where
 * the RFC leaves no choice, Patina must answer exactly as nghttpd does.
 */
@Timeout(90)
class H2EdgeCaseTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final String NGHTTPD = "/usr/sbin/nghttpd";
  private static final String SCRIPT = "src/test/python/h2_edge_cases.py";

  /** What Patina must answer, case by case (the observation format is the script's). */
  private static final Map<String, String> EXPECTED =
      Map.ofEntries(
          Map.entry("settings_ack", "SETTINGS_ACK"),
          Map.entry("ping", "PING_ACK ok"),
          Map.entry("unknown_frame_ignored", "PING_ACK ok"),
          Map.entry("get", "RESPONSE 200"),
          Map.entry("frame_too_large", "GOAWAY FRAME_SIZE_ERROR"),
          Map.entry("data_on_stream_0", "GOAWAY PROTOCOL_ERROR"),
          Map.entry("data_on_idle_stream", "GOAWAY PROTOCOL_ERROR"),
          Map.entry("connection_window_overflow", "GOAWAY FLOW_CONTROL_ERROR"),
          Map.entry("stream_window_overflow", "RST 1 FLOW_CONTROL_ERROR"),
          Map.entry("window_update_zero", "GOAWAY PROTOCOL_ERROR"),
          Map.entry("headers_on_closed_stream", "GOAWAY STREAM_CLOSED"),
          Map.entry("even_stream_id", "GOAWAY PROTOCOL_ERROR"),
          Map.entry("too_many_streams", "RST 201 REFUSED_STREAM"),
          Map.entry("bad_hpack", "GOAWAY COMPRESSION_ERROR"),
          Map.entry("uppercase_header", "RST 1 PROTOCOL_ERROR"),
          Map.entry("connection_header", "RST 1 PROTOCOL_ERROR"),
          Map.entry("content_length_mismatch", "RST 1 PROTOCOL_ERROR"),
          Map.entry("ping_bad_length", "GOAWAY FRAME_SIZE_ERROR"),
          Map.entry("settings_bad_push", "GOAWAY PROTOCOL_ERROR"),
          Map.entry("settings_bad_window", "GOAWAY FLOW_CONTROL_ERROR"),
          Map.entry("settings_on_stream", "GOAWAY PROTOCOL_ERROR"),
          Map.entry("continuation_without_headers", "GOAWAY PROTOCOL_ERROR"),
          Map.entry("headers_interrupted", "GOAWAY PROTOCOL_ERROR"),
          Map.entry("padding_too_long", "GOAWAY PROTOCOL_ERROR"),
          Map.entry("rst_on_idle_stream", "GOAWAY PROTOCOL_ERROR"),
          Map.entry("push_promise_from_client", "GOAWAY PROTOCOL_ERROR"),

          // below: Patina's own choices, not compared with nghttpd
          // (§5.3.1 makes self-dependency a stream error; nghttpd ends the connection instead)
          Map.entry("self_dependent_headers", "RST 1 PROTOCOL_ERROR, then RESPONSE 200"),
          Map.entry("data_after_end_stream", "RST 1 STREAM_CLOSED"),
          Map.entry("header_list_too_large", "RESPONSE 431"),
          Map.entry("backpressure", "DATA 1000 then 5000"),
          Map.entry("pings_during_a_large_response", "PING_ACK ok"),
          // nghttpd 1.52 lets both floods run on (it closes or keeps serving); Patina cuts them off
          Map.entry("continuation_flood", "GOAWAY ENHANCE_YOUR_CALM"),
          Map.entry("rapid_reset", "GOAWAY ENHANCE_YOUR_CALM"));

  private static final List<String> PATINA_ONLY =
      List.of(
          "self_dependent_headers",
          "data_after_end_stream",
          "header_list_too_large",
          "backpressure",
          "pings_during_a_large_response",
          "continuation_flood",
          "rapid_reset");

  private static Map<String, String> runCases(int port, List<String> cases) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of(PYTHON, SCRIPT, "127.0.0.1", Integer.toString(port)));
    cmd.addAll(cases);
    Result r = H2Fixture.run(cmd.toArray(String[]::new));
    assertEquals(0, r.exit(), r.stderr());
    Map<String, String> seen = new TreeMap<>();
    for (String line : r.out().split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        seen.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    return seen;
  }

  @Test
  void patinaAnswersByTheRfc(@TempDir Path dir) throws Exception {
    H2Fixture.require(PYTHON);
    HttpServer server = H2Fixture.routes().bind(0);
    try {
      Map<String, String> seen = runCases(server.port(), List.of());
      assertEquals(new TreeMap<>(EXPECTED), seen);
      // after all that abuse the server still serves
      assertEquals("RESPONSE 200", runCases(server.port(), List.of("get")).get("get"));
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void nghttpdAnswersTheSame(@TempDir Path dir) throws Exception {
    H2Fixture.require(PYTHON);
    H2Fixture.require(NGHTTPD);
    Files.writeString(dir.resolve("hello"), "{\"hello\":\"world\"}");
    int port = H2Fixture.freePort();
    Process nghttpd =
        new ProcessBuilder(NGHTTPD, "--no-tls", "-d", dir.toString(), Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nghttpd.log").toFile())
            .start();
    try {
      awaitPort(port);
      List<String> cases =
          EXPECTED.keySet().stream().filter(c -> !PATINA_ONLY.contains(c)).sorted().toList();
      Map<String, String> seen = runCases(port, cases);
      Map<String, String> expected = new TreeMap<>();
      cases.forEach(c -> expected.put(c, EXPECTED.get(c)));
      assertEquals(expected, seen, "nghttpd and Patina differ");
    } finally {
      nghttpd.destroy();
      nghttpd.waitFor();
    }
  }

  private static void awaitPort(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        assertTrue(System.nanoTime() < deadline, "nghttpd did not start listening");
        Thread.sleep(50);
      }
    }
  }
}

package dev.patina.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.client.HttpClientException.Kind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 client against a python3-h2 server that misbehaves on purpose
 * (src/test/python/h2_client_peer.py): resets, GOAWAY, tiny windows, malformed responses, a
 * MAX_CONCURRENT_STREAMS of 1.
 */
class H2ClientEdgeCaseTest {
  private static final Path SCRIPT = Path.of("src/test/python/h2_client_peer.py");

  /** The script serving one mode; closing stops it. */
  private record Peer(Process process, int port) implements AutoCloseable {
    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws java.io.IOException {
      process.getOutputStream().close();
      try {
        H2Peers.stop(process);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    /** What the script printed (its complaints about the client), once it has stopped. */
    String output() throws Exception {
      process.getOutputStream().close(); // the script ends when its stdin does
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      close();
      return out;
    }
  }

  private static Peer peer(String mode) throws Exception {
    H2Peers.requirePythonH2();
    int port = H2Peers.freePort();
    Process p =
        new ProcessBuilder(H2Peers.PYTHON, SCRIPT.toString(), Integer.toString(port), mode)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (!"listening".equals(first)) {
      p.destroyForcibly();
      throw new IllegalStateException("h2_client_peer.py did not start: " + first);
    }
    return new Peer(p, port);
  }

  private static HttpClient.Builder h2() {
    return HttpClient.builder()
        .version(HttpClient.Version.HTTP_2)
        .readTimeout(Duration.ofSeconds(10));
  }

  @Test
  void aResetStreamFailsAloneWhileOthersSucceed() throws Exception {
    try (Peer peer = peer("reset");
        HttpClient client = h2().build();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String path = i % 3 == 0 ? "/reset/" + i : "/ok/" + i;
        results.add(
            pool.submit(
                () -> {
                  try (ClientResponse res = client.get(peer.uri(path).toString())) {
                    return res.text();
                  } catch (HttpClientException e) {
                    return e.kind() + ": " + e.getMessage();
                  }
                }));
      }
      for (int i = 0; i < 12; i++) {
        String r = results.get(i).get();
        if (i % 3 == 0) {
          assertTrue(r.startsWith("RESET: ") && r.contains("INTERNAL_ERROR"), r);
        } else {
          assertEquals("ok /ok/" + i, r);
        }
      }
      assertEquals(1, client.openedConnections(), "the resets left the connection up");
    }
  }

  @Test
  void goAwayRetriesFixedRequestsOnANewConnection() throws Exception {
    try (Peer peer = peer("goaway");
        HttpClient client = h2().build();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> first = pool.submit(() -> client.get(peer.uri("/first").toString()).text());
      Thread.sleep(300); // stream 1 is open before the second request takes stream 3
      Future<String> second = pool.submit(() -> client.get(peer.uri("/second").toString()).text());
      assertEquals("ok first", first.get(10, TimeUnit.SECONDS), "stream 1 <= last stream id");
      assertEquals(
          "ok /second", second.get(10, TimeUnit.SECONDS), "stream 3 refused, then retried");
      assertEquals(2, client.openedConnections(), "the retry went to a new connection");
    }
  }

  @Test
  void goAwayFailsAStreamedRequestWithARetryableError() throws Exception {
    try (Peer peer = peer("goaway");
        HttpClient client = h2().build();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> first = pool.submit(() -> client.get(peer.uri("/first").toString()).text());
      Thread.sleep(300);
      HttpClientException e =
          assertThrows(
              HttpClientException.class,
              () ->
                  client.send(
                      ClientRequest.post(
                          peer.uri("/upload"),
                          "text/plain",
                          (OutputStream out) ->
                              out.write("a body that cannot be replayed".getBytes()))));
      assertEquals(Kind.REFUSED, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("GOAWAY"), e.getMessage());
      assertEquals("ok first", first.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void tinyWindowsAreRespected() throws Exception {
    byte[] data = new byte[300_000];
    new Random(3).nextBytes(data);
    try (Peer peer = peer("window");
        HttpClient client = h2().build()) {
      for (boolean streamed : new boolean[] {false, true}) {
        ClientRequest req =
            streamed
                ? ClientRequest.post(
                    peer.uri("/up"),
                    "application/octet-stream",
                    (OutputStream out) -> out.write(data))
                : ClientRequest.post(peer.uri("/up"), "application/octet-stream", data);
        try (ClientResponse res = client.send(req)) {
          String answer = res.text();
          String[] parts = answer.split(" ");
          assertEquals(H2Peers.hash(data), parts[0] + " " + parts[1], answer);
          assertEquals("maxframe=100", parts[2], "DATA frames fit the 100-byte stream window");
        }
      }
      String complaints = peer.output();
      assertTrue(!complaints.contains("protocol error"), complaints);
    }
  }

  @Test
  void malformedResponsesAreTypedErrorsForTheirStreamOnly() throws Exception {
    try (Peer peer = peer("malformed");
        HttpClient client = h2().build()) {
      HttpClientException upper =
          assertThrows(HttpClientException.class, () -> client.get(peer.uri("/upper").toString()));
      assertEquals(Kind.MALFORMED_RESPONSE, upper.kind());
      assertTrue(
          upper.getMessage().contains("uppercase field name \"X-Upper\""), upper.getMessage());
      HttpClientException status =
          assertThrows(HttpClientException.class, () -> client.get(peer.uri("/status").toString()));
      assertEquals(Kind.MALFORMED_RESPONSE, status.kind());
      assertTrue(status.getMessage().contains("bad :status \"abc\""), status.getMessage());
      try (ClientResponse res = client.get(peer.uri("/fine").toString())) {
        assertEquals("ok /fine", res.text(), "the connection went on");
      }
      assertEquals(1, client.openedConnections());
    }
  }

  @Test
  void maxConcurrentStreamsOfOneIsRespected() throws Exception {
    try (Peer peer = peer("maxstreams");
        HttpClient client = h2().maxConnectionsPerOrigin(1).build();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(pool.submit(() -> client.get(peer.uri("/x").toString()).text()));
      }
      for (Future<String> f : results) {
        assertEquals("concurrent=1", f.get(20, TimeUnit.SECONDS));
      }
      assertEquals(1, client.openedConnections(), "requests waited for the one stream");
    }
    try (Peer peer = peer("maxstreams");
        HttpClient client = h2().maxConnectionsPerOrigin(3).build();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(pool.submit(() -> client.get(peer.uri("/x").toString()).text()));
      }
      for (Future<String> f : results) {
        assertEquals("concurrent=1", f.get(20, TimeUnit.SECONDS));
      }
      assertTrue(
          client.openedConnections() > 1 && client.openedConnections() <= 3,
          "more connections instead of waiting, up to the cap: " + client.openedConnections());
    }
  }

  @Test
  void aResponseNotReadHoldsItsServerAtOneStreamWindow() throws Exception {
    try (Peer peer = peer("flood");
        HttpClient client = h2().build();
        ClientResponse flood = client.get(peer.uri("/flood").toString())) {
      byte[] first = flood.body().readNBytes(100_000);
      Thread.sleep(500); // the server sends what the windows allow meanwhile
      long sent;
      try (ClientResponse res = client.get(peer.uri("/sent").toString())) {
        sent = Long.parseLong(res.text());
      }
      assertTrue(
          sent >= 100_000 && sent <= 1 << 20,
          "while the caller reads nothing more, the server stops at the 1 MiB stream window (and"
              + " other streams go on): sent "
              + sent);
      // reading on reopens the window: the whole 5 MiB arrives, in order
      long i = 0;
      for (byte b : first) {
        assertEquals((byte) (i++ % 251), b);
      }
      byte[] buf = new byte[65536];
      for (int n; (n = flood.body().read(buf)) >= 0; ) {
        for (int k = 0; k < n; k++) {
          if (buf[k] != (byte) (i % 251)) {
            throw new AssertionError("byte " + i + " wrong");
          }
          i++;
        }
      }
      assertEquals(5L << 20, i);
      assertEquals(1, client.openedConnections());
    }
  }

  @Test
  void aServerThatGoesSilentIsDroppedAfterAnUnansweredPing() throws Exception {
    try (Peer peer = peer("silent");
        HttpClient client = h2().readTimeout(Duration.ofMillis(300)).build()) {
      HttpClientException first =
          assertThrows(HttpClientException.class, () -> client.get(peer.uri("/a").toString()));
      assertEquals(Kind.TIMEOUT, first.kind(), first.getMessage());
      HttpClientException second =
          assertThrows(HttpClientException.class, () -> client.get(peer.uri("/b").toString()));
      assertEquals(Kind.TIMEOUT, second.kind(), second.getMessage());
      assertTrue(second.getMessage().contains("did not answer a PING"), second.getMessage());
      assertEquals(1, client.openedConnections());
      HttpClientException third =
          assertThrows(HttpClientException.class, () -> client.get(peer.uri("/c").toString()));
      assertEquals(Kind.TIMEOUT, third.kind(), third.getMessage());
      assertEquals(2, client.openedConnections(), "the dead connection was replaced");
    }
  }

  @Test
  void largeHeaderBlocksGoAsContinuationBothWays() throws Exception {
    try (Peer peer = peer("reset");
        HttpClient client = h2().build()) {
      ClientRequest req =
          ClientRequest.get(peer.uri("/bighead")).withHeader("X-Big", "a".repeat(30_000));
      try (ClientResponse res = client.send(req)) {
        assertEquals(
            "ok 30000", res.text(), "the server got the 30 KB field (HEADERS + CONTINUATION)");
        assertEquals("b".repeat(40_000), res.headers().get("x-big"));
      }
      String complaints = peer.output();
      assertTrue(!complaints.contains("protocol error"), complaints);
    }
  }
}

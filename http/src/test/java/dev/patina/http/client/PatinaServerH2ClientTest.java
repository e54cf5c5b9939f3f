package dev.patina.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.Body;
import dev.patina.http.HttpServer;
import dev.patina.http.Limits;
import dev.patina.http.Response;
import dev.patina.http.TestCerts;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/2 client against Patina's own server (h2c by prior knowledge, and TLS with ALPN):
 * uploads hashed on the server, streamed responses, concurrency on one connection, status codes,
 * and GOAWAY at the server's shutdown.
 */
class PatinaServerH2ClientTest {
  private static final long MAX_BODY = 64L << 20;

  @TempDir static Path dir;
  private static HttpServer server;
  private static HttpServer tlsServer;
  private static Path store;
  private static final AtomicInteger inFlight = new AtomicInteger();
  private static volatile int maxInFlight;

  static HttpServer.Builder routes() {
    return HttpServer.builder()
        .limits(new Limits(64 * 1024, 100, MAX_BODY, Duration.ofSeconds(30)))
        .get("/hello", req -> Response.text(req.version() + " " + req.headers().get("host")))
        .post(
            "/sha256",
            req -> {
              int now = inFlight.incrementAndGet();
              maxInFlight = Math.max(maxInFlight, now);
              try {
                return Response.text(H2Peers.hash(req.bodyStream()));
              } finally {
                inFlight.decrementAndGet();
              }
            })
        .get(
            "/stream",
            req -> {
              int n = Integer.parseInt(req.query().substring(2)); // ?n=<bytes>
              return Response.stream(
                  "application/octet-stream",
                  out -> {
                    Random r = new Random(n);
                    byte[] chunk = new byte[10_000];
                    for (int left = n; left > 0; left -= chunk.length) {
                      r.nextBytes(chunk);
                      out.write(chunk, 0, Math.min(left, chunk.length));
                      out.flush();
                    }
                  });
            })
        .get(
            "/slow",
            req -> {
              Thread.sleep(800);
              return Response.text("slow done");
            });
  }

  /** What /stream?n=N sends. */
  static byte[] streamed(int n) {
    Random r = new Random(n);
    byte[] all = new byte[n];
    byte[] chunk = new byte[10_000];
    for (int at = 0; at < n; at += chunk.length) {
      r.nextBytes(chunk);
      System.arraycopy(chunk, 0, all, at, Math.min(chunk.length, n - at));
    }
    return all;
  }

  @BeforeAll
  static void start() throws Exception {
    server = routes().bind(0);
    store = TestCerts.selfSignedKeystore(dir);
    tlsServer = routes().tls(TestCerts.serverContext(store)).bind(0);
  }

  @AfterAll
  static void stop() {
    server.close();
    tlsServer.close();
  }

  private static HttpClient h2() {
    return HttpClient.builder().version(HttpClient.Version.HTTP_2).build();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Test
  void getsByPriorKnowledge() throws Exception {
    try (HttpClient client = h2();
        ClientResponse res = client.get(uri("/hello").toString())) {
      assertEquals("HTTP/2", res.version());
      assertEquals(200, res.status());
      assertEquals("HTTP/2 127.0.0.1:" + server.port(), res.text(), ":authority became Host");
    }
  }

  @Test
  void uploadsLargeBodiesHashedOnTheServer() throws Exception {
    byte[] data = new byte[20 << 20];
    new Random(1).nextBytes(data);
    try (HttpClient client = h2()) {
      try (ClientResponse res =
          client.send(ClientRequest.post(uri("/sha256"), "application/octet-stream", data))) {
        assertEquals(200, res.status());
        assertEquals(H2Peers.hash(data), res.text());
      }
      // a streamed body: DATA frames as the writer writes, within the server's windows
      try (ClientResponse res =
          client.send(
              ClientRequest.post(
                  uri("/sha256"),
                  "application/octet-stream",
                  (OutputStream out) -> {
                    for (int off = 0; off < data.length; off += 100_000) {
                      out.write(data, off, Math.min(100_000, data.length - off));
                      out.flush();
                    }
                  }))) {
        assertEquals(200, res.status());
        assertEquals(H2Peers.hash(data), res.text());
      }
      assertEquals(1, client.openedConnections());
    }
  }

  @Test
  void streamsResponsesAndReadsThemOnDemand() throws Exception {
    int n = 30_000_000;
    try (HttpClient client = h2();
        ClientResponse res = client.get(uri("/stream?n=" + n).toString())) {
      assertEquals(200, res.status());
      assertEquals(null, res.headers().get("content-length"));
      assertEquals(H2Peers.hash(streamed(n)), H2Peers.hash(res.body()));
    }
  }

  @Test
  void manyConcurrentRequestsShareOneConnection() throws Exception {
    maxInFlight = 0;
    int n = 80;
    try (HttpClient client = h2();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] body = new byte[50_000 + i];
        new Random(i).nextBytes(body);
        results.add(
            pool.submit(
                () -> {
                  try (ClientResponse res =
                      client.send(
                          ClientRequest.post(uri("/sha256"), "application/octet-stream", body))) {
                    return res.text().equals(H2Peers.hash(body)) ? "ok" : "wrong hash";
                  }
                }));
      }
      for (Future<String> f : results) {
        assertEquals("ok", f.get());
      }
      assertEquals(1, client.openedConnections(), "all on one HTTP/2 connection");
    }
    assertTrue(maxInFlight > 1, "requests overlapped on the server: " + maxInFlight);
  }

  @Test
  void statusCodesComeThrough() throws Exception {
    try (HttpClient client = h2()) {
      try (ClientResponse res = client.get(uri("/nothing-here").toString())) {
        assertEquals(404, res.status());
      }
      byte[] tooLarge = new byte[(int) MAX_BODY + 1];
      try (ClientResponse res =
          client.send(ClientRequest.post(uri("/sha256"), "application/octet-stream", tooLarge))) {
        assertEquals(413, res.status(), "declared content-length over the server's limit");
      }
      try (ClientResponse res = client.get(uri("/hello").toString())) {
        assertEquals(200, res.status(), "the connection goes on after a 413");
      }
      assertEquals(1, client.openedConnections());
    }
  }

  @Test
  void alpnChoosesH2AgainstPatinaOverTls() throws Exception {
    try (HttpClient client = HttpClient.builder().tls(TestCerts.trusting(store)).build();
        ClientResponse res = client.get("https://localhost:" + tlsServer.port() + "/hello")) {
      assertEquals("HTTP/2", res.version());
      assertEquals("HTTP/2 localhost:" + tlsServer.port(), res.text());
    }
  }

  @Test
  void serverShutdownLetsTheRequestInFlightFinish() throws Exception {
    HttpServer own = routes().bind(0);
    try (HttpClient client = h2()) {
      URI base = URI.create("http://127.0.0.1:" + own.port());
      try (ClientResponse warm = client.get(base.resolve("/hello").toString())) {
        assertEquals(200, warm.status());
      }
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      Future<String> slow =
          pool.submit(
              () -> {
                try (ClientResponse res = client.get(base.resolve("/slow").toString())) {
                  return res.status() + " " + res.text();
                }
              });
      Thread.sleep(200); // the slow request is in flight
      Future<Integer> shutdown = pool.submit(() -> own.shutdown(Duration.ofSeconds(5)));
      assertEquals("200 slow done", slow.get(), "in flight at the GOAWAY: finished");
      assertEquals(0, shutdown.get(), "no connection had to be aborted");
      HttpClientException e =
          assertThrows(
              HttpClientException.class, () -> client.get(base.resolve("/hello").toString()));
      assertEquals(HttpClientException.Kind.CONNECT, e.kind(), e.getMessage());
      pool.close();
    } finally {
      own.close();
    }
  }

  @Test
  void streamedBodyOfOneRequestFailsAloneWhenItsWriterThrows() throws Exception {
    try (HttpClient client = h2()) {
      HttpClientException e =
          assertThrows(
              HttpClientException.class,
              () ->
                  client.send(
                      ClientRequest.post(
                          uri("/sha256"),
                          "application/octet-stream",
                          (Body.Writer)
                              out -> {
                                out.write(new byte[1000]);
                                out.flush();
                                throw new java.io.IOException("disk gone");
                              })));
      assertEquals(HttpClientException.Kind.INVALID_REQUEST, e.kind());
      assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
      try (ClientResponse res = client.get(uri("/hello").toString())) {
        assertEquals(200, res.status(), "the connection goes on");
      }
      assertEquals(1, client.openedConnections());
    }
  }

  @Test
  void aSlowResponseTimesOutAloneAndTheConnectionStays() throws Exception {
    try (HttpClient client =
        HttpClient.builder()
            .version(HttpClient.Version.HTTP_2)
            .readTimeout(Duration.ofMillis(300))
            .build()) {
      try (ClientResponse warm = client.get(uri("/hello").toString())) {
        assertEquals(200, warm.status());
      }
      HttpClientException e =
          assertThrows(HttpClientException.class, () -> client.get(uri("/slow").toString()));
      assertEquals(HttpClientException.Kind.TIMEOUT, e.kind(), e.getMessage());
      // the server answered the liveness PING, so the connection is kept
      Thread.sleep(100);
      try (ClientResponse res = client.get(uri("/hello").toString())) {
        assertEquals(200, res.status());
      }
      assertEquals(1, client.openedConnections());
    }
  }
}

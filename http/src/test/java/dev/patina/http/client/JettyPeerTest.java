package dev.patina.http.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.client.HttpClientException.Kind;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against Jetty 12 (a server not written here): keep-alive reuse counted by Jetty's own
 * connection listener, chunked responses, large bodies both ways (SHA-256 compared), backpressure,
 * read timeouts, the per-origin connection cap and redirects.
 */
class JettyPeerTest {
  private static final int LARGE = 5 * 1024 * 1024;
  private static final AtomicInteger jettyConnections = new AtomicInteger();
  private static final AtomicBoolean hugeFinished = new AtomicBoolean();
  private static final AtomicInteger concurrentSlow = new AtomicInteger();
  private static final AtomicInteger maxConcurrentSlow = new AtomicInteger();
  private static Server server;
  private static String base;

  @BeforeAll
  static void startJetty() throws Exception {
    // a handler may still sleep for a request the client gave up on (the read-timeout test):
    // stop waits for it 0.5 s, not the pool's default 5 s
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setStopTimeout(500);
    server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.addEventListener(
        new Connection.Listener() {
          @Override
          public void onOpened(Connection connection) {
            jettyConnections.incrementAndGet();
          }
        });
    server.addConnector(connector);
    server.setHandler(new Routes());
    server.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterAll
  static void stopJetty() throws Exception {
    server.stop();
  }

  /** Blocking handlers (Jetty runs them on its pool): the peer's side of each test. */
  private static final class Routes extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = Request.getPathInContext(request);
      switch (path) {
        case "/hello" -> Content.Sink.write(response, true, "hello", callback);
        case "/chunked" -> {
          // no Content-Length and several flushes: Jetty sends Transfer-Encoding: chunked
          try (OutputStream out = Content.Sink.asOutputStream(response)) {
            for (int i = 0; i < 500; i++) {
              out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
              if (i % 50 == 0) {
                out.flush();
              }
            }
          }
          callback.succeeded();
        }
        case "/large" -> {
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, LARGE);
          try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(pseudoRandom(LARGE, 7));
          }
          callback.succeeded();
        }
        case "/huge" -> {
          // 256 MiB unless the client stops reading: then the write blocks here (backpressure)
          try (OutputStream out = Content.Sink.asOutputStream(response)) {
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < 4096; i++) {
              out.write(block);
            }
            hugeFinished.set(true);
          } catch (Exception e) {
            // the client closed the connection: expected
          }
          callback.succeeded();
        }
        case "/echo" -> {
          MessageDigest sha = MessageDigest.getInstance("SHA-256");
          long n = 0;
          try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] buf = new byte[16 * 1024];
            for (int r; (r = in.read(buf)) > 0; ) {
              sha.update(buf, 0, r);
              n += r;
            }
          }
          Content.Sink.write(
              response, true, n + " " + HexFormat.of().formatHex(sha.digest()), callback);
        }
        case "/slow" -> {
          Thread.sleep(Long.parseLong(Request.extractQueryParameters(request).getValue("ms")));
          Content.Sink.write(response, true, "slow", callback);
        }
        case "/capped" -> {
          // counts the requests inside this handler at once (only connectionsPerOriginAreCapped)
          int now = concurrentSlow.incrementAndGet();
          maxConcurrentSlow.accumulateAndGet(now, Math::max);
          Thread.sleep(150);
          concurrentSlow.decrementAndGet();
          Content.Sink.write(response, true, "capped", callback);
        }
        case "/redirect" -> {
          response.setStatus(302);
          response.getHeaders().put(HttpHeader.LOCATION, "/hello");
          Content.Sink.write(response, true, "moved", callback);
        }
        default -> {
          return false;
        }
      }
      return true;
    }
  }

  static byte[] pseudoRandom(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] sha256(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }

  @Test
  void keepAliveReusesOneConnection() throws Exception {
    int before = jettyConnections.get();
    try (HttpClient client = HttpClient.builder().build()) {
      for (int i = 0; i < 20; i++) {
        try (ClientResponse res = client.get(base + "/hello")) {
          assertEquals(200, res.status());
          assertEquals("hello", res.text());
        }
      }
      assertEquals(1, client.openedConnections());
    }
    assertEquals(1, jettyConnections.get() - before, "Jetty saw one connection for 20 requests");
  }

  @Test
  void chunkedResponseIsDecoded() throws Exception {
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      expected.append("line ").append(i).append('\n');
    }
    try (HttpClient client = HttpClient.builder().build()) {
      for (int round = 0; round < 2; round++) { // the second on the reused connection
        try (ClientResponse res = client.get(base + "/chunked")) {
          assertEquals("chunked", res.headers().get("transfer-encoding"));
          assertEquals(expected.toString(), res.text());
        }
      }
      assertEquals(1, client.openedConnections());
    }
  }

  @Test
  void largeBodiesBothWays() throws Exception {
    try (HttpClient client = HttpClient.builder().build()) {
      try (ClientResponse res = client.get(base + "/large")) {
        assertEquals(String.valueOf(LARGE), res.headers().get("content-length"));
        byte[] body = res.bytes(LARGE);
        assertArrayEquals(sha256(pseudoRandom(LARGE, 7)), sha256(body));
      }
      byte[] upload = pseudoRandom(3 * 1024 * 1024 + 17, 11);
      // streamed upload: chunked, in uneven pieces with flushes in between
      ClientRequest streamed =
          ClientRequest.post(
              URI.create(base + "/echo"),
              "application/octet-stream",
              out -> {
                for (int off = 0; off < upload.length; off += 100_003) {
                  out.write(upload, off, Math.min(100_003, upload.length - off));
                  out.flush();
                }
              });
      String expected = upload.length + " " + HexFormat.of().formatHex(sha256(upload));
      try (ClientResponse res = client.send(streamed)) {
        assertEquals(expected, res.text());
      }
      try (ClientResponse res =
          client.send(
              ClientRequest.post(URI.create(base + "/echo"), "application/octet-stream", upload))) {
        assertEquals(expected, res.text());
      }
      assertEquals(1, client.openedConnections());
    }
  }

  @Test
  void unreadBodyHoldsTheServerBack() throws Exception {
    try (HttpClient client = HttpClient.builder().build()) {
      ClientResponse res = client.get(base + "/huge");
      byte[] first = res.body().readNBytes(64 * 1024);
      assertEquals(64 * 1024, first.length);
      Thread.sleep(500);
      assertFalse(hugeFinished.get(), "the server could not write 256 MiB the client did not read");
      res.close(); // early close: the connection is closed, not reused
      try (ClientResponse again = client.get(base + "/hello")) {
        assertEquals("hello", again.text());
      }
      assertEquals(2, client.openedConnections());
    }
  }

  @Test
  void readTimeoutIsPrecise() throws Exception {
    try (HttpClient client = HttpClient.builder().readTimeout(Duration.ofMillis(300)).build()) {
      long t0 = System.nanoTime();
      HttpClientException e =
          assertThrows(HttpClientException.class, () -> client.get(base + "/slow?ms=2000"));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(Kind.TIMEOUT, e.kind());
      // the handler answers after 2 s: anything well before that is the client's own timeout
      assertTrue(ms >= 250 && ms < 1900, "timed out after " + ms + " ms");
      try (ClientResponse res = client.get(base + "/slow?ms=10")) {
        assertEquals("slow", res.text()); // a fresh connection after the timed-out one
      }
    }
  }

  @Test
  void connectionsPerOriginAreCapped() throws Exception {
    maxConcurrentSlow.set(0);
    int before = jettyConnections.get();
    try (HttpClient client = HttpClient.builder().maxConnectionsPerOrigin(2).build();
        var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  try (ClientResponse res = client.get(base + "/capped")) {
                    return res.text();
                  }
                }));
      }
      go.countDown();
      for (Future<String> f : results) {
        assertEquals("capped", f.get(10, TimeUnit.SECONDS));
      }
      assertEquals(2, client.openedConnections());
    }
    assertEquals(2, jettyConnections.get() - before);
    assertEquals(2, maxConcurrentSlow.get(), "two requests at a time reached Jetty");
  }

  @Test
  void redirectsAreOffByDefault() throws Exception {
    try (HttpClient client = HttpClient.builder().build()) {
      try (ClientResponse res = client.get(base + "/redirect")) {
        assertEquals(302, res.status());
        assertEquals("/hello", res.headers().get("location"));
      }
    }
    try (HttpClient client = HttpClient.builder().followRedirects(3).build();
        ClientResponse res = client.get(base + "/redirect")) {
      assertEquals(200, res.status());
      assertEquals("hello", res.text());
    }
  }
}

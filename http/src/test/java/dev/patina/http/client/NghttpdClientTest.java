package dev.patina.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/2 client against nghttpd (nghttp2's server, not written here), serving files from a
 * temporary directory: h2c by prior knowledge and TLS with ALPN.
 */
class NghttpdClientTest {
  private static final String NGHTTPD = "/usr/sbin/nghttpd";
  private static final int LARGE = 24 << 20;

  @TempDir static Path dir;
  private static Path docs;
  private static byte[] large;
  private static Process plain;
  private static Process tls;
  private static Path plainLog;
  private static int plainPort;
  private static int tlsPort;
  private static Path cert;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(Path.of(NGHTTPD))) {
      return; // each test skips with the reason
    }
    docs = Files.createDirectory(dir.resolve("docs"));
    Files.writeString(docs.resolve("hello.txt"), "hello from nghttpd\n");
    large = new byte[LARGE];
    new Random(7).nextBytes(large);
    Files.write(docs.resolve("large.bin"), large);
    plainPort = H2Peers.freePort();
    plainLog = dir.resolve("nghttpd-plain.log");
    plain =
        H2Peers.start(
            plainLog,
            plainPort,
            NGHTTPD,
            "--no-tls",
            "-v",
            "-d",
            docs.toString(),
            "--address=127.0.0.1",
            Integer.toString(plainPort));
    Path[] pem = H2Peers.pemCertificate(dir);
    cert = pem[1];
    tlsPort = H2Peers.freePort();
    tls =
        H2Peers.start(
            dir.resolve("nghttpd-tls.log"),
            tlsPort,
            NGHTTPD,
            "-d",
            docs.toString(),
            "--address=127.0.0.1",
            Integer.toString(tlsPort),
            pem[0].toString(),
            pem[1].toString());
  }

  @AfterAll
  static void stop() throws Exception {
    H2Peers.stop(plain);
    H2Peers.stop(tls);
  }

  private static HttpClient priorKnowledge() {
    return HttpClient.builder().version(HttpClient.Version.HTTP_2).build();
  }

  @Test
  void getsByPriorKnowledge() throws Exception {
    H2Peers.require(NGHTTPD);
    try (HttpClient client = priorKnowledge();
        ClientResponse res = client.get("http://127.0.0.1:" + plainPort + "/hello.txt")) {
      assertEquals("HTTP/2", res.version());
      assertEquals(200, res.status());
      assertEquals("hello from nghttpd\n", res.text());
      assertEquals("19", res.headers().get("content-length"));
    }
    try (HttpClient client = priorKnowledge();
        ClientResponse res = client.get("http://127.0.0.1:" + plainPort + "/missing")) {
      assertEquals(404, res.status());
    }
  }

  @Test
  void concurrentGetsShareOneConnection() throws Exception {
    H2Peers.require(NGHTTPD);
    Set<String> before = connectionIds();
    int n = 64;
    try (HttpClient client = priorKnowledge();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        results.add(
            pool.submit(
                () -> {
                  try (ClientResponse res =
                      client.get("http://127.0.0.1:" + plainPort + "/hello.txt")) {
                    return res.status() + " " + res.text();
                  }
                }));
      }
      for (Future<String> f : results) {
        assertEquals("200 hello from nghttpd\n", f.get());
      }
      assertEquals(1, client.openedConnections(), "the client opened one connection");
    }
    Thread.sleep(200); // nghttpd logs the connection's frames as it handles them
    Set<String> after = connectionIds();
    after.removeAll(before);
    assertEquals(1, after.size(), "nghttpd saw one new connection: " + after);
    String log = Files.readString(plainLog, StandardCharsets.ISO_8859_1);
    int streams = 0;
    for (Matcher m = Pattern.compile("recv HEADERS frame").matcher(log); m.find(); ) {
      streams++;
    }
    assertTrue(streams >= n, "nghttpd received " + streams + " requests");
  }

  /** The connection ids nghttpd -v logged so far ("[id=N]"). */
  private static Set<String> connectionIds() throws Exception {
    Set<String> ids = new TreeSet<>();
    Matcher m =
        Pattern.compile("\\[id=(\\d+)\\]")
            .matcher(Files.readString(plainLog, StandardCharsets.ISO_8859_1));
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Test
  void streamsALargeFileByPriorKnowledge() throws Exception {
    H2Peers.require(NGHTTPD);
    try (HttpClient client = priorKnowledge();
        ClientResponse res = client.get("http://127.0.0.1:" + plainPort + "/large.bin")) {
      assertEquals(200, res.status());
      assertEquals(H2Peers.hash(large), H2Peers.hash(res.body()));
    }
  }

  @Test
  void alpnChoosesH2OverTls() throws Exception {
    H2Peers.require(NGHTTPD);
    try (HttpClient client = HttpClient.builder().tls(H2Peers.trustingPem(cert)).build()) {
      try (ClientResponse res = client.get("https://localhost:" + tlsPort + "/hello.txt")) {
        assertEquals("HTTP/2", res.version(), "the default offers h2 and nghttpd takes it");
        assertEquals("hello from nghttpd\n", res.text());
      }
      try (ClientResponse res = client.get("https://localhost:" + tlsPort + "/large.bin")) {
        assertEquals(H2Peers.hash(large), H2Peers.hash(res.body()));
      }
      assertEquals(1, client.openedConnections());
    }
  }

  @Test
  void http11OnlyStaysOffH2() throws Exception {
    H2Peers.require(NGHTTPD);
    try (HttpClient client =
        HttpClient.builder()
            .tls(H2Peers.trustingPem(cert))
            .version(HttpClient.Version.HTTP_1_1)
            .build()) {
      HttpClientException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              HttpClientException.class,
              () -> client.get("https://localhost:" + tlsPort + "/hello.txt"));
      // nghttpd speaks only h2: it completes a handshake without ALPN agreement, then closes the
      // connection at the HTTP/1.1 request, which the client reports as such
      assertEquals(HttpClientException.Kind.CONNECTION_CLOSED, e.kind(), e.getMessage());
    }
  }
}

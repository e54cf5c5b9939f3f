package dev.patina.http;

import static dev.patina.http.H2Fixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.H2Fixture.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 against curl (libcurl with nghttp2): prior knowledge, the HTTP/1.1 Upgrade to h2c, and TLS
 * where ALPN picks h2 or http/1.1 — one server, one set of handlers, for all of them.
 */
@Timeout(60)
class H2CurlTest {
  private static final String CURL = "/usr/bin/curl";
  private static HttpServer plain;
  private static HttpServer tls;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    H2Fixture.require(CURL);
    plain = H2Fixture.routes().bind(0);
    tls = H2Fixture.routes().tls(H2Fixture.selfSignedTls(dir)).bind(0);
  }

  @AfterAll
  static void stop() {
    for (HttpServer s : new HttpServer[] {plain, tls}) {
      if (s != null) {
        s.shutdown(Duration.ofSeconds(2));
      }
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + plain.port() + path;
  }

  private static String tlsUrl(String path) {
    return "https://127.0.0.1:" + tls.port() + path;
  }

  private static Result curl(String... args) throws Exception {
    String[] cmd = new String[args.length + 4];
    cmd[0] = CURL;
    cmd[1] = "-sS";
    cmd[2] = "--max-time";
    cmd[3] = "20";
    System.arraycopy(args, 0, cmd, 4, args.length);
    Result r = run(cmd);
    assertEquals(0, r.exit(), "curl failed: " + r.stderr());
    return r;
  }

  @Test
  void priorKnowledge() throws Exception {
    Result r = curl("--http2-prior-knowledge", "-v", url("/proto"));
    assertTrue(r.stderr().contains("< HTTP/2 200"), r.stderr());
    assertEquals("HTTP/2 127.0.0.1:" + plain.port(), r.out(), ":authority reaches Host");
  }

  @Test
  void upgradeFromHttp11AnswersOnStream1() throws Exception {
    Result r = curl("--http2", "-v", url("/hello"));
    assertTrue(r.stderr().contains("< HTTP/1.1 101 Switching Protocols"), r.stderr());
    assertTrue(r.stderr().contains("< HTTP/2 200"), r.stderr());
    assertEquals("{\"hello\":\"world\"}", r.out());
  }

  @Test
  void upgradeWithABody() throws Exception {
    // the body comes in HTTP/1.1 before the 101; the answer comes on stream 1 over HTTP/2
    Result r = curl("--http2", "-v", "-d", "hello body", url("/sha256"));
    assertTrue(r.stderr().contains("< HTTP/1.1 101 Switching Protocols"), r.stderr());
    assertTrue(r.stderr().contains("< HTTP/2 200"), r.stderr());
    assertEquals(H2Fixture.sha256("hello body".getBytes(StandardCharsets.UTF_8)), r.out());
  }

  @Test
  void headHasTheLengthButNoBody() throws Exception {
    Result r = curl("--http2-prior-knowledge", "-I", url("/hello"));
    assertTrue(r.out().startsWith("HTTP/2 200"), r.out());
    assertTrue(r.out().contains("content-length: 17"), r.out());
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    HttpServer small =
        H2Fixture.routes().limits(new Limits(64 * 1024, 100, 1000, Duration.ofSeconds(5))).bind(0);
    try {
      Result r =
          curl(
              "--http2-prior-knowledge",
              "-o",
              "/dev/null",
              "-w",
              "%{http_code}",
              "--data-binary",
              "@" + writeFile("big.bin", 50_000),
              "http://127.0.0.1:" + small.port() + "/sha256");
      assertEquals("413", r.out());
    } finally {
      small.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void nghttpOverTls() throws Exception {
    H2Fixture.require("/usr/bin/nghttp");
    Result r = run("/usr/bin/nghttp", "-nv", tlsUrl("/hello"));
    assertEquals(0, r.exit(), r.stderr());
    assertTrue(r.out().contains("The negotiated protocol: h2"), r.out());
    assertTrue(r.out().contains(":status: 200"), r.out());
  }

  private static Path writeFile(String name, int size) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, H2Fixture.pattern(size));
    return file;
  }

  @Test
  void uploadNeedsWindowUpdates() throws Exception {
    // 300 KB is well over the 64 KiB initial windows: the upload only finishes if the server
    // hands out window as it reads
    byte[] data = H2Fixture.pattern(300_000);
    Path file = dir.resolve("upload.bin");
    Files.write(file, data);
    Result r =
        curl("--http2-prior-knowledge", "-X", "PUT", "--data-binary", "@" + file, url("/sha256"));
    assertEquals(H2Fixture.sha256(data), r.out());
  }

  @Test
  void largeStreamedDownload() throws Exception {
    Result r = curl("--http2-prior-knowledge", url("/big?n=1000000"));
    assertEquals(H2Fixture.sha256(H2Fixture.pattern(1_000_000)), H2Fixture.sha256(r.stdout()));
  }

  @Test
  void tlsWithAlpnH2() throws Exception {
    Result r = curl("-k", "--http2", "-v", tlsUrl("/proto"));
    assertTrue(r.stderr().contains("ALPN: server accepted h2"), r.stderr());
    assertEquals("HTTP/2 127.0.0.1:" + tls.port(), r.out());
  }

  @Test
  void tlsWithAlpnHttp11() throws Exception {
    Result r = curl("-k", "--http1.1", "-v", tlsUrl("/proto"));
    assertTrue(r.stderr().contains("ALPN: server accepted http/1.1"), r.stderr());
    assertEquals("HTTP/1.1 127.0.0.1:" + tls.port(), r.out());
  }

  @Test
  void plainHttp11StillServed() throws Exception {
    Result r = curl("--http1.1", url("/proto"));
    assertEquals("HTTP/1.1 127.0.0.1:" + plain.port(), r.out());
  }
}

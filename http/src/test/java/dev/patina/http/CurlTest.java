package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server against the real curl: the reference HTTP/1.1 client. */
@Timeout(30)
class CurlTest {
  private static final Path CURL = Path.of("/usr/bin/curl");
  private static HttpServer server;

  @BeforeAll
  static void start() throws IOException {
    if (!Files.isExecutable(CURL)) {
      System.out.println("CurlTest skipped: " + CURL + " is not installed");
    }
    Assumptions.assumeTrue(Files.isExecutable(CURL), "curl not installed");
    server =
        HttpServer.builder()
            .get("/hello", req -> Response.json("{\"hello\":\"world\"}"))
            .post("/echo", req -> new Response(200, Headers.of(), new Body.Fixed(req.body())))
            .put("/sha256", req -> Response.text(sha256(req.body())))
            .bind(0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  record Result(int exit, String stdout, String stderr) {}

  private static Result curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(CURL.toString(), "-sS", "--max-time", "10"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    // read both streams on virtual threads: a full pipe must not stall curl
    byte[][] streams = new byte[2][];
    Thread o = Thread.ofVirtual().start(() -> streams[0] = readAll(p.getInputStream()));
    Thread e = Thread.ofVirtual().start(() -> streams[1] = readAll(p.getErrorStream()));
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "curl finished");
    o.join();
    e.join();
    return new Result(
        p.exitValue(),
        new String(streams[0], StandardCharsets.UTF_8),
        new String(streams[1], StandardCharsets.UTF_8));
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException ex) {
      return new byte[0];
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void getJson() throws Exception {
    Result r = curl("-i", url("/hello"));
    assertEquals(0, r.exit(), r.stderr());
    assertTrue(r.stdout().startsWith("HTTP/1.1 200 OK\r\n"), r.stdout());
    assertTrue(r.stdout().contains("Content-Type: application/json"), r.stdout());
    assertTrue(r.stdout().endsWith("\r\n\r\n{\"hello\":\"world\"}"), r.stdout());
  }

  @Test
  void postBody() throws Exception {
    Result r = curl("--data-binary", "some posted text", url("/echo"));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals("some posted text", r.stdout());
  }

  @Test
  void chunkedUploadOfAFile(@TempDir Path dir) throws Exception {
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    Path f = Files.write(dir.resolve("data.bin"), data);
    Result r =
        curl(
            "-v",
            "-X",
            "PUT",
            "-H",
            "Transfer-Encoding: chunked",
            "--data-binary",
            "@" + f,
            url("/sha256"));
    assertEquals(0, r.exit(), r.stderr());
    assertTrue(r.stderr().contains("Transfer-Encoding: chunked"), r.stderr());
    assertEquals(sha256(data), r.stdout());
  }

  @Test
  void largeBodyUsesExpectContinue(@TempDir Path dir) throws Exception {
    byte[] data = new byte[2_000_000]; // curl sends Expect: 100-continue above 1 MiB
    new Random(8).nextBytes(data);
    Path f = Files.write(dir.resolve("big.bin"), data);
    Result r =
        curl(
            "-v",
            "-X",
            "PUT",
            "-H",
            "Expect: 100-continue",
            "--data-binary",
            "@" + f,
            url("/sha256"));
    assertEquals(0, r.exit(), r.stderr());
    assertTrue(r.stderr().contains("Expect: 100-continue"), r.stderr());
    assertTrue(r.stderr().contains("HTTP/1.1 100 Continue"), r.stderr());
    assertEquals(sha256(data), r.stdout());
  }

  @Test
  void tooLargeBodyIsRefusedBeforeItIsSent(@TempDir Path dir) throws Exception {
    HttpServer small =
        HttpServer.builder()
            .limits(new Limits(8192, 50, 1000, Duration.ofSeconds(5)))
            .post("/echo", req -> Response.text("unexpected"))
            .bind(0);
    try {
      Path f = Files.write(dir.resolve("big.bin"), new byte[100_000]);
      Result r =
          curl(
              "-i",
              "-H",
              "Expect: 100-continue",
              "--data-binary",
              "@" + f,
              "http://127.0.0.1:" + small.port() + "/echo");
      assertTrue(r.stdout().startsWith("HTTP/1.1 413 "), r.stdout() + r.stderr());
    } finally {
      small.shutdown(Duration.ofSeconds(1));
    }
  }

  @Test
  void keepAliveReusesOneConnection() throws Exception {
    long before = server.acceptedConnections();
    Result r = curl("-v", url("/hello"), url("/hello"), url("/hello"));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals("{\"hello\":\"world\"}".repeat(3), r.stdout());
    assertTrue(
        r.stderr().contains("Re-using existing connection")
            || r.stderr().contains("Reusing existing"),
        r.stderr());
    assertEquals(1, server.acceptedConnections() - before);
  }

  @Test
  void head() throws Exception {
    Result r = curl("-I", url("/hello"));
    assertEquals(0, r.exit(), r.stderr());
    assertTrue(r.stdout().startsWith("HTTP/1.1 200 OK\r\n"), r.stdout());
    assertTrue(r.stdout().contains("Content-Length: 17\r\n"), r.stdout());
    assertTrue(r.stdout().endsWith("\r\n\r\n"), r.stdout());
  }

  @Test
  void http10() throws Exception {
    Result r = curl("-i", "--http1.0", url("/hello"));
    assertEquals(0, r.exit(), r.stderr());
    assertTrue(r.stdout().startsWith("HTTP/1.0 200 OK\r\n"), r.stdout());
    assertTrue(r.stdout().contains("Connection: close\r\n"), r.stdout());
    Result kept =
        curl("-v", "--http1.0", "-H", "Connection: keep-alive", url("/hello"), url("/hello"));
    assertEquals(0, kept.exit(), kept.stderr());
    assertTrue(kept.stderr().contains("Connection: keep-alive"), kept.stderr());
    assertTrue(kept.stderr().contains("Re-using existing connection"), kept.stderr());
  }

  @Test
  void notFound() throws Exception {
    Result r = curl("-o", "/dev/null", "-w", "%{http_code}", url("/missing"));
    assertEquals("404", r.stdout());
  }
}

package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.1 request bodies streamed to the handler ({@link Request#bodyStream()}), against curl:
 * large uploads hashed as they arrive, 100-continue sent at the first read, limits, and unread
 * bodies skipped or the connection closed.
 */
@Timeout(60)
class StreamingBodyTest {
  private static final Path CURL = Path.of("/usr/bin/curl");
  private static final long MAX_BODY = 64L << 20;
  private static HttpServer server;
  private static volatile CountDownLatch firstRead = new CountDownLatch(1);
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws IOException {
    if (!Files.isExecutable(CURL)) {
      System.out.println("StreamingBodyTest skipped: " + CURL + " is not installed");
    }
    Assumptions.assumeTrue(Files.isExecutable(CURL), "curl not installed");
    server =
        HttpServer.builder()
            .limits(
                new Limits(
                    64 * 1024, 100, MAX_BODY, Duration.ofSeconds(10), Duration.ofSeconds(10)))
            .put("/sha256", req -> Response.text(hashStream(req.bodyStream())))
            .post("/sha256", req -> Response.text(hashStream(req.bodyStream())))
            .put(
                "/slow-reader",
                req -> {
                  Thread.sleep(300); // the 100 must wait for the read below, not for the handler
                  return Response.text(hashStream(req.bodyStream()));
                })
            .put("/ignore", req -> Response.text("not reading it\n"))
            .post(
                "/first-kib",
                req -> Response.text(req.bodyStream().readNBytes(1024).length + " read\n"))
            .bind(0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  /** Hashes the stream as it arrives; counts down {@link #firstRead} after the first bytes. */
  private static String hashStream(InputStream in) throws IOException {
    return Uploads.hashStream(in, () -> firstRead.countDown());
  }

  private static Path randomFile(String name, int size) throws IOException {
    return Uploads.randomFile(dir, name, size);
  }

  private static Process start(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(CURL.toString(), "-sS", "--max-time", "30"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    return pb.start();
  }

  private static Uploads.Result finish(Process p) throws Exception {
    return Uploads.finish(p, 40, "curl");
  }

  private static Uploads.Result curl(String... args) throws Exception {
    Process p = start(List.of(args));
    p.getOutputStream().close();
    return finish(p);
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Test
  void fiftyMegabytesWithContentLengthAreHashedAsTheyArrive() throws Exception {
    Path f = randomFile("50m.bin", 50 << 20);
    Uploads.Result r = curl("-T", f.toString(), url("/sha256"));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(Uploads.expected(f), r.stdout());
  }

  @Test
  void chunkedUploadFromAFileIsHashed() throws Exception {
    Path f = randomFile("3m.bin", 3 << 20);
    Uploads.Result r =
        curl(
            "--data-binary",
            "@" + f,
            "-H",
            "Transfer-Encoding: chunked",
            "-H",
            "Content-Type: application/octet-stream",
            url("/sha256"));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(Uploads.expected(f), r.stdout());
  }

  /**
   * curl uploads stdin chunked; the test sends the second half only after the handler has read the
   * first bytes, which it can only do if the body is delivered while the upload is going on.
   */
  @Test
  void handlerReadsTheFirstBytesBeforeTheUploadEnds() throws Exception {
    firstRead = new CountDownLatch(1);
    byte[] data = new byte[4 << 20];
    new Random(7).nextBytes(data);
    Process p = start(List.of("-T", "-", url("/sha256")));
    try (OutputStream stdin = p.getOutputStream()) {
      stdin.write(data, 0, data.length / 2);
      stdin.flush();
      assertTrue(
          firstRead.await(20, TimeUnit.SECONDS),
          "handler saw no bytes while half the body was still unsent");
      stdin.write(data, data.length / 2, data.length / 2);
    }
    Uploads.Result r = finish(p);
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(Uploads.expected(data), r.stdout());
  }

  /** hyper's rule: {@code 100 Continue} goes out when the handler first reads, not before. */
  @Test
  void continueIsSentAtTheFirstReadNotBeforeTheHandler() throws Exception {
    Path f = randomFile("2m.bin", 2 << 20);
    Uploads.Result r =
        curl(
            "-v",
            "--trace-time",
            "--expect100-timeout",
            "10",
            "-H",
            "Expect: 100-continue",
            "-T",
            f.toString(),
            url("/slow-reader"));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(Uploads.expected(f), r.stdout());
    // curl's own clock for both ends (the JVM's wall clock can differ from curl's here)
    long sentAt = traceMicros(r.stderr(), "> PUT /slow-reader");
    long continueAt = traceMicros(r.stderr(), "< HTTP/1.1 100 Continue");
    // the handler sleeps 300 ms before its first read: a 100 sent when the head was parsed (the
    // old behaviour) would come within a few ms of the request
    assertTrue(
        continueAt - sentAt >= 250_000,
        "100 Continue " + (continueAt - sentAt) / 1000 + " ms after the request\n" + r.stderr());
  }

  /**
   * The {@code --trace-time} stamp (microseconds of the day) of the first line with {@code text}.
   */
  private static long traceMicros(String trace, String text) {
    Matcher m =
        Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{6}) " + Pattern.quote(text))
            .matcher(trace);
    assertTrue(m.find(), "no '" + text + "' in\n" + trace);
    return ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60
                + Long.parseLong(m.group(3)))
            * 1_000_000
        + Long.parseLong(m.group(4));
  }

  /** A handler that answers without reading: no 100, the body is never sent, curl is not kept. */
  @Test
  void handlerThatDoesNotReadSparesTheUpload() throws Exception {
    Path f = randomFile("2m.bin", 2 << 20);
    long t0 = System.nanoTime();
    Uploads.Result r =
        curl(
            "-v",
            "--expect100-timeout",
            "10",
            "-H",
            "Expect: 100-continue",
            "-T",
            f.toString(),
            url("/ignore"));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(0, r.exit(), r.stderr());
    assertEquals("not reading it\n", r.stdout());
    assertFalse(r.stderr().contains("100 Continue"), r.stderr());
    assertTrue(millis < 5000, "curl waited for its expect timeout: " + millis + " ms");
  }

  @Test
  void bodyOverTheLimitFailsTheStreamWith413() throws Exception {
    // chunked, so the size is only found while the handler reads
    Path f = randomFile("65m.bin", (int) MAX_BODY + 1024 * 1024);
    Uploads.Result r =
        curl(
            "-w",
            "%{http_code}",
            "-o",
            "/dev/null",
            "-H",
            "Transfer-Encoding: chunked",
            "--data-binary",
            "@" + f,
            url("/sha256"));
    assertEquals("413", r.stdout(), r.stderr());
  }

  /**
   * Unread bodies: a small rest is skipped and the connection reused; a large one closes it (the
   * server's accept count tells which).
   */
  @Test
  void unreadBodiesAreSkippedOrTheConnectionCloses() throws Exception {
    Path small = randomFile("100k.bin", 100 * 1024);
    long before = server.acceptedConnections();
    Uploads.Result r =
        curl(
            "-v",
            "--data-binary",
            "@" + small,
            url("/first-kib"),
            "--data-binary",
            "@" + small,
            url("/first-kib"));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals("1024 read\n1024 read\n", r.stdout());
    assertEquals(1, server.acceptedConnections() - before, r.stderr());

    Path big = randomFile("3m.bin", 3 << 20);
    before = server.acceptedConnections();
    r =
        curl(
            "--data-binary",
            "@" + big,
            url("/first-kib"),
            "--data-binary",
            "@" + big,
            url("/first-kib"));
    assertEquals("1024 read\n1024 read\n", r.stdout(), r.stderr());
    assertEquals(2, server.acceptedConnections() - before, r.stderr());
  }

  /**
   * {@link Limits#bodySkipBudget()} is what decides: with 1 KiB the same 100 KB rest that the
   * default 256 KiB skips now closes the connection (two accepted connections for two requests).
   */
  @Test
  void aSmallerSkipBudgetClosesTheConnection() throws Exception {
    HttpServer strict =
        HttpServer.builder()
            .limits(
                new Limits(64 * 1024, 100, MAX_BODY, Duration.ofSeconds(10))
                    .withBodySkipBudget(1024))
            .post(
                "/first-kib",
                req -> Response.text(req.bodyStream().readNBytes(1024).length + " read\n"))
            .bind(0);
    try {
      Path small = randomFile("100k-strict.bin", 100 * 1024);
      String url = "http://127.0.0.1:" + strict.port() + "/first-kib";
      Uploads.Result r =
          curl("-v", "--data-binary", "@" + small, url, "--data-binary", "@" + small, url);
      assertEquals(0, r.exit(), r.stderr());
      assertEquals("1024 read\n1024 read\n", r.stdout());
      assertEquals(2, strict.acceptedConnections(), r.stderr());
    } finally {
      strict.shutdown(Duration.ofSeconds(2));
    }
  }
}

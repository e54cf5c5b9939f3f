package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 request bodies streamed to the handler: uploads from curl and nghttp hashed as they
 * arrive, and {@code src/test/python/h2_backpressure.py} (python3-h2) checking that the stream
 * window is only reopened as the handler reads, without stalling the other streams.
 */
@Timeout(90)
class H2StreamingBodyTest {
  private static final String CURL = "/usr/bin/curl";
  private static final String NGHTTP = "/usr/bin/nghttp";
  private static final String PYTHON = "/usr/bin/python3";
  private static final String SCRIPT = "src/test/python/h2_backpressure.py";
  private static final String STALLED_SCRIPT = "src/test/python/h2_unfinished_upload.py";
  private static final Semaphore release = new Semaphore(0);
  private static final int STREAM_WINDOW = 128 * 1024;
  private static HttpServer server;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws IOException {
    server =
        HttpServer.builder()
            .limits(
                new Limits(
                    64 * 1024, 100, 64L << 20, Duration.ofSeconds(10), Duration.ofSeconds(10)))
            // neither the default nor the RFC's window, so the script sees the setting at work
            .http2(H2Settings.DEFAULT.withWindows(STREAM_WINDOW, 65_535))
            .post("/sha256", req -> Response.text(hashStream(req.bodyStream())))
            .put("/sha256", req -> Response.text(hashStream(req.bodyStream())))
            .post(
                "/hold",
                req -> {
                  if (!release.tryAcquire(30, TimeUnit.SECONDS)) {
                    return Response.text(503, "text/plain", "never released\n");
                  }
                  return Response.text(hashStream(req.bodyStream()));
                })
            .get(
                "/release",
                req -> {
                  release.release();
                  return Response.text("released\n");
                })
            .bind(0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  private static String hashStream(InputStream in) throws IOException {
    return Uploads.hashStream(in, () -> {});
  }

  private static Path randomFile(String name, int size) throws IOException {
    return Uploads.randomFile(dir, name, size);
  }

  private static Uploads.Result run(String... cmd) throws Exception {
    return run(null, cmd);
  }

  /** Runs {@code cmd} with {@code stdin} (a file, or nothing if null) as its input. */
  private static Uploads.Result run(Path stdin, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    }
    Process p = pb.start();
    if (stdin == null) {
      p.getOutputStream().close();
    }
    return Uploads.finish(p, 60, String.join(" ", cmd));
  }

  private static void assumeInstalled(String program) {
    boolean there = Files.isExecutable(Path.of(program));
    if (!there) {
      System.out.println("H2StreamingBodyTest: skipped, " + program + " is not installed");
    }
    Assumptions.assumeTrue(there, program + " not installed");
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Test
  void curlUploadOverPriorKnowledgeIsHashedAsItArrives() throws Exception {
    assumeInstalled(CURL);
    Path f = randomFile("20m.bin", 20 << 20);
    Uploads.Result r =
        run(
            CURL,
            "-sS",
            "--max-time",
            "50",
            "--http2-prior-knowledge",
            "-T",
            f.toString(),
            url("/sha256"));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(Uploads.expected(f), r.stdout());
  }

  /**
   * A body without content-length (curl reading stdin) over the limit: the handler's read throws,
   * the server answers 413 for it; a handler that answers without reading lets the client finish
   * (nghttp: the rest of the upload is dropped, its window reopened).
   */
  @Test
  void countedBodyOverTheLimitIs413AndUnreadBodiesAreDropped() throws Exception {
    assumeInstalled(CURL);
    HttpServer small =
        HttpServer.builder()
            .limits(new Limits(64 * 1024, 100, 100_000, Duration.ofSeconds(1)))
            // the RFC's 64 KiB windows: nghttp's 90 KB below is more than one window
            .http2(H2Settings.DEFAULT.withWindows(65_535, 65_535))
            .put("/sha256", req -> Response.text(hashStream(req.bodyStream())))
            .put("/ignore", req -> Response.text("not reading it\n"))
            .post("/ignore", req -> Response.text("not reading it\n"))
            .bind(0);
    try {
      Path f = randomFile("500k.bin", 500_000);
      String base = "http://127.0.0.1:" + small.port();
      Uploads.Result over =
          run(
              f,
              CURL,
              "-sS",
              "--max-time",
              "20",
              "--http2-prior-knowledge",
              "-w",
              "%{http_code}",
              "-o",
              "/dev/null",
              "-T",
              "-",
              base + "/sha256");
      assertEquals("413", over.stdout(), over.stderr());
      assumeInstalled(NGHTTP);
      // nghttp finishes its upload after the answer: the server drops it, reopening the window
      // (90 KB: within the limit, which nghttp declares, and more than one window)
      Uploads.Result nghttp =
          run(NGHTTP, "-d", randomFile("90k.bin", 90_000).toString(), base + "/ignore");
      assertEquals(0, nghttp.exit(), nghttp.stderr());
      assertEquals("not reading it\n", nghttp.stdout());
      // a client that stops sending once answered (curl 7.88 -T - does) does not hold the stream:
      // about the idle timeout (1 s, counted from the last frame read) after the answer, the
      // server resets it with NO_ERROR (RFC 9113 §8.1); without that the script waits 10 s
      assumeInstalled(PYTHON);
      Uploads.Result stalled =
          run(PYTHON, STALLED_SCRIPT, Integer.toString(small.port()), "/ignore");
      assertTrue(
          stalled.stdout().matches("(?s)answered\nRST_STREAM NO_ERROR after [0-4]\\.\\d s\n"),
          stalled.stdout() + stalled.stderr());
    } finally {
      small.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void nghttpUploadIsHashed() throws Exception {
    assumeInstalled(NGHTTP);
    Path f = randomFile("2m.bin", 2 << 20);
    Uploads.Result r = run(NGHTTP, "-d", f.toString(), url("/sha256"));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(Uploads.expected(f), r.stdout());
  }

  @Test
  void windowFollowsTheHandlersReads() throws Exception {
    assumeInstalled(PYTHON);
    Uploads.Result probe = run(PYTHON, "-c", "import h2");
    if (probe.exit() != 0) {
      System.out.println("H2StreamingBodyTest: skipped, python3-h2 is not installed");
    }
    Assumptions.assumeTrue(probe.exit() == 0, "python3-h2 not installed");
    release.drainPermits();
    Uploads.Result r =
        run(PYTHON, SCRIPT, Integer.toString(server.port()), Integer.toString(STREAM_WINDOW));
    System.out.print(r.stdout());
    assertEquals(0, r.exit(), r.stdout() + r.stderr());
    assertTrue(r.stdout().endsWith("OK\n"), r.stdout());
  }
}

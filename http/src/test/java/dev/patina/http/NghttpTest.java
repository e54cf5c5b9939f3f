package dev.patina.http;

import static dev.patina.http.H2Fixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.H2Fixture.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 against nghttp2's reference client {@code nghttp} and its load tool {@code h2load}. */
@Timeout(60)
class NghttpTest {
  private static final String NGHTTP = "/usr/bin/nghttp";
  private static final String H2LOAD = "/usr/bin/h2load";
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    server = H2Fixture.routes().bind(0);
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(2));
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Test
  void settingsAckedAndResponseFrames() throws Exception {
    H2Fixture.require(NGHTTP);
    Result r = run(NGHTTP, "-nv", url("/hello"));
    assertEquals(0, r.exit(), r.stderr());
    String out = r.out();
    // the server's SETTINGS, its ACK of the client's, and a response ending the stream
    assertTrue(out.contains("[SETTINGS_MAX_CONCURRENT_STREAMS(0x03):100]"), out);
    assertTrue(
        Pattern.compile("recv SETTINGS frame <length=0, flags=0x01, stream_id=0>")
            .matcher(out)
            .find(),
        out);
    assertTrue(out.contains(":status: 200"), out);
    assertTrue(out.contains("content-length: 17"), out);
    assertTrue(Pattern.compile("recv DATA frame <length=17, flags=0x01").matcher(out).find(), out);
  }

  @Test
  void hundredConcurrentStreamsOnOneConnection() throws Exception {
    H2Fixture.require(NGHTTP);
    Result r = run(NGHTTP, "-nv", "-m", "100", url("/hello"));
    assertEquals(0, r.exit(), r.stderr());
    Matcher m = Pattern.compile("recv \\(stream_id=(\\d+)\\) :status: 200").matcher(r.out());
    int ok = 0;
    while (m.find()) {
      ok++;
    }
    assertEquals(100, ok, "responses with status 200");
  }

  @Test
  void largeBodyThroughTinyWindows() throws Exception {
    H2Fixture.require(NGHTTP);
    // 2^10-1 bytes per stream and connection window: 300 KB take ~300 WINDOW_UPDATE rounds
    Result r = run(NGHTTP, "-w", "10", "-W", "10", url("/big?n=300000"));
    assertEquals(0, r.exit(), r.stderr());
    // nghttp prints even a body that broke its window and only complains on stderr
    assertEquals("", r.stderr());
    assertEquals(H2Fixture.sha256(H2Fixture.pattern(300_000)), H2Fixture.sha256(r.stdout()));
  }

  @Test
  void upload(@TempDir Path dir) throws Exception {
    H2Fixture.require(NGHTTP);
    byte[] data = H2Fixture.pattern(200_000);
    Path file = dir.resolve("up.bin");
    Files.write(file, data);
    Result r = run(NGHTTP, "-d", file.toString(), url("/sha256"));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(H2Fixture.sha256(data), r.out());
  }

  @Test
  void h2loadShortRunHasNoFailures() throws Exception {
    H2Fixture.require(H2LOAD);
    Result r = run(H2LOAD, "-n", "3000", "-c", "4", "-m", "10", url("/hello"));
    assertEquals(0, r.exit(), r.stderr());
    assertTrue(
        r.out()
            .contains("3000 total, 3000 started, 3000 done, 3000 succeeded, 0 failed, 0 errored"),
        r.out());
  }

  @Test
  void gracefulShutdownSendsGoAwayAndFinishesTheStream() throws Exception {
    H2Fixture.require(NGHTTP);
    CountDownLatch entered = new CountDownLatch(1);
    HttpServer s =
        HttpServer.builder()
            .get(
                "/slow",
                req -> {
                  entered.countDown();
                  Thread.sleep(500);
                  return Response.text("finished");
                })
            .bind(0);
    CompletableFuture<Result> client =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run(NGHTTP, "-v", "http://127.0.0.1:" + s.port() + "/slow");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertTrue(entered.await(20, TimeUnit.SECONDS), "request reached the handler");
    assertEquals(0, s.shutdown(Duration.ofSeconds(10)), "connections aborted");
    Result r = client.get(30, TimeUnit.SECONDS);
    String out = r.out();
    assertTrue(out.contains("recv GOAWAY frame"), out);
    assertTrue(out.contains("error_code=NO_ERROR"), out);
    assertTrue(out.contains(":status: 200"), out);
    assertTrue(out.contains("finished"), out);
  }
}

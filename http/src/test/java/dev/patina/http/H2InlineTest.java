package dev.patina.http;

import static dev.patina.http.H2Fixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.H2Fixture.Result;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/2 requests to {@link Handler#nonBlocking} routes are answered on the connection's reader; an
 * answer that does not fit the peer's windows at once goes to a thread that may wait for
 * WINDOW_UPDATE (the reader must keep reading them). Checked with nghttp, h2load and curl.
 */
@Timeout(60)
class H2InlineTest {
  private static final String NGHTTP = "/usr/bin/nghttp";
  private static final String H2LOAD = "/usr/bin/h2load";
  private static final String CURL = "/usr/bin/curl";
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        HttpServer.builder()
            .get("/hello", Handler.nonBlocking(req -> Response.json("{\"hello\":\"world\"}")))
            .get(
                "/fixed",
                Handler.nonBlocking(
                    req -> {
                      int n = Integer.parseInt(req.query().substring(2)); // ?n=<bytes>
                      return new Response(
                          200,
                          Headers.of("Content-Type", "application/octet-stream"),
                          new Body.Fixed(H2Fixture.pattern(n)));
                    }))
            .get(
                "/fail",
                Handler.nonBlocking(
                    req -> {
                      throw new IllegalStateException("boom");
                    }))
            .get(
                "/badheader",
                Handler.nonBlocking(req -> Response.text("x").withHeader("X-Evil", "a\r\nb: c")))
            .bind(0);
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(2));
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Test
  void hundredConcurrentStreamsAnsweredOnTheReader() throws Exception {
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
  void answersLargerThanTheWindowsWaitOnAThreadNotOnTheReader() throws Exception {
    H2Fixture.require(NGHTTP);
    for (int n : new int[] {500, 5000, 300_000}) {
      // 2^10-1 bytes of window: 500 fit at once; 5000 fit a frame but not the window; 300 KB
      // need ~300 WINDOW_UPDATE rounds
      Result r = run(NGHTTP, "-w", "10", "-W", "10", url("/fixed?n=" + n));
      assertEquals(0, r.exit(), r.stderr());
      // nghttp prints a body that broke its window and only complains on stderr (and resets)
      assertEquals("", r.stderr(), "n=" + n);
      assertEquals(H2Fixture.sha256(H2Fixture.pattern(n)), H2Fixture.sha256(r.stdout()));
    }
  }

  @Test
  void eightMegabytesAndHeadWithCurl() throws Exception {
    H2Fixture.require(CURL);
    int n = 8 << 20;
    Result r = run(CURL, "-s", "--http2-prior-knowledge", url("/fixed?n=" + n));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(H2Fixture.sha256(H2Fixture.pattern(n)), H2Fixture.sha256(r.stdout()));
    Result head = run(CURL, "-sI", "--http2-prior-knowledge", url("/fixed?n=1234"));
    assertEquals(0, head.exit(), head.stderr());
    assertTrue(head.out().startsWith("HTTP/2 200"), head.out());
    assertTrue(head.out().contains("content-length: 1234"), head.out());
  }

  @Test
  void handlerFailuresAreStill500() throws Exception {
    H2Fixture.require(CURL);
    for (String path : new String[] {"/fail", "/badheader"}) {
      Result r =
          run(
              CURL,
              "-s",
              "--http2-prior-knowledge",
              "-o",
              "/dev/null",
              "-w",
              "%{http_code}",
              url(path));
      assertEquals("500", r.out(), path);
    }
  }

  @Test
  void h2loadHasNoFailures() throws Exception {
    H2Fixture.require(H2LOAD);
    Result r = run(H2LOAD, "-n", "5000", "-c", "4", "-m", "20", url("/hello"));
    assertEquals(0, r.exit(), r.stderr());
    assertTrue(
        r.out()
            .contains("5000 total, 5000 started, 5000 done, 5000 succeeded, 0 failed, 0 errored"),
        r.out());
  }
}

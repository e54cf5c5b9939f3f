package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the I/O loops do: many requests on one connection without a thread switch, pipelines
 * that change hands midway, heads arriving a byte at a time, answers larger than the socket takes
 * at once, and everything that must leave the loop for a virtual thread (bodies, blocking routes,
 * streamed answers, long heads, HTTP/2).
 */
@Timeout(60)
class IoLoopTest {
  private static final byte[] BIG = new byte[8 * 1024 * 1024];

  static {
    new Random(7).nextBytes(BIG);
  }

  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        HttpServer.builder()
            .get("/a", Handler.nonBlocking(req -> Response.text("a" + req.query())))
            .get(
                "/big",
                Handler.nonBlocking(req -> new Response(200, Headers.of(), new Body.Fixed(BIG))))
            .get(
                "/stream",
                Handler.nonBlocking(
                    req ->
                        Response.stream(
                            "text/plain",
                            out -> {
                              out.write("s1,".getBytes(StandardCharsets.US_ASCII));
                              out.flush();
                              out.write("s2".getBytes(StandardCharsets.US_ASCII));
                            })))
            .post("/echo", req -> new Response(200, Headers.of(), new Body.Fixed(req.body())))
            .get(
                "/blocking",
                req -> {
                  Thread.sleep(5);
                  return Response.text("slept");
                })
            .bind(0);
  }

  @AfterEach
  void stop() {
    server.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void thousandRequestsOnOneConnection() throws IOException {
    try (Wire w = new Wire(server.port())) {
      for (int i = 0; i < 1000; i++) {
        String out = w.send("GET /a?" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponses(1);
        assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n") && out.endsWith("\r\n\r\na" + i), out);
      }
    }
    assertEquals(1, server.acceptedConnections());
  }

  @Test
  void aPipelineChangesHandsAtItsFirstBodyAndIsAnsweredInOrder() throws IOException {
    String pipeline =
        "GET /a?1 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /a?2 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
            + "GET /a?3 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /blocking HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /a?4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    try (Wire w = new Wire(server.port())) {
      String out = w.send(pipeline).readToClose();
      assertInOrder(out, "\r\n\r\na1", "\r\n\r\na2", "\r\n\r\nhello", "\r\n\r\na3", "slept", "a4");
      assertTrue(out.endsWith("a4"), out);
    }
  }

  @Test
  void aStreamedAnswerFromANonBlockingRouteIsWrittenByAThreadAndTheConnectionGoesOn()
      throws IOException {
    try (Wire w = new Wire(server.port())) {
      String out =
          w.send(
                  "GET /a?1 HTTP/1.1\r\nHost: x\r\n\r\nGET /stream HTTP/1.1\r\nHost: x\r\n\r\n"
                      + "GET /a?2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .readToClose();
      assertInOrder(
          out, "a1", "Transfer-Encoding: chunked", "3\r\ns1,\r\n", "2\r\ns2\r\n0\r\n\r\n", "a2");
    }
    assertEquals(1, server.acceptedConnections());
  }

  @Test
  void headsArrivingAByteAtATimeAreAnswered() throws Exception {
    byte[] two =
        ("GET /a?x HTTP/1.1\r\nHost: x\r\nX-Long: "
                + "v".repeat(300)
                + "\r\n\r\n"
                + "GET /a?y HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    try (Wire w = new Wire(server.port())) {
      w.socket.setTcpNoDelay(true); // each byte its own segment, not gathered by Nagle
      for (int i = 0; i < two.length; i++) {
        w.send(new byte[] {two[i]});
        if (i % 97 == 0) {
          Thread.sleep(1);
        }
      }
      String out = w.readToClose();
      assertInOrder(out, "ax", "ay");
    }
  }

  @Test
  void answersLargerThanTheSocketTakesWaitForAReader() throws Exception {
    try (Wire w = new Wire(server.port())) {
      w.send(
          "GET /big HTTP/1.1\r\nHost: x\r\n\r\nGET /a?after HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      Thread.sleep(300); // the loop meets a full socket buffer and must wait for OP_WRITE
      byte[] all = w.socket.getInputStream().readAllBytes();
      String text = new String(all, StandardCharsets.ISO_8859_1);
      int first = text.indexOf("\r\n\r\n") + 4;
      assertEquals(sha256(BIG), sha256(slice(all, first, BIG.length)));
      int second = text.indexOf("\r\n\r\naafter") + "\r\n\r\naafter".length();
      int third = text.indexOf("\r\n\r\n", second) + 4;
      assertEquals(sha256(BIG), sha256(slice(all, third, BIG.length)));
      assertEquals(third + BIG.length, all.length);
    }
  }

  @Test
  void longHeadsLeaveTheLoopAndKeepTheirLimits() throws IOException {
    try (Wire w = new Wire(server.port())) {
      String out =
          w.send("GET /a?long HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n")
              .readResponses(1);
      assertTrue(out.startsWith("HTTP/1.1 200 ") && out.endsWith("along"), out);
    }
    try (Wire w = new Wire(server.port())) {
      String out =
          w.send("GET /a HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(70_000) + "\r\n\r\n")
              .readToClose();
      assertTrue(out.startsWith("HTTP/1.1 431 "), out);
    }
  }

  @Test
  void manyClientsOnLoopAndThreadRoutesAtOnce() throws Exception {
    List<Future<String>> results = new ArrayList<>();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < 40; c++) {
        int client = c;
        results.add(
            clients.submit(
                () -> {
                  try (Wire w = new Wire(server.port())) {
                    for (int i = 0; i < 100; i++) {
                      String path = i % 10 == 0 ? "/blocking" : "/a?" + client + "-" + i;
                      String out =
                          w.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponses(1);
                      String want = i % 10 == 0 ? "slept" : "a" + client + "-" + i;
                      if (!out.endsWith("\r\n\r\n" + want)) {
                        return "client " + client + " request " + i + ": " + out;
                      }
                    }
                    return "ok";
                  }
                }));
      }
    }
    for (Future<String> r : results) {
      assertEquals("ok", r.get());
    }
  }

  @Test
  void http2ByPriorKnowledgeAndByUpgradeLeaveTheLoop() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl not installed");
    for (String flag : new String[] {"--http2-prior-knowledge", "--http2"}) {
      Process p =
          new ProcessBuilder(
                  "/usr/bin/curl",
                  "-s",
                  "--max-time",
                  "10",
                  flag,
                  "-w",
                  " %{http_version}",
                  "http://127.0.0.1:" + server.port() + "/a?h2")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor());
      assertEquals("ah2 2", out);
    }
  }

  @Test
  void curlUploadWithExpectContinueLeavesTheLoopAndIsEchoed(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl not installed");
    byte[] body = new byte[2_000_000];
    new Random(3).nextBytes(body);
    Path file = dir.resolve("body.bin");
    Files.write(file, body);
    Path got = dir.resolve("got.bin");
    Process p =
        new ProcessBuilder(
                "/usr/bin/curl",
                "-sv",
                "--max-time",
                "20",
                "-H",
                "Expect: 100-continue",
                "--data-binary",
                "@" + file,
                "-o",
                got.toString(),
                "http://127.0.0.1:" + server.port() + "/echo")
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), log);
    assertTrue(log.contains("HTTP/1.1 100 Continue"), log);
    assertEquals(sha256(body), sha256(Files.readAllBytes(got)));
  }

  private static void assertInOrder(String out, String... parts) {
    int from = 0;
    for (String part : parts) {
      int at = out.indexOf(part, from);
      assertTrue(at >= 0, "missing or out of order: " + part + " in\n" + out);
      from = at + part.length();
    }
  }

  private static byte[] slice(byte[] all, int from, int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(all, from, Math.min(length, all.length - from));
    return out.toByteArray();
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}

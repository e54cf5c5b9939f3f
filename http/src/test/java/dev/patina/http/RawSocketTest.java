package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class RawSocketTest {
  private final AtomicInteger handled = new AtomicInteger();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        HttpServer.builder()
            .limits(new Limits(1024, 10, 1000, Duration.ofSeconds(5)))
            .get(
                "/n",
                route(
                    req -> {
                      handled.incrementAndGet();
                      return Response.text(req.query());
                    }))
            .post(
                "/echo",
                req -> {
                  handled.incrementAndGet();
                  return new Response(200, Headers.of(), new Body.Fixed(req.body()));
                })
            .get(
                "/stream",
                route(
                    req ->
                        Response.stream(
                            "text/plain",
                            out -> {
                              out.write("one,".getBytes(StandardCharsets.US_ASCII));
                              out.flush();
                              out.write("two".getBytes(StandardCharsets.US_ASCII));
                            })))
            .get(
                "/fail",
                route(
                    req -> {
                      throw new IllegalStateException("boom");
                    }))
            .bind(0);
  }

  @AfterEach
  void stop() {
    server.shutdown(Duration.ofSeconds(1));
  }

  /**
   * How the test's routes are registered: as given here; {@link RawSocketLoopTest} marks them
   * non-blocking so that the same requests go through the server's I/O loops.
   */
  Handler route(Handler handler) {
    return handler;
  }

  private String exchange(String raw) throws IOException {
    try (Wire w = new Wire(server.port())) {
      return w.send(raw).readToClose();
    }
  }

  @Test
  void pipelinedRequestsAnswerInOrder() throws IOException {
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      raw.append("GET /n?").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    raw.append("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nend");
    try (Wire w = new Wire(server.port())) {
      String out = w.send(raw.toString()).readResponses(21);
      int at = 0;
      for (int i = 0; i < 20; i++) {
        int next = out.indexOf("\r\n\r\n" + i, at);
        assertTrue(next >= at, "response " + i + " in order: " + out);
        at = next;
      }
      assertTrue(out.endsWith("\r\n\r\nend"), out);
    }
    assertEquals(1, server.acceptedConnections());
  }

  @Test
  void malformedRequestLinesAre400AndClose() throws IOException {
    for (String bad :
        new String[] {
          "GET\r\n\r\n",
          "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
          "GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n",
          "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
          "GET / HTTX/1.1\r\nHost: x\r\n\r\n",
          "GET / HTTP/1.1\rHost: x\r\n\r\n",
          "GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n",
        }) {
      assertTrue(exchange(bad).startsWith("HTTP/1.1 400 "), bad);
    }
    assertTrue(exchange("GET / HTTP/2.0\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 505 "));
  }

  @Test
  void malformedHeadersAre400() throws IOException {
    for (String bad :
        new String[] {
          "Host : x\r\n",
          "Host: x\r\nBad Name: y\r\n",
          "Host: x\r\n folded\r\n",
          "Host: x\r\nNoColon\r\n",
          "Host: x\r\nX: a\u0000b\r\n",
          "", // HTTP/1.1 without Host
          "Host: x\r\nHost: y\r\n",
          "Host: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n",
          "Host: x\r\nContent-Length: -1\r\n",
          "Host: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n",
          "Host: x\r\nTransfer-Encoding: chunked, gzip\r\n",
        }) {
      String out = exchange("POST /echo HTTP/1.1\r\n" + bad + "\r\n");
      assertTrue(out.startsWith("HTTP/1.1 400 "), bad + " -> " + out);
      assertTrue(out.contains("Connection: close"), out);
    }
    assertEquals(0, handled.get());
  }

  @Test
  void oversizedHeadIs431() throws IOException {
    String big = "GET /n HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n";
    assertTrue(exchange(big).startsWith("HTTP/1.1 431 "));
    StringBuilder many = new StringBuilder("GET /n HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 11; i++) {
      many.append("X-").append(i).append(": v\r\n");
    }
    assertTrue(exchange(many + "\r\n").startsWith("HTTP/1.1 431 "));
    String longLine = "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
    assertTrue(exchange(longLine).startsWith("HTTP/1.1 431 "));
  }

  @Test
  void oversizedBodyIs413() throws IOException {
    String byLength = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n";
    assertTrue(exchange(byLength).startsWith("HTTP/1.1 413 "));
    assertEquals(
        0, handled.get()); // a declared length over the limit is refused before the handler
    String chunked =
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + ("64\r\n" + "b".repeat(100) + "\r\n").repeat(11)
            + "0\r\n\r\n";
    // a chunked body is only found too long while the handler reads it: its read throws, and the
    // server answers 413 since the handler had not answered yet
    String out = exchange(chunked);
    assertTrue(out.startsWith("HTTP/1.1 413 "), out);
    assertTrue(out.contains("body larger than 1000 bytes"), out);
    assertEquals(1, handled.get());
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailers() throws IOException {
    String raw =
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
    String out = exchange(raw);
    assertTrue(out.startsWith("HTTP/1.1 200 "), out);
    assertTrue(out.endsWith("\r\n\r\nhello world"), out);
  }

  @Test
  void badChunkSizeIs400() throws IOException {
    String raw =
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n";
    assertTrue(exchange(raw).startsWith("HTTP/1.1 400 "));
  }

  @Test
  void streamedResponseIsChunkedForHttp11AndCloseDelimitedForHttp10() throws IOException {
    String out = exchange("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertTrue(out.contains("Transfer-Encoding: chunked"), out);
    assertTrue(out.endsWith("\r\n\r\n4\r\none,\r\n3\r\ntwo\r\n0\r\n\r\n"), out);
    String old = exchange("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    assertTrue(old.startsWith("HTTP/1.0 200 "), old);
    assertTrue(old.contains("Connection: close") && old.endsWith("\r\n\r\none,two"), old);
  }

  @Test
  void headHasLengthButNoBody() throws IOException {
    try (Wire w = new Wire(server.port())) {
      w.send(
          "HEAD /n?abc HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /n?z HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      // the HEAD response advertises 3 bytes but sends none, so the next response follows it
      String out = w.readToClose();
      assertTrue(out.contains("Content-Length: 3\r\n"), out);
      assertTrue(out.indexOf("HTTP/1.1 200", 10) > 0 && out.endsWith("\r\n\r\nz"), out);
    }
  }

  @Test
  void routerAnswers404And405AndHandlerErrors500() throws IOException {
    assertTrue(exchange("GET /none HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 404 "));
    String out = exchange("DELETE /n HTTP/1.0\r\n\r\n");
    assertTrue(out.startsWith("HTTP/1.0 405 ") && out.contains("Allow: GET, HEAD"), out);
    assertTrue(exchange("GET /fail HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 500 "));
  }

  @Test
  void unknownExpectationIs417() throws IOException {
    String raw = "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: magic\r\nContent-Length: 1\r\n\r\nx";
    assertTrue(exchange(raw).startsWith("HTTP/1.1 417 "));
  }

  @Test
  void clientDisconnectingMidBodyLeavesServerServing() throws Exception {
    try (Wire w = new Wire(server.port())) {
      w.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part");
    }
    try (Wire w = new Wire(server.port())) {
      w.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc");
      w.socket.shutdownOutput();
      assertEquals("", w.readToClose()); // EOF mid-body: nothing to answer, just close
    }
    // the handlers ran (bodies are read on demand) and their reads failed
    assertTrue(handled.get() <= 2, "handled " + handled.get());
    assertTrue(exchange("GET /n?ok HTTP/1.0\r\n\r\n").endsWith("ok"));
  }

  @Test
  void slowHeadIs408() throws Exception {
    HttpServer s =
        HttpServer.builder()
            .limits(new Limits(1024, 10, 1000, Duration.ofSeconds(5), Duration.ofMillis(300)))
            .get("/", route(req -> Response.text("x")))
            .bind(0);
    try (Wire w = new Wire(s.port())) {
      long t0 = System.nanoTime();
      w.send("GET / HTTP/1.1\r\n");
      String out = "";
      for (int i = 0; i < 30 && out.isEmpty(); i++) {
        Thread.sleep(100);
        try {
          w.send("X-" + i + ": trickle\r\n"); // each byte well inside the idle timeout
        } catch (IOException closed) {
          break;
        }
      }
      out = w.readToClose();
      assertTrue(out.startsWith("HTTP/1.1 408 "), out);
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
    } catch (java.net.SocketException reset) {
      // the server may reset once it stopped reading; the deadline still held
    } finally {
      s.shutdown(Duration.ofSeconds(1));
    }
  }

  @Test
  void responseHeaderUnfitForTheWireIs500() throws IOException {
    HttpServer s =
        HttpServer.builder()
            .get(
                "/bad", route(req -> Response.text("x").withHeader("X-Evil", "a\r\nSet-Cookie: y")))
            .bind(0);
    try (Wire w = new Wire(s.port())) {
      String out = w.send("GET /bad HTTP/1.0\r\n\r\n").readToClose();
      assertTrue(out.startsWith("HTTP/1.0 500 ") && !out.contains("Set-Cookie"), out);
    } finally {
      s.shutdown(Duration.ofSeconds(1));
    }
  }

  /** A server whose connections time out after 200 ms idle. */
  HttpServer quickIdleServer() throws IOException {
    return HttpServer.builder()
        .limits(new Limits(1024, 10, 1000, Duration.ofMillis(200)))
        .get("/", route(req -> Response.text("x")))
        .bind(0);
  }

  /** A connection that sends nothing is closed without an answer, well within 3 s. */
  static void assertIdleConnectionCloses(HttpServer server) throws IOException {
    try (Wire w = new Wire(server.port())) {
      long t0 = System.nanoTime();
      assertEquals("", w.readToClose());
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "timed out in time");
    }
  }

  @Test
  void idleConnectionTimesOut() throws Exception {
    HttpServer quick = quickIdleServer();
    try {
      assertIdleConnectionCloses(quick);
    } finally {
      quick.shutdown(Duration.ofSeconds(1));
    }
  }

  /**
   * The deadline thread parks when no connection is watched and wakes for the next one: an idle
   * connection still times out after a quiet spell.
   */
  @Test
  void deadlineThreadSleepsWhileNothingIsWatchedAndWakesForTheNext() throws Exception {
    HttpServer quick = quickIdleServer();
    try {
      for (int round = 0; round < 2; round++) {
        assertIdleConnectionCloses(quick);
        Thread deadlines =
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("patina-http-deadlines"))
                .findFirst()
                .orElseThrow();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (deadlines.getState() != Thread.State.WAITING && System.nanoTime() < until) {
          Thread.sleep(20);
        }
        assertEquals(Thread.State.WAITING, deadlines.getState(), "parked with nothing watched");
      }
    } finally {
      quick.shutdown(Duration.ofSeconds(1));
    }
  }

  @Test
  void gracefulShutdownFinishesInFlightAndClosesIdle() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer s =
        HttpServer.builder()
            .get(
                "/slow",
                req -> {
                  entered.countDown();
                  release.await();
                  return Response.text("done");
                }) // blocks: never run on an I/O loop, handed to a virtual thread from there
            .get("/quick", route(req -> Response.text("quick")))
            .bind(0);
    Wire idle = new Wire(s.port());
    Wire busy = new Wire(s.port());
    busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    while (s.acceptedConnections() < 2) {
      Thread.sleep(5); // the idle one must be accepted, not left in the backlog
    }
    Thread stopper = Thread.ofVirtual().start(() -> s.shutdown(Duration.ofSeconds(5)));
    assertEquals("", idle.readToClose()); // idle connection closed at once
    release.countDown();
    String out = busy.readToClose();
    assertTrue(out.startsWith("HTTP/1.1 200 ") && out.endsWith("done"), out);
    assertTrue(out.contains("Connection: close"), out);
    stopper.join();
    assertFalse(canConnect(s.port()), "no longer accepting");
    idle.close();
    busy.close();
  }

  private static boolean canConnect(int port) {
    try (Wire w = new Wire(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void handlerOutputStreamMayBeClosedByWriter() throws IOException {
    HttpServer s =
        HttpServer.builder()
            .get(
                "/c",
                req ->
                    Response.stream(
                        "text/plain",
                        out -> {
                          try (OutputStream o = out) {
                            o.write('x');
                          }
                        }))
            .get("/quick", route(req -> Response.text("quick")))
            .bind(0);
    try (Wire w = new Wire(s.port())) {
      w.send(
          "GET /c HTTP/1.1\r\nHost: x\r\n\r\nGET /n HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      String out = w.readToClose();
      assertTrue(out.contains("1\r\nx\r\n0\r\n\r\n") && out.contains("404"), out);
    } finally {
      s.shutdown(Duration.ofSeconds(1));
    }
  }
}

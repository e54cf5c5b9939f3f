package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.internal.h1.BodyStream;
import dev.patina.http.internal.h1.ConnectionInput;
import dev.patina.http.internal.h1.HeadParser;
import dev.patina.http.internal.h1.ProtocolException;
import dev.patina.http.internal.h1.RequestHead;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated requests: the parser either yields a request, refuses with one of the wire
 * statuses, or reports the end of input. Nothing else may escape, and the server over a socket
 * answers or closes, never hangs.
 */
class ParserFuzzTest {
  private static final Set<Integer> REFUSALS = Set.of(400, 413, 431, 501, 505);
  private static final Limits LIMITS = new Limits(512, 8, 256, Duration.ofSeconds(2));
  private static final List<String> SEEDS =
      List.of(
          "GET /a?b=c HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n",
          "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
          "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "5;e=1\r\nhello\r\n0\r\nT: v\r\n\r\n",
          "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  private static HttpServer server;
  private static HttpServer loopServer; // the same routes, answered on the I/O loops

  @BeforeContainer
  static void start() throws IOException {
    server =
        HttpServer.builder()
            .limits(LIMITS)
            .get("/a", req -> Response.text("a"))
            .post("/echo", req -> new Response(200, Headers.of(), new Body.Fixed(req.body())))
            .bind(0);
    loopServer =
        HttpServer.builder()
            .limits(LIMITS)
            .get("/a", Handler.nonBlocking(req -> Response.text("a")))
            .post("/echo", req -> new Response(200, Headers.of(), new Body.Fixed(req.body())))
            .bind(0);
  }

  @AfterContainer
  static void stop() {
    server.shutdown(Duration.ofSeconds(1));
    loopServer.shutdown(Duration.ofSeconds(1));
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return Arbitraries.longs()
        .map(
            seed -> {
              Random r = new Random(seed);
              byte[] b = SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.ISO_8859_1);
              int edits = 1 + r.nextInt(4);
              for (int i = 0; i < edits; i++) {
                int at = r.nextInt(b.length);
                byte v =
                    (byte) (r.nextBoolean() ? r.nextInt(256) : " :\r\n0;-\t".charAt(r.nextInt(8)));
                switch (r.nextInt(3)) {
                  case 0 -> b[at] = v;
                  case 1 -> {
                    byte[] c = Arrays.copyOf(b, b.length + 1);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    c[at] = v;
                    b = c;
                  }
                  default -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                    if (b.length == 0) {
                      b = new byte[] {'\n'};
                    }
                  }
                }
              }
              return b;
            });
  }

  @Provide
  Arbitrary<byte[]> noise() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
  }

  private static void parseAll(byte[] input) throws IOException {
    ConnectionInput in = new ConnectionInput(new ByteArrayInputStream(input));
    try {
      while (in.awaitData()) {
        RequestHead head = HeadParser.parse(in, LIMITS);
        byte[] body = new BodyStream(in, head, LIMITS, null).readAllBytes();
        assertTrue(body.length <= LIMITS.maxBodyBytes());
      }
    } catch (ProtocolException e) {
      assertTrue(REFUSALS.contains(e.status()), "status " + e.status());
    } catch (RequestBodyException e) {
      assertTrue(REFUSALS.contains(e.status()), "body refused with " + e.status());
    } catch (EOFException e) {
      // input ended inside a request: the connection would just close
    }
  }

  @Property(tries = 2000)
  void parserOnMutatedRequests(@ForAll("mutated") byte[] input) throws IOException {
    parseAll(input);
  }

  @Property(tries = 1000)
  void parserOnNoise(@ForAll("noise") byte[] input) throws IOException {
    parseAll(input);
  }

  @Property(tries = 150)
  void serverAnswersOrClosesNeverHangs(@ForAll("mutated") byte[] input) throws IOException {
    answersOrCloses(server, input);
    answersOrCloses(loopServer, input);
  }

  private static void answersOrCloses(HttpServer server, byte[] input) throws IOException {
    try (Wire w = new Wire(server.port())) {
      w.send(input);
      w.socket.shutdownOutput(); // then the server must answer what it can and close
      String out = w.readToClose(); // a hang fails here with a SocketTimeoutException
      assertTrue(out.isEmpty() || out.matches("(?s)HTTP/1\\.[01] [1-5][0-9][0-9] .*"), out);
    } catch (java.net.SocketException e) {
      // a reset is a close too (the server refused and stopped reading)
    }
  }
}

package dev.patina.bench.http;

import dev.patina.http.Body;
import dev.patina.http.Handler;
import dev.patina.http.Headers;
import dev.patina.http.HttpServer;
import dev.patina.http.Response;

/**
 * Patina's side of the HTTP benchmark: the five-line server of docs/http.md with the two routes.
 * Responses are immutable values, so each is built once and returned for every request; the routes
 * are marked non-blocking, so plaintext HTTP/1.1 requests are answered on the server's I/O threads.
 */
public final class PatinaHello {
  private PatinaHello() {}

  public static void main(String[] args) throws Exception {
    int port = HelloBodies.port(args, "PatinaHello");
    Response plaintext =
        new Response(
            200,
            Headers.of("Content-Type", HelloBodies.PLAINTEXT_TYPE),
            new Body.Fixed(HelloBodies.PLAINTEXT));
    Response json =
        new Response(
            200,
            Headers.of("Content-Type", HelloBodies.JSON_TYPE),
            new Body.Fixed(HelloBodies.JSON));
    HttpServer server =
        HttpServer.builder()
            // answered from memory: the I/O threads may run them (as Netty's and Jetty's
            // non-blocking handlers run on their event loops)
            .get(HelloBodies.PLAINTEXT_PATH, Handler.nonBlocking(req -> plaintext))
            .get(HelloBodies.JSON_PATH, Handler.nonBlocking(req -> json))
            .bind(port);
    System.err.println("patina listening on http://127.0.0.1:" + server.port());
    Thread.currentThread().join(); // serve until killed
  }
}

package dev.patina.http;

import java.nio.charset.StandardCharsets;

/** A response: status code, header fields and a {@link Body}. The server adds framing headers. */
public record Response(int status, Headers headers, Body body) {
  public Response {
    if (body instanceof Body.Upgrade) {
      if (status != 101) {
        throw new IllegalArgumentException("an upgrade is answered 101, not " + status);
      }
    } else if (status < 200 || status > 999) {
      throw new IllegalArgumentException("final status must be 200..999: " + status);
    }
  }

  /**
   * Switches an HTTP/1.1 connection to {@code protocol} (a request with {@code Connection: upgrade}
   * and {@code Upgrade} naming it, RFC 9110 §7.8): the server answers {@code 101 Switching
   * Protocols} with {@code Upgrade: protocol}, plus the fields added with {@link #withHeader} (e.g.
   * {@code Sec-WebSocket-Accept}), then runs {@code session} on the connection. A request that did
   * not ask for it, an HTTP/1.0 or HTTP/2 one, gets a 500 instead: the handler has a bug. What is
   * left of the request's body is read first (up to {@link Limits#bodySkipBudget}, else 413), as
   * the RFC requires.
   */
  public static Response upgrade(String protocol, Body.Session session) {
    return new Response(101, Headers.of(), new Body.Upgrade(protocol, session));
  }

  public static Response of(int status) {
    return new Response(status, Headers.of(), Body.EMPTY);
  }

  // Shared by every response made with json()/text(String): the servers encode the fields of a
  // Headers instance once and reuse the bytes while the same instance comes back.
  private static final Headers JSON = Headers.of("Content-Type", "application/json");
  private static final Headers TEXT = Headers.of("Content-Type", "text/plain; charset=utf-8");

  public static Response json(String json) {
    return new Response(200, JSON, new Body.Fixed(json.getBytes(StandardCharsets.UTF_8)));
  }

  public static Response text(String text) {
    return new Response(200, TEXT, new Body.Fixed(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static Response text(int status, String contentType, String text) {
    return new Response(
        status,
        Headers.of("Content-Type", contentType),
        new Body.Fixed(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A streamed 200 response; the writer runs while the response is sent. */
  public static Response stream(String contentType, Body.Writer writer) {
    return new Response(200, Headers.of("Content-Type", contentType), new Body.Streamed(writer));
  }

  public Response withHeader(String name, String value) {
    return new Response(status, headers.with(name, value), body);
  }
}

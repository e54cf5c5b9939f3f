package dev.patina.http;

import java.nio.charset.StandardCharsets;

/** A response: status code, header fields and a {@link Body}. The server adds framing headers. */
public record Response(int status, Headers headers, Body body) {
  public Response {
    if (status < 200 || status > 999) {
      throw new IllegalArgumentException("final status must be 200..999: " + status);
    }
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

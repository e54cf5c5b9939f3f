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

  public static Response json(String json) {
    return text(200, "application/json", json);
  }

  public static Response text(String text) {
    return text(200, "text/plain; charset=utf-8", text);
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

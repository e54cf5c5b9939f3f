package dev.patina.http.client;

import dev.patina.http.Body;
import dev.patina.http.Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A request to send: method, absolute {@code http:} or {@code https:} URI, header fields and a
 * body. A {@link Body.Fixed} body goes with {@code Content-Length}, a {@link Body.Streamed} one
 * chunked over HTTP/1.1 (each {@code flush} of the writer is a chunk) or as DATA frames over HTTP/2
 * (each {@code flush} sends what was written). The client owns Host (HTTP/2: {@code :authority}),
 * Content-Length, Transfer-Encoding and Connection.
 */
public record ClientRequest(String method, URI uri, Headers headers, Body body) {
  public ClientRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (body instanceof Body.Upgrade) {
      throw new IllegalArgumentException("an upgrade is a server's answer, not a request body");
    }
  }

  public static ClientRequest get(URI uri) {
    return new ClientRequest("GET", uri, Headers.of(), Body.EMPTY);
  }

  public static ClientRequest get(String uri) {
    return get(URI.create(uri));
  }

  public static ClientRequest post(URI uri, String contentType, byte[] body) {
    return new ClientRequest(
        "POST", uri, Headers.of("Content-Type", contentType), new Body.Fixed(body));
  }

  public static ClientRequest post(URI uri, String contentType, String body) {
    return post(uri, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A POST whose body is written while it is sent, chunked. */
  public static ClientRequest post(URI uri, String contentType, Body.Writer writer) {
    return new ClientRequest(
        "POST", uri, Headers.of("Content-Type", contentType), new Body.Streamed(writer));
  }

  public ClientRequest withHeader(String name, String value) {
    return new ClientRequest(method, uri, headers.with(name, value), body);
  }

  public ClientRequest withMethod(String newMethod, Body newBody) {
    return new ClientRequest(newMethod, uri, headers, newBody);
  }

  public ClientRequest withUri(URI newUri) {
    return new ClientRequest(method, newUri, headers, body);
  }
}

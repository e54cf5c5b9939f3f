package dev.patina.http.internal.h1;

import dev.patina.http.Headers;

/**
 * A parsed request line and header section, with the framing decided from them.
 *
 * @param bodyLength the Content-Length, 0 when there is no body, or {@link #CHUNKED}
 */
public record RequestHead(
    String method, String target, String version, Headers headers, long bodyLength) {
  public static final long CHUNKED = -1;

  public boolean http10() {
    return version.equals("HTTP/1.0");
  }

  /** Persistent by default in HTTP/1.1; in HTTP/1.0 only with {@code Connection: keep-alive}. */
  public boolean keepAlive() {
    if (headers.hasToken("connection", "close")) {
      return false;
    }
    return !http10() || headers.hasToken("connection", "keep-alive");
  }
}

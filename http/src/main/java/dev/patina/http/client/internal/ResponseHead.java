package dev.patina.http.client.internal;

import dev.patina.http.Headers;

/**
 * A parsed status line and header section.
 *
 * @param bodyLength the Content-Length, {@link #CHUNKED}, {@link #UNTIL_CLOSE} or 0 for no body
 */
public record ResponseHead(
    String version, int status, String reason, Headers headers, long bodyLength) {
  public static final long CHUNKED = -1;
  public static final long UNTIL_CLOSE = -2;

  /** Whether the connection can carry another request after this response's body. */
  public boolean reusable() {
    if (bodyLength == UNTIL_CLOSE || headers.hasToken("connection", "close")) {
      return false;
    }
    return version.equals("HTTP/1.1") || headers.hasToken("connection", "keep-alive");
  }
}

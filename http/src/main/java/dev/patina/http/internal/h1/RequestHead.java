package dev.patina.http.internal.h1;

import dev.patina.http.Headers;

/**
 * A parsed request line and header section, with the framing decided from them.
 *
 * @param bodyLength the Content-Length, 0 when there is no body, or {@link #CHUNKED}
 * @param connection what the {@code Connection} fields say, as {@code CONNECTION_*} bits (found
 *     while parsing, so that each request does not search its fields again)
 * @param expect the first {@code Expect} value, or null
 */
public record RequestHead(
    String method,
    String target,
    String version,
    Headers headers,
    long bodyLength,
    int connection,
    String expect) {
  public static final long CHUNKED = -1;

  /** {@code Connection: close}. */
  public static final int CONNECTION_CLOSE = 1;

  /** {@code Connection: keep-alive}. */
  public static final int CONNECTION_KEEP_ALIVE = 2;

  /** {@code Connection: upgrade}. */
  public static final int CONNECTION_UPGRADE = 4;

  /** {@code Connection: http2-settings}. */
  public static final int CONNECTION_HTTP2_SETTINGS = 8;

  public boolean http10() {
    return version.equals("HTTP/1.0");
  }

  /** Persistent by default in HTTP/1.1; in HTTP/1.0 only with {@code Connection: keep-alive}. */
  public boolean keepAlive() {
    if ((connection & CONNECTION_CLOSE) != 0) {
      return false;
    }
    return !http10() || (connection & CONNECTION_KEEP_ALIVE) != 0;
  }

  /** Whether {@code Connection} names {@code option} (one of the {@code CONNECTION_*} bits). */
  public boolean connectionHas(int option) {
    return (connection & option) != 0;
  }
}

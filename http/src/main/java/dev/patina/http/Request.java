package dev.patina.http;

import java.nio.charset.StandardCharsets;

/**
 * A request as the handler sees it: the request line, the header fields, and the whole body (read
 * before the handler runs; its size is bounded by {@link Limits#maxBodyBytes()}).
 *
 * @param method the method token, case preserved (methods are case-sensitive)
 * @param target the request-target as sent, e.g. {@code /a/b?x=1}
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 */
public record Request(String method, String target, String version, Headers headers, byte[] body) {
  /** The target without its query. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The query after {@code ?}, or null. */
  public String query() {
    int q = target.indexOf('?');
    return q < 0 ? null : target.substring(q + 1);
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}

package dev.patina.http.client.internal;

import dev.patina.http.client.HttpClientException;
import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes: the scheme ({@code http:} or {@code https:}), host and port of a URI;
 * connections are pooled per origin.
 */
public record Origin(boolean secure, String host, int port) {
  public static Origin of(URI uri) throws HttpClientException {
    if (!uri.isAbsolute() || uri.getScheme() == null) {
      throw new HttpClientException(
          HttpClientException.Kind.INVALID_REQUEST, "not an absolute URI: " + uri);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new HttpClientException(
          HttpClientException.Kind.INVALID_REQUEST, "unsupported scheme " + scheme + ": " + uri);
    }
    if (uri.getHost() == null) {
      throw new HttpClientException(HttpClientException.Kind.INVALID_REQUEST, "no host in " + uri);
    }
    boolean secure = scheme.equals("https");
    return new Origin(
        secure, uri.getHost(), uri.getPort() < 0 ? defaultPort(secure) : uri.getPort());
  }

  private static int defaultPort(boolean secure) {
    return secure ? 443 : 80;
  }

  /** The Host field value (RFC 9110 §7.2): the port only when it is not the default. */
  public String hostHeader() {
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return port == defaultPort(secure) ? h : h + ":" + port;
  }
}

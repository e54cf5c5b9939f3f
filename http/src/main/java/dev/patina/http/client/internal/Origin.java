package dev.patina.http.client.internal;

import dev.patina.http.client.HttpClientException;
import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes: host and port of an {@code http:} URI; connections are pooled per
 * origin.
 */
public record Origin(String host, int port) {
  public static Origin of(URI uri) throws HttpClientException {
    if (!uri.isAbsolute() || uri.getScheme() == null) {
      throw new HttpClientException(
          HttpClientException.Kind.INVALID_REQUEST, "not an absolute URI: " + uri);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new HttpClientException(
          HttpClientException.Kind.INVALID_REQUEST, "unsupported scheme " + scheme + ": " + uri);
    }
    if (uri.getHost() == null) {
      throw new HttpClientException(HttpClientException.Kind.INVALID_REQUEST, "no host in " + uri);
    }
    return new Origin(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
  }

  /** The Host field value (RFC 9110 §7.2): the port only when it is not the default. */
  public String hostHeader() {
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return port == 80 ? h : h + ":" + port;
  }
}

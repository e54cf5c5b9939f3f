package dev.patina.pd;

import java.net.URI;

/**
 * A host and port to listen on or to advertise, for PD and the TiKV store alike. Parsed from {@code
 * host:port}, {@code http://host:port} (PD's URL form) or {@code [v6-address]:port}.
 */
public record HostPort(String host, int port) {
  public HostPort {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " out of range 0..65535");
    }
  }

  /**
   * Parses one address; fails with a one-line reason.
   *
   * @throws IllegalArgumentException on anything else than one host:port or http URL
   */
  public static HostPort parse(String text) {
    String s = text.strip();
    if (s.contains(",")) {
      throw new IllegalArgumentException(
          "'" + text + "': only one address is supported (Patina's PD has a single member)");
    }
    if (s.contains("://")) {
      URI uri;
      try {
        uri = URI.create(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + text + "' is not a valid URL");
      }
      if (!"http".equals(uri.getScheme())) {
        throw new IllegalArgumentException(
            "'" + text + "': only http:// URLs are supported (no TLS yet)");
      }
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException("'" + text + "' needs a host and a port");
      }
      String host = uri.getHost();
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return new HostPort(host, uri.getPort());
    }
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("'" + text + "': write IPv6 addresses as [addr]:port");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': port is not a number");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("'" + text + "': port out of range 0..65535");
    }
    return new HostPort(host, port);
  }

  /** Whether this is a wildcard address (0.0.0.0, ::) that cannot be advertised. */
  public boolean isWildcard() {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  public HostPort withPort(int newPort) {
    return new HostPort(host, newPort);
  }

  /** {@code http://host:port}, as PD's client URLs read. */
  public String url() {
    return "http://" + this;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}

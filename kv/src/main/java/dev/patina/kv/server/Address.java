package dev.patina.kv.server;

import java.net.URI;

/**
 * A host and port: {@code host:port}, {@code http://host:port} or {@code [v6]:port}. Stores
 * advertise {@code host:port}; PD endpoints may be written either way.
 */
public record Address(String host, int port) {
  public Address {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " out of range 0..65535");
    }
  }

  /**
   * Parses one address.
   *
   * @throws IllegalArgumentException with a one-line reason
   */
  public static Address parse(String text) {
    String s = text.strip();
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
      return new Address(host, uri.getPort());
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
    return new Address(host, port);
  }

  public boolean isWildcard() {
    return host.equals("0.0.0.0") || host.equals("::");
  }

  public Address withPort(int p) {
    return new Address(host, p);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}

package dev.patina.stream.pgwire;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link PgServer}. The defaults are RisingWave's: port 4566 on all interfaces, trust
 * authentication.
 *
 * @param host the address to listen on
 * @param port the TCP port (0 picks a free one)
 * @param auth the authentication method
 * @param passwords user name to password, for the password methods (users not listed are refused)
 * @param maxMessageBytes the largest frontend message accepted; a larger one closes that connection
 * @param maxConnections connections beyond this are refused with SQLSTATE 53300
 * @param authTimeout how long a client may take from connecting to finishing authentication
 * @param serverVersion the {@code server_version} reported to clients
 * @param ioThreads Netty I/O threads (0 for Netty's default)
 */
public record PgServerConfig(
    String host,
    int port,
    AuthMethod auth,
    Map<String, String> passwords,
    int maxMessageBytes,
    int maxConnections,
    Duration authTimeout,
    String serverVersion,
    int ioThreads) {
  /** RisingWave's port. */
  public static final int DEFAULT_PORT = 4566;

  /** RisingWave reports itself as PostgreSQL 13.14.0. */
  public static final String DEFAULT_SERVER_VERSION = "13.14.0";

  public PgServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(auth, "auth");
    passwords = Map.copyOf(passwords);
    Objects.requireNonNull(authTimeout, "authTimeout");
    Objects.requireNonNull(serverVersion, "serverVersion");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("maxMessageBytes too small: " + maxMessageBytes);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive");
    }
  }

  /** Port 4566 on all interfaces, trust, 64 MiB messages, 1000 connections. */
  public static PgServerConfig defaults() {
    return new PgServerConfig(
        "0.0.0.0",
        DEFAULT_PORT,
        AuthMethod.TRUST,
        Map.of(),
        64 << 20,
        1000,
        Duration.ofSeconds(60),
        DEFAULT_SERVER_VERSION,
        0);
  }

  public PgServerConfig withHost(String host) {
    return new PgServerConfig(
        host,
        port,
        auth,
        passwords,
        maxMessageBytes,
        maxConnections,
        authTimeout,
        serverVersion,
        ioThreads);
  }

  public PgServerConfig withPort(int port) {
    return new PgServerConfig(
        host,
        port,
        auth,
        passwords,
        maxMessageBytes,
        maxConnections,
        authTimeout,
        serverVersion,
        ioThreads);
  }

  public PgServerConfig withAuth(AuthMethod auth, Map<String, String> passwords) {
    return new PgServerConfig(
        host,
        port,
        auth,
        passwords,
        maxMessageBytes,
        maxConnections,
        authTimeout,
        serverVersion,
        ioThreads);
  }

  public PgServerConfig withMaxMessageBytes(int maxMessageBytes) {
    return new PgServerConfig(
        host,
        port,
        auth,
        passwords,
        maxMessageBytes,
        maxConnections,
        authTimeout,
        serverVersion,
        ioThreads);
  }

  public PgServerConfig withMaxConnections(int maxConnections) {
    return new PgServerConfig(
        host,
        port,
        auth,
        passwords,
        maxMessageBytes,
        maxConnections,
        authTimeout,
        serverVersion,
        ioThreads);
  }

  public PgServerConfig withAuthTimeout(Duration authTimeout) {
    return new PgServerConfig(
        host,
        port,
        auth,
        passwords,
        maxMessageBytes,
        maxConnections,
        authTimeout,
        serverVersion,
        ioThreads);
  }
}

package dev.patina.http;

import java.time.Duration;

/**
 * How the server runs its HTTP/2 connections (RFC 9113): receive windows, the SETTINGS
 * acknowledgement timeout and keep-alive PINGs. The defaults follow hyper's: 1 MiB stream and
 * connection windows, keep-alive off (when on, 20 s to wait for the PING's ACK).
 *
 * <p>A stream's window reopens only as its handler reads the body, so {@code streamWindow} is also
 * the most a stream whose handler does not read can make the server buffer; the connection window
 * reopens as DATA arrives, so a connection buffers at most {@code streamWindow} times its open
 * streams (100).
 *
 * @param streamWindow each stream's receive window (SETTINGS_INITIAL_WINDOW_SIZE), 65,535 to 2^31-1
 *     bytes
 * @param connectionWindow the connection's receive window (raised from the RFC's 65,535 by a
 *     WINDOW_UPDATE after our SETTINGS), 65,535 to 2^31-1 bytes
 * @param settingsTimeout how long the peer may take to acknowledge our SETTINGS before the
 *     connection ends with GOAWAY(SETTINGS_TIMEOUT) (§6.5.3); positive
 * @param keepAliveInterval after this long without a frame from the peer a PING is sent; {@link
 *     Duration#ZERO} turns keep-alive off (the default)
 * @param keepAliveTimeout how long to wait for that PING's ACK before the connection ends with
 *     GOAWAY; positive
 */
public record H2Settings(
    int streamWindow,
    int connectionWindow,
    Duration settingsTimeout,
    Duration keepAliveInterval,
    Duration keepAliveTimeout) {
  /** The RFC's initial window, the smallest allowed here. */
  public static final int MIN_WINDOW = 65_535;

  public static final H2Settings DEFAULT =
      new H2Settings(
          1 << 20, 1 << 20, Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(20));

  public H2Settings {
    checkWindow("streamWindow", streamWindow);
    checkWindow("connectionWindow", connectionWindow);
    if (settingsTimeout == null || settingsTimeout.isNegative() || settingsTimeout.isZero()) {
      throw new IllegalArgumentException("settingsTimeout must be positive: " + settingsTimeout);
    }
    if (keepAliveInterval == null || keepAliveInterval.isNegative()) {
      throw new IllegalArgumentException(
          "keepAliveInterval must be zero (off) or positive: " + keepAliveInterval);
    }
    if (keepAliveTimeout == null || keepAliveTimeout.isNegative() || keepAliveTimeout.isZero()) {
      throw new IllegalArgumentException("keepAliveTimeout must be positive: " + keepAliveTimeout);
    }
  }

  /** These settings with other receive windows. */
  public H2Settings withWindows(int stream, int connection) {
    return new H2Settings(stream, connection, settingsTimeout, keepAliveInterval, keepAliveTimeout);
  }

  /** These settings with another SETTINGS acknowledgement timeout. */
  public H2Settings withSettingsTimeout(Duration timeout) {
    return new H2Settings(
        streamWindow, connectionWindow, timeout, keepAliveInterval, keepAliveTimeout);
  }

  /**
   * These settings with keep-alive PINGs after {@code interval} idle, each ACKed in {@code
   * timeout}.
   */
  public H2Settings withKeepAlive(Duration interval, Duration timeout) {
    return new H2Settings(streamWindow, connectionWindow, settingsTimeout, interval, timeout);
  }

  /** Whether keep-alive PINGs are sent. */
  public boolean keepAlive() {
    return !keepAliveInterval.isZero();
  }

  private static void checkWindow(String name, int window) {
    if (window < MIN_WINDOW) {
      throw new IllegalArgumentException(
          name + " must be between 65535 and 2147483647 bytes, not " + window);
    }
  }
}

package dev.patina.http;

import java.time.Duration;

/**
 * What one connection may cost the server. Hyper's defaults are similar: ~400 KiB of head buffer
 * and 100 headers; hyper has no body limit of its own. Patina bounds streamed bodies too, so that
 * {@link Request#body()} (which reads the rest whole) never buffers without bound.
 *
 * @param maxHeadBytes request line plus header fields (and chunked trailers); over it → 431
 * @param maxHeaderCount number of header fields; over it → 431
 * @param maxBodyBytes decoded request body, read whole or streamed; over it → 413 (declared: before
 *     the handler; counted: the handler's read throws {@link RequestBodyException})
 * @param idleTimeout how long a read may wait: between requests and while a request arrives
 * @param headerTimeout how long a whole request head may take from its first byte; over it → 408
 *     (hyper's {@code header_read_timeout}: a client trickling bytes cannot hold a connection)
 */
public record Limits(
    int maxHeadBytes,
    int maxHeaderCount,
    long maxBodyBytes,
    Duration idleTimeout,
    Duration headerTimeout) {
  public static final Limits DEFAULT =
      new Limits(64 * 1024, 100, 8L << 20, Duration.ofSeconds(30), Duration.ofSeconds(30));

  public Limits {
    if (maxHeadBytes < 64
        || maxHeaderCount < 1
        || maxBodyBytes < 0
        || idleTimeout.isNegative()
        || headerTimeout.isNegative()) {
      throw new IllegalArgumentException("limits out of range");
    }
  }

  /** Limits whose header timeout equals the idle timeout. */
  public Limits(int maxHeadBytes, int maxHeaderCount, long maxBodyBytes, Duration idleTimeout) {
    this(maxHeadBytes, maxHeaderCount, maxBodyBytes, idleTimeout, idleTimeout);
  }
}

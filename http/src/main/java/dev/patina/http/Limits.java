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
 * @param bodySkipBudget HTTP/1.1: body bytes a handler left unread that the server reads and drops
 *     after the response to keep the connection; a longer rest closes the connection instead
 *     (cheaper than receiving it all). Default 256 KiB
 * @param bodyDropBudget HTTP/2: body bytes a client still sends on a stream answered before its
 *     body ended that are read and dropped (their window reopened) before the stream is reset with
 *     RST_STREAM(NO_ERROR). Default 1 MiB
 */
public record Limits(
    int maxHeadBytes,
    int maxHeaderCount,
    long maxBodyBytes,
    Duration idleTimeout,
    Duration headerTimeout,
    long bodySkipBudget,
    long bodyDropBudget) {
  public static final long DEFAULT_BODY_SKIP_BUDGET = 256 * 1024;
  public static final long DEFAULT_BODY_DROP_BUDGET = 1 << 20;

  public static final Limits DEFAULT =
      new Limits(64 * 1024, 100, 8L << 20, Duration.ofSeconds(30), Duration.ofSeconds(30));

  public Limits {
    if (maxHeadBytes < 64) {
      throw new IllegalArgumentException("maxHeadBytes must be at least 64, not " + maxHeadBytes);
    }
    if (maxHeaderCount < 1) {
      throw new IllegalArgumentException(
          "maxHeaderCount must be at least 1, not " + maxHeaderCount);
    }
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
    }
    requireNonNegative("idleTimeout", idleTimeout);
    requireNonNegative("headerTimeout", headerTimeout);
    if (bodySkipBudget < 0) {
      throw new IllegalArgumentException("bodySkipBudget must not be negative: " + bodySkipBudget);
    }
    if (bodyDropBudget < 0) {
      throw new IllegalArgumentException("bodyDropBudget must not be negative: " + bodyDropBudget);
    }
  }

  /** Limits with the default body skip (256 KiB) and drop (1 MiB) budgets. */
  public Limits(
      int maxHeadBytes,
      int maxHeaderCount,
      long maxBodyBytes,
      Duration idleTimeout,
      Duration headerTimeout) {
    this(
        maxHeadBytes,
        maxHeaderCount,
        maxBodyBytes,
        idleTimeout,
        headerTimeout,
        DEFAULT_BODY_SKIP_BUDGET,
        DEFAULT_BODY_DROP_BUDGET);
  }

  /** Limits whose header timeout equals the idle timeout. */
  public Limits(int maxHeadBytes, int maxHeaderCount, long maxBodyBytes, Duration idleTimeout) {
    this(maxHeadBytes, maxHeaderCount, maxBodyBytes, idleTimeout, idleTimeout);
  }

  /** These limits with another HTTP/1.1 skip budget for unread bodies (see the record's doc). */
  public Limits withBodySkipBudget(long bytes) {
    return new Limits(
        maxHeadBytes,
        maxHeaderCount,
        maxBodyBytes,
        idleTimeout,
        headerTimeout,
        bytes,
        bodyDropBudget);
  }

  /** These limits with another HTTP/2 drop budget after an early answer (see the record's doc). */
  public Limits withBodyDropBudget(long bytes) {
    return new Limits(
        maxHeadBytes,
        maxHeaderCount,
        maxBodyBytes,
        idleTimeout,
        headerTimeout,
        bodySkipBudget,
        bytes);
  }

  private static void requireNonNegative(String name, Duration d) {
    if (d == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
  }
}

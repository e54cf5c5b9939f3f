package dev.patina.http.internal.h2;

/**
 * A stream error (RFC 9113 §5.4.2): answered with RST_STREAM on {@code streamId}; the connection
 * goes on.
 */
public final class StreamError extends Exception {
  private final int streamId;
  private final ErrorCode code;

  public StreamError(int streamId, ErrorCode code, String message) {
    super(message);
    this.streamId = streamId;
    this.code = code;
  }

  public int streamId() {
    return streamId;
  }

  public ErrorCode code() {
    return code;
  }
}

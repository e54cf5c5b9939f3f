package dev.patina.http.internal.h2;

/** A connection error (RFC 9113 §5.4.1): answered with GOAWAY carrying {@code code}, then close. */
public final class ConnectionError extends Exception {
  private final ErrorCode code;

  public ConnectionError(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}

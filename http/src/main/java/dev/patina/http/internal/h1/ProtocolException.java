package dev.patina.http.internal.h1;

/**
 * A request the server refuses on the wire. The connection answers {@code status} (400, 413, 431,
 * 501, 505 ...) and closes, because after a framing error the next request cannot be found.
 */
public final class ProtocolException extends Exception {
  private final int status;

  public ProtocolException(int status, String message) {
    super(message, null, false, false); // no stack trace: these are expected and frequent
    this.status = status;
  }

  public int status() {
    return status;
  }
}

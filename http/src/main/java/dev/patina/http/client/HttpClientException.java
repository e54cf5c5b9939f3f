package dev.patina.http.client;

import java.io.IOException;

/**
 * Why an exchange failed, as one of a few kinds a caller can act on (retry elsewhere, give up, fix
 * the request), with a message that says exactly what was wrong.
 */
public final class HttpClientException extends IOException {
  /** The failure's category. */
  public enum Kind {
    /** The TCP connection could not be opened (refused, unreachable, connect timeout). */
    CONNECT,
    /** A read waited longer than the read timeout, or no pooled connection came free in time. */
    TIMEOUT,
    /** The peer sent something that is not an HTTP/1.1 response (the connection is closed). */
    MALFORMED_RESPONSE,
    /** The peer closed the connection before the response (or its body) was complete. */
    CONNECTION_CLOSED,
    /** The request cannot be sent as asked (an unsupported scheme, a header with CR/LF ...). */
    INVALID_REQUEST
  }

  private final Kind kind;

  public HttpClientException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public HttpClientException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

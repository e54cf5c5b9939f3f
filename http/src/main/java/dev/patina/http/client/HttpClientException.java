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
    /**
     * A read waited longer than the read timeout (HTTP/2: also a send waiting on a shut window), or
     * no pooled connection or HTTP/2 stream came free within the connect timeout.
     */
    TIMEOUT,
    /**
     * The peer sent something that is not a valid HTTP/1.1 or HTTP/2 response. An HTTP/1.1
     * connection is closed; in HTTP/2 a malformed response resets only its stream (RFC 9113
     * §8.1.1), while a frame-level violation ends the connection with GOAWAY (§5.4.1).
     */
    MALFORMED_RESPONSE,
    /** The peer closed the connection before the response (or its body) was complete. */
    CONNECTION_CLOSED,
    /** The request cannot be sent as asked (an unsupported scheme, a header with CR/LF ...). */
    INVALID_REQUEST,
    /**
     * HTTP/2: the server reset this request's stream (RST_STREAM) with an error code other than
     * REFUSED_STREAM; the message names the code. Other requests on the connection go on.
     */
    RESET,
    /**
     * HTTP/2: the server did not process the request (a GOAWAY whose last stream id is below the
     * request's stream, or RST_STREAM(REFUSED_STREAM)), so it is safe to send again (RFC 9113
     * §8.7). The client already retried requests with a fixed body on a new connection; this is
     * what a streamed body, which cannot be replayed, gets.
     */
    REFUSED
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

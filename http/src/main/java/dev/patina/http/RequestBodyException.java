package dev.patina.http;

import java.io.IOException;

/**
 * A request body the server will not deliver: larger than {@link Limits#maxBodyBytes()} (413) or
 * malformed on the wire, such as a bad chunk size (400). Thrown by the reads of {@link
 * Request#bodyStream()}; if the handler lets it escape (or swallows it) before a response was sent,
 * the server answers with {@link #status()} and closes the connection (HTTP/1.1) or resets the
 * stream after answering (HTTP/2), because the rest of the body cannot be skipped reliably.
 */
public final class RequestBodyException extends IOException {
  private final int status;

  public RequestBodyException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The response status that describes the problem: 400 or 413. */
  public int status() {
    return status;
  }
}

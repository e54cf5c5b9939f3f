package dev.patina.http;

import java.io.IOException;

/**
 * A request body the server will not deliver: larger than {@link Limits#maxBodyBytes()} (413) or
 * malformed on the wire, such as a bad chunk size (400) or too long trailers (431). Thrown by the
 * reads of {@link Request#bodyStream()} (wrapped in an {@link java.io.UncheckedIOException} by
 * {@link Request#body()}). If the handler then fails, the server answers {@link #status()} instead
 * of 500; either way the rest of the body is not read: HTTP/1.1 closes the connection after the
 * answer, HTTP/2 drops what the client still sends (up to 1 MiB, then RST_STREAM).
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

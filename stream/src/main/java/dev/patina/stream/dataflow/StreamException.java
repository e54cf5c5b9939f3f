package dev.patina.stream.dataflow;

/** A streaming job could not be created, dropped or run; the message says why in one line. */
public final class StreamException extends RuntimeException {
  public StreamException(String message) {
    super(message);
  }

  public StreamException(String message, Throwable cause) {
    super(message, cause);
  }
}

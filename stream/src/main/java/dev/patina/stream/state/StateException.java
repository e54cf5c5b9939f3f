package dev.patina.stream.state;

/** A failure of the state store: it cannot be opened, a read or a commit failed. */
public final class StateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}

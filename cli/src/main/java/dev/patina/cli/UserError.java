package dev.patina.cli;

/** A mistake in what the user asked for, reported as one line with an exit status. */
public final class UserError extends RuntimeException {
  private final int status;

  public UserError(String message) {
    this(message, ErrorReporter.ERROR_STATUS);
  }

  public UserError(String message, int status) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}

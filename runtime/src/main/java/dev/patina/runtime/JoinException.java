package dev.patina.runtime;

/** A task did not produce a value: it panicked (see {@link #getCause()}) or was cancelled. */
public final class JoinException extends Exception {
  JoinException(String message, Throwable cause) {
    super(message, cause);
  }

  public boolean isCancelled() {
    return getCause() == null;
  }

  public boolean isPanic() {
    return getCause() != null;
  }
}

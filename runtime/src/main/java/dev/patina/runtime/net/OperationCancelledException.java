package dev.patina.runtime.net;

import java.io.InterruptedIOException;

/**
 * A blocking socket call was cut short because its task was aborted (the thread interrupted) or its
 * task's {@link dev.patina.runtime.CancellationToken} was cancelled. The socket is closed by then,
 * as the JDK closes an interrupted channel.
 */
public final class OperationCancelledException extends InterruptedIOException {
  public OperationCancelledException(String message, Throwable cause) {
    super(message);
    initCause(cause);
  }
}

package dev.patina.wasm;

/**
 * A host function ended the program with an exit status (WASI's {@code proc_exit}). It unwinds
 * every Wasm frame of the call, like a trap, but it is not an error: the embedder reads {@link
 * #status()}.
 */
public final class ExitException extends WasmException {
  private final int status;

  public ExitException(int status) {
    super("exit status " + status);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** Exits unwind the stack; their Java stack trace is of no use. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}

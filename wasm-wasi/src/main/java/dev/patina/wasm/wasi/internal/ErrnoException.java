package dev.patina.wasm.wasi.internal;

/**
 * A WASI call fails with an errno: thrown inside the host functions and turned into their result,
 * never seen by the guest or the embedder as an exception.
 */
public final class ErrnoException extends RuntimeException {
  private final int errno;

  public ErrnoException(int errno) {
    super(Errno.name(errno));
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }

  /** An errno is a result, not a failure: its Java stack trace is of no use. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}

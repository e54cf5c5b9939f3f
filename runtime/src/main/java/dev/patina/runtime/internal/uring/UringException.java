package dev.patina.runtime.internal.uring;

/** The kernel refused an io_uring call: which one and the errno. */
final class UringException extends Exception {
  final int errno;

  UringException(String call, int errno) {
    super(call + " failed: " + Libc.strerror(errno) + " (errno " + errno + ")");
    this.errno = errno;
  }
}

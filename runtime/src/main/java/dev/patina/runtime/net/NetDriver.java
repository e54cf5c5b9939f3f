package dev.patina.runtime.net;

import dev.patina.runtime.internal.uring.UringTransport;
import dev.patina.runtime.net.internal.NioTransport;
import dev.patina.runtime.net.internal.Transport;

/**
 * Which I/O driver carries a socket: the JDK's NIO channels (portable) or Linux io_uring through
 * the FFM API. Tokio has one driver (mio over epoll); Patina offers both because virtual threads
 * already park on the JDK's own poller, and io_uring had to earn its place in the benchmark.
 */
public sealed interface NetDriver permits NetDriver.Nio, NetDriver.IoUring {

  /**
   * JDK channels in blocking mode: a virtual thread parks on the JDK's poller. Works everywhere.
   */
  record Nio() implements NetDriver {}

  /**
   * io_uring: one ring with a driver thread that submits and reaps; a blocked call parks its
   * virtual thread until its completion arrives. UDP sockets of this driver use NIO (see
   * docs/runtime.md).
   */
  record IoUring() implements NetDriver {}

  /** Whether a driver can run here, and if not, why not (one line). */
  record Availability(boolean available, String reason) {}

  static NetDriver nio() {
    return new Nio();
  }

  static NetDriver ioUring() {
    return new IoUring();
  }

  /**
   * The driver used when none is named: {@code -Dpatina.net.driver=nio|auto|io_uring}. {@code nio}
   * is the default: io_uring was not ahead of it in the echo benchmark (docs/benchmarks.md). {@code
   * auto} is io_uring where it runs and NIO elsewhere; an explicit io_uring falls back to NIO, with
   * the reason on stderr, where io_uring cannot run.
   */
  static NetDriver defaultDriver() {
    return Defaults.DRIVER;
  }

  /** Whether io_uring works in this process (kernel, seccomp, native access), probed once. */
  static Availability ioUringAvailability() {
    return UringTransport.availability();
  }

  /** Whether this driver can run here. */
  default Availability availability() {
    return switch (this) {
      case Nio n -> new Availability(true, "JDK NIO is always available");
      case IoUring u -> ioUringAvailability();
    };
  }

  /** The transport behind this driver; throws with the probe's reason if it cannot run. */
  default Transport transport() {
    return switch (this) {
      case Nio n -> NioTransport.INSTANCE;
      case IoUring u -> UringTransport.instance();
    };
  }
}

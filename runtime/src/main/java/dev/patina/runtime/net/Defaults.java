package dev.patina.runtime.net;

/**
 * The process-wide default driver, resolved once from {@code patina.net.driver}: {@code auto}
 * unless set, which takes io_uring where it runs (it was ahead of or level with NIO in every paired
 * echo measurement of the current code: docs/benchmarks.md, runs 4 and 5) and NIO elsewhere.
 */
final class Defaults {
  static final NetDriver DRIVER = resolve(System.getProperty("patina.net.driver", "auto"));

  private Defaults() {}

  static NetDriver resolve(String name) {
    return switch (name) {
      case "auto" ->
          NetDriver.ioUringAvailability().available() ? NetDriver.ioUring() : NetDriver.nio();
      case "nio" -> NetDriver.nio();
      case "io_uring", "iouring", "io-uring" -> {
        NetDriver.Availability a = NetDriver.ioUringAvailability();
        if (a.available()) {
          yield NetDriver.ioUring();
        }
        System.err.println("patina: io_uring unavailable (" + a.reason() + "); using NIO");
        yield NetDriver.nio();
      }
      default ->
          throw new IllegalArgumentException(
              "patina.net.driver must be auto, nio or io_uring, not '" + name + "'");
    };
  }
}

package dev.patina.runtime.net;

/**
 * The process-wide default driver, resolved once from {@code patina.net.driver}: {@code nio} unless
 * set. In the paired echo runs of the current code NIO's server CPU time per message was lower than
 * io_uring's in every pair and its msgs/s level or ahead (docs/benchmarks.md, "TCP echo", runs
 * 13-15), so io_uring is not the default; {@code auto} takes io_uring where it runs, NIO elsewhere.
 */
final class Defaults {
  static final NetDriver DRIVER = resolve(System.getProperty("patina.net.driver", "nio"));

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

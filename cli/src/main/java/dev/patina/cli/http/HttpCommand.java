package dev.patina.cli.http;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code patina http}: the HTTP library's server and the runtime's metrics view. */
@Command(
    name = "http",
    mixinStandardHelpOptions = true,
    description =
        "HTTP/1.1 and HTTP/2 server on virtual threads (hyper's role), and a view of a"
            + " running server's runtime metrics.",
    subcommands = {HttpServeCommand.class, HttpMetricsCommand.class})
public final class HttpCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

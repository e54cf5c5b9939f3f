package dev.patina.cli.stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code patina stream}: the streaming SQL database's commands. */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description =
        "Streaming SQL database (RisingWave): tables, materialized views kept up to date"
            + " incrementally, PostgreSQL wire protocol.",
    subcommands = {StreamStartCommand.class, SltCommand.class})
public final class StreamCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

package dev.patina.cli.pd;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code patina pd}: the Placement Driver's commands. */
@Command(
    name = "pd",
    mixinStandardHelpOptions = true,
    description = "Placement Driver (TiKV's PD): cluster metadata, timestamps, region routing.",
    subcommands = {PdStartCommand.class})
public final class PdCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

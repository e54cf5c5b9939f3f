package dev.patina.cli.kv;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code patina kv}: the TiKV store's commands. */
@Command(
    name = "kv",
    mixinStandardHelpOptions = true,
    description = "A TiKV store: transactional and raw key-value storage served to TiKV clients.",
    subcommands = {KvStartCommand.class})
public final class KvCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

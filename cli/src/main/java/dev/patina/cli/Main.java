package dev.patina.cli;

import dev.patina.cli.http.HttpCommand;
import dev.patina.cli.kv.KvCommand;
import dev.patina.cli.pd.PdCommand;
import dev.patina.cli.stream.StreamCommand;
import dev.patina.cli.wasm.WasmCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code patina} command: one front, a subcommand per module. */
@Command(
    name = "patina",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Landmark systems of the Rust ecosystem, rebuilt in Java.",
      "",
      "Modules:",
      "  wasm   a WebAssembly engine (wasmtime / WasmEdge): run modules, run .wast spec scripts",
      "  pd     TiKV's Placement Driver: cluster metadata, timestamps, region routing",
      "  kv     a TiKV store: transactional and raw key-value storage",
      "  up     a local cluster (PD + one store) in one process, as TiUP's playground",
      "  stream a streaming SQL database (RisingWave) on PostgreSQL's protocol",
    },
    subcommands = {
      WasmCommand.class,
      PdCommand.class,
      KvCommand.class,
      UpCommand.class,
      StreamCommand.class,
      HttpCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared with tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler(ErrorReporter::usageError);
    // The help texts are written as lines of up to 100 columns; at picocli's default of 80 they
    // were wrapped a second time, mid-sentence.
    cli.setUsageHelpWidth(100);
    return cli;
  }
}

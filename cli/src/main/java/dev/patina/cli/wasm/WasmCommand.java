package dev.patina.cli.wasm;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code patina wasm}: the WebAssembly engine's commands. */
@Command(
    name = "wasm",
    mixinStandardHelpOptions = true,
    description = "WebAssembly engine: run, validate and inspect modules; run spec test scripts.",
    subcommands = {
      WasmRunCommand.class,
      WasmWastCommand.class,
      WasmCompileCommand.class,
      WasmValidateCommand.class,
      WasmInspectCommand.class
    })
public final class WasmCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

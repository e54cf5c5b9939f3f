package dev.patina.cli;

import dev.patina.wasm.TrapException;
import dev.patina.wasm.WasmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line on stderr and an exit status: user mistakes never show a Java
 * stack trace (set PATINA_DEBUG=1 to see one).
 */
public final class ErrorReporter implements IExecutionExceptionHandler {
  /** Exit status for a Wasm trap, as wasmtime uses (128 + SIGABRT). */
  public static final int TRAP_STATUS = 134;

  public static final int ERROR_STATUS = 1;
  public static final int USAGE_STATUS = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    if (System.getenv("PATINA_DEBUG") != null) {
      e.printStackTrace();
    }
    var err = cli.getErr();
    switch (e) {
      case TrapException trap -> {
        err.println("error: wasm trap: " + trap.getMessage());
        return TRAP_STATUS;
      }
      case WasmException wasm -> {
        err.println("error: " + wasm.getMessage());
        return ERROR_STATUS;
      }
      case UserError user -> {
        err.println("error: " + user.getMessage());
        return user.status();
      }
      case NoSuchFileException missing -> {
        err.println("error: no such file: " + missing.getFile());
        return ERROR_STATUS;
      }
      case IOException io -> {
        err.println("error: " + io.getMessage());
        return ERROR_STATUS;
      }
      case UncheckedIOException io -> {
        err.println("error: " + io.getCause().getMessage());
        return ERROR_STATUS;
      }
      default -> {
        err.println("error: internal error: " + e);
        err.println("(this is a bug in patina; PATINA_DEBUG=1 shows the stack trace)");
        return ERROR_STATUS;
      }
    }
  }

  /** Bad options or arguments: the message and a hint, no stack trace. */
  public static int usageError(CommandLine.ParameterException e, String[] args) {
    var cli = e.getCommandLine();
    cli.getErr().println("error: " + e.getMessage());
    cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help'.");
    return USAGE_STATUS;
  }
}

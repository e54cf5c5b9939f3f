package dev.patina.wasm;

import java.util.List;

/**
 * A WebAssembly trap: execution stopped because an instruction could not proceed ({@code
 * unreachable}, an out-of-bounds access, a division by zero...). The backtrace lists the Wasm
 * frames, innermost first, with names from the module's {@code name} section where present.
 */
public sealed class TrapException extends WasmException permits ExhaustionException {
  private final String reason;
  private List<WasmFrame> backtrace = List.of();

  public TrapException(String reason) {
    super(reason);
    this.reason = reason;
  }

  public TrapException(String reason, Throwable cause) {
    super(reason, cause);
    this.reason = reason;
  }

  /** The specification's trap message, e.g. {@code "integer divide by zero"}. */
  public String reason() {
    return reason;
  }

  public List<WasmFrame> backtrace() {
    return backtrace;
  }

  /** Attaches the Wasm backtrace; called once by the engine when the trap leaves Wasm code. */
  public TrapException withBacktrace(List<WasmFrame> frames) {
    this.backtrace = List.copyOf(frames);
    return this;
  }

  @Override
  public String getMessage() {
    if (backtrace.isEmpty()) {
      return reason;
    }
    StringBuilder out = new StringBuilder(reason).append("\nwasm backtrace:");
    for (int i = 0; i < backtrace.size(); i++) {
      out.append("\n  ").append(i).append(": ").append(backtrace.get(i));
    }
    return out.toString();
  }

  /** Traps carry a Wasm backtrace; the Java stack of the interpreter is noise to users. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}

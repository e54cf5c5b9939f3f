package dev.patina.wasm;

/** An import could not be satisfied: missing, or of the wrong kind or type. */
public final class UnlinkableException extends WasmException {
  public UnlinkableException(String message) {
    super(message);
  }
}

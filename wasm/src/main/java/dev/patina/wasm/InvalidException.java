package dev.patina.wasm;

/** The module is well-formed but fails validation, e.g. {@code "type mismatch"}. */
public final class InvalidException extends WasmException {
  private final String reason;

  public InvalidException(String reason, String location) {
    super(location == null ? reason : reason + " (in " + location + ")");
    this.reason = reason;
  }

  public InvalidException(String reason) {
    this(reason, null);
  }

  /** The bare reason, without the location. */
  public String reason() {
    return reason;
  }
}

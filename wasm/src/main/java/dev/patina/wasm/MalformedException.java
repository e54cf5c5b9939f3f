package dev.patina.wasm;

/**
 * The input is not a well-formed module: a binary that cannot be decoded (the message names the
 * byte offset) or a text that cannot be parsed (the message names line:column).
 */
public final class MalformedException extends WasmException {
  private final String reason;

  public MalformedException(String reason, String location) {
    super(location == null ? reason : reason + " (at " + location + ")");
    this.reason = reason;
  }

  public MalformedException(String reason) {
    this(reason, null);
  }

  /** The bare reason, without the location, e.g. {@code "unexpected end"}. */
  public String reason() {
    return reason;
  }
}

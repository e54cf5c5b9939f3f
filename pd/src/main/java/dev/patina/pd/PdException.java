package dev.patina.pd;

import dev.patina.kv.proto.Pdpb.ErrorType;

/**
 * A request that PD refuses, with the kvproto error type that tells the client why. Answered in the
 * response header as PD does ({@code header.error}), never as a crash.
 */
public class PdException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorType type;

  public PdException(ErrorType type, String message) {
    super(message);
    this.type = type;
  }

  public PdException(ErrorType type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  /** A request that is malformed or does not fit the cluster's state (PD's UNKNOWN type). */
  public static PdException invalid(String message) {
    return new PdException(ErrorType.UNKNOWN, message);
  }

  public static PdException notBootstrapped() {
    return new PdException(
        ErrorType.NOT_BOOTSTRAPPED, "TiKV cluster not bootstrapped, please start TiKV first");
  }

  public ErrorType type() {
    return type;
  }
}

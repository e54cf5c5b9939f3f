package dev.patina.kv.pd;

import dev.patina.kv.proto.Pdpb;

/**
 * PD refused a request ({@link #type()} is the response header's error type) or could not be
 * reached ({@link #isUnavailable()}).
 */
public final class PdException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Pdpb.ErrorType type;
  private final boolean unavailable;

  PdException(Pdpb.ErrorType type, String message, boolean unavailable, Throwable cause) {
    super(message, cause);
    this.type = type;
    this.unavailable = unavailable;
  }

  static PdException refused(Pdpb.Error error) {
    return new PdException(error.getType(), error.getMessage(), false, null);
  }

  static PdException unavailable(String message, Throwable cause) {
    return new PdException(Pdpb.ErrorType.UNKNOWN, message, true, cause);
  }

  public Pdpb.ErrorType type() {
    return type;
  }

  /** Whether PD could not be reached (or did not answer in time): worth retrying later. */
  public boolean isUnavailable() {
    return unavailable;
  }
}

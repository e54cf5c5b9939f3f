package dev.patina.stream.pgwire;

import java.util.Objects;

/**
 * A NoticeResponse: a message that is not an error ({@code NOTICE}, {@code WARNING}, {@code INFO}
 * ...). Null detail and hint are left out.
 */
public record Notice(String severity, String sqlState, String message, String detail, String hint) {
  public Notice {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(sqlState, "sqlState");
    Objects.requireNonNull(message, "message");
  }

  /** A NOTICE with SQLSTATE 00000. */
  public static Notice notice(String message) {
    return new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION, message, null, null);
  }

  /** A WARNING with SQLSTATE 01000. */
  public static Notice warning(String message) {
    return new Notice("WARNING", SqlState.WARNING, message, null, null);
  }
}

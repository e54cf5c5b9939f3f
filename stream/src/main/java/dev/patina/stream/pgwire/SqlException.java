package dev.patina.stream.pgwire;

import java.util.Objects;

/**
 * A SQL error for the client: severity, SQLSTATE, message, and optionally detail, hint and the
 * position in the statement text where it was found. The server sends it as an ErrorResponse; psql
 * prints the position as a caret under the offending line.
 *
 * <p>The position is a 0-based UTF-8 byte offset into the SQL text the engine received (what the
 * parser reports); the server turns it into the 1-based character index of the protocol.
 */
public final class SqlException extends RuntimeException {
  private final String severity;
  private final String sqlState;
  private final String detail;
  private final String hint;
  private final int position;

  public SqlException(String sqlState, String message) {
    this("ERROR", sqlState, message, null, null, -1, null);
  }

  public SqlException(String sqlState, String message, Throwable cause) {
    this("ERROR", sqlState, message, null, null, -1, cause);
  }

  private SqlException(
      String severity,
      String sqlState,
      String message,
      String detail,
      String hint,
      int position,
      Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    if (sqlState == null || sqlState.length() != 5) {
      throw new IllegalArgumentException("SQLSTATE must have five characters: " + sqlState);
    }
    this.severity = Objects.requireNonNull(severity, "severity");
    this.sqlState = sqlState;
    this.detail = detail;
    this.hint = hint;
    this.position = position;
  }

  /** The same error with a DETAIL line. */
  public SqlException withDetail(String detail) {
    return new SqlException(severity, sqlState, getMessage(), detail, hint, position, getCause());
  }

  /** The same error with a HINT line. */
  public SqlException withHint(String hint) {
    return new SqlException(severity, sqlState, getMessage(), detail, hint, position, getCause());
  }

  /** The same error pointing at a 0-based UTF-8 byte offset of the statement text. */
  public SqlException atByteOffset(int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    return new SqlException(severity, sqlState, getMessage(), detail, hint, offset, getCause());
  }

  /** The same error with severity FATAL: the server closes the connection after sending it. */
  public SqlException fatal() {
    return new SqlException("FATAL", sqlState, getMessage(), detail, hint, position, getCause());
  }

  /** {@code ERROR} or {@code FATAL}. */
  public String severity() {
    return severity;
  }

  public String sqlState() {
    return sqlState;
  }

  /** The DETAIL line, or null. */
  public String detail() {
    return detail;
  }

  /** The HINT line, or null. */
  public String hint() {
    return hint;
  }

  /** The 0-based UTF-8 byte offset in the statement text, or -1 if none. */
  public int byteOffset() {
    return position;
  }

  public static SqlException syntax(String message) {
    return new SqlException(SqlState.SYNTAX_ERROR, message);
  }

  public static SqlException unsupported(String message) {
    return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }

  public static SqlException canceled() {
    return new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
  }

  public static SqlException internal(String message, Throwable cause) {
    return new SqlException(SqlState.INTERNAL_ERROR, message, cause);
  }
}

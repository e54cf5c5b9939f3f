package dev.patina.stream.sql;

/**
 * A SQL text that is not a valid statement of Patina's dialect. The message is PostgreSQL's, e.g.
 * {@code syntax error at or near "FROM"} or {@code syntax error at end of input}; {@link
 * #position()} is the value of the PostgreSQL error field {@code P} (1-based, in characters).
 */
public final class ParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** SQLSTATE {@code syntax_error}. */
  public static final String SYNTAX_ERROR = "42601";

  /** SQLSTATE {@code statement_too_complex}, for statements nested too deeply. */
  public static final String STATEMENT_TOO_COMPLEX = "54001";

  private final String sqlState;
  private final Pos pos;
  private final int position;

  ParseException(String message, String sqlState, Pos pos, int position) {
    super(message, null, false, false);
    this.sqlState = sqlState;
    this.pos = pos;
    this.position = position;
  }

  /** The SQLSTATE to report: {@value #SYNTAX_ERROR} or {@value #STATEMENT_TOO_COMPLEX}. */
  public String sqlState() {
    return sqlState;
  }

  /** Where the error is: offset (0-based, UTF-16 chars), line and column (1-based). */
  public Pos pos() {
    return pos;
  }

  /** The 0-based offset in UTF-16 chars of the offending token. */
  public int offset() {
    return pos.offset();
  }

  /** 1-based line of the offending token. */
  public int line() {
    return pos.line();
  }

  /** 1-based column of the offending token. */
  public int column() {
    return pos.column();
  }

  /**
   * PostgreSQL's error position (field {@code P} of an ErrorResponse): 1-based, counted in
   * characters (code points), pointing at the offending token or just past the end of the input.
   */
  public int position() {
    return position;
  }

  /** The message with its line and column, for logs and command-line tools. */
  public String describe() {
    return getMessage() + " (line " + pos.line() + ", column " + pos.column() + ")";
  }
}

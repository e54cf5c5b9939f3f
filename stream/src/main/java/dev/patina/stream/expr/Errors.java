package dev.patina.stream.expr;

import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.InvalidValueException;

/** The SQL errors expressions raise, with PostgreSQL's SQLSTATEs and wording. */
final class Errors {
  private Errors() {}

  static SqlException of(String state, String message) {
    return new SqlException(state, message);
  }

  static SqlException divisionByZero() {
    return new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero");
  }

  static SqlException outOfRange(DataType type) {
    return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, type.sqlName() + " out of range");
  }

  static SqlException outOfRange(String message) {
    return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, message);
  }

  static SqlException invalidText(String message) {
    return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, message);
  }

  static SqlException invalidParameter(String message) {
    return new SqlException(SqlState.INVALID_PARAMETER_VALUE, message);
  }

  static SqlException datetimeFormat(String message) {
    return new SqlException(SqlState.INVALID_DATETIME_FORMAT, message);
  }

  static SqlException datetimeOverflow(String message) {
    return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, message);
  }

  static SqlException unsupported(String message) {
    return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }

  static SqlException datatypeMismatch(String message) {
    return new SqlException(SqlState.DATATYPE_MISMATCH, message);
  }

  static SqlException from(InvalidValueException e) {
    return new SqlException(e.sqlState(), e.getMessage(), e);
  }

  static SqlException undefinedFunction(String message) {
    return new SqlException(SqlState.UNDEFINED_FUNCTION, message);
  }

  /** 42725 ambiguous_function. */
  static SqlException ambiguousFunction(String message) {
    return new SqlException("42725", message);
  }

  /** 42846 cannot_coerce. */
  static SqlException cannotCoerce(String message) {
    return new SqlException("42846", message);
  }

  /** 2202E array_subscript_error. */
  static SqlException arraySubscript(String message) {
    return new SqlException("2202E", message);
  }

  /** 22001 string_data_right_truncation. */
  static SqlException rightTruncation(String message) {
    return new SqlException(SqlState.STRING_DATA_RIGHT_TRUNCATION, message);
  }

  /** 2201B invalid_regular_expression. */
  static SqlException invalidRegex(String message) {
    return new SqlException("2201B", message);
  }

  /** 22025 invalid_escape_sequence. */
  static SqlException invalidEscape(String message) {
    return new SqlException("22025", message);
  }

  /** 22004 null_value_not_allowed. */
  static SqlException nullNotAllowed(String message) {
    return new SqlException("22004", message);
  }
}

package dev.patina.stream.pgwire;

/**
 * SQLSTATE codes that the server and engines report, with PostgreSQL's names (Appendix A of its
 * manual). SQLSTATE is an open set of five-character codes; these are the common ones.
 */
public final class SqlState {
  private SqlState() {}

  public static final String SUCCESSFUL_COMPLETION = "00000";
  public static final String WARNING = "01000";
  public static final String CONNECTION_EXCEPTION = "08000";
  public static final String PROTOCOL_VIOLATION = "08P01";
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  public static final String INVALID_TRANSACTION_STATE = "25000";
  public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
  public static final String STRING_DATA_RIGHT_TRUNCATION = "22001";
  public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
  public static final String INVALID_DATETIME_FORMAT = "22007";
  public static final String DATETIME_FIELD_OVERFLOW = "22008";
  public static final String DIVISION_BY_ZERO = "22012";
  public static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
  public static final String INVALID_PARAMETER_VALUE = "22023";
  public static final String INVALID_TEXT_REPRESENTATION = "22P02";
  public static final String INVALID_BINARY_REPRESENTATION = "22P03";
  public static final String INVALID_AUTHORIZATION_SPECIFICATION = "28000";
  public static final String INVALID_PASSWORD = "28P01";
  public static final String INVALID_SQL_STATEMENT_NAME = "26000";
  public static final String INVALID_CURSOR_NAME = "34000";
  public static final String INVALID_CATALOG_NAME = "3D000";
  public static final String SYNTAX_ERROR = "42601";
  public static final String UNDEFINED_COLUMN = "42703";
  public static final String UNDEFINED_FUNCTION = "42883";
  public static final String UNDEFINED_TABLE = "42P01";
  public static final String UNDEFINED_OBJECT = "42704";
  public static final String DUPLICATE_TABLE = "42P07";
  public static final String DUPLICATE_OBJECT = "42710";
  public static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
  public static final String DUPLICATE_CURSOR = "42P03";
  public static final String DATATYPE_MISMATCH = "42804";
  public static final String INDETERMINATE_DATATYPE = "42P18";
  public static final String TOO_MANY_CONNECTIONS = "53300";
  public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
  public static final String QUERY_CANCELED = "57014";
  public static final String ADMIN_SHUTDOWN = "57P01";
  public static final String INTERNAL_ERROR = "XX000";
}

package dev.patina.stream.types;

/**
 * A value that cannot be decoded (bad text or binary input) or does not fit its type. Carries the
 * SQLSTATE PostgreSQL reports for the same mistake.
 */
public final class InvalidValueException extends IllegalArgumentException {
  /** {@code invalid_text_representation}. */
  public static final String INVALID_TEXT = "22P02";

  /** {@code numeric_value_out_of_range}. */
  public static final String OUT_OF_RANGE = "22003";

  /** {@code invalid_datetime_format}. */
  public static final String INVALID_DATETIME = "22007";

  /** {@code datetime_field_overflow}. */
  public static final String DATETIME_OVERFLOW = "22008";

  /** {@code invalid_binary_representation}. */
  public static final String INVALID_BINARY = "22P03";

  private final String sqlState;

  public InvalidValueException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  /** The SQLSTATE for this error. */
  public String sqlState() {
    return sqlState;
  }

  static InvalidValueException syntax(DataType type, String input) {
    return new InvalidValueException(
        INVALID_TEXT, "invalid input syntax for type " + type.sqlName() + ": \"" + input + "\"");
  }

  static InvalidValueException outOfRange(DataType type, String input) {
    return new InvalidValueException(
        OUT_OF_RANGE, "value \"" + input + "\" is out of range for type " + type.sqlName());
  }

  static InvalidValueException binary(DataType type, String why) {
    return new InvalidValueException(
        INVALID_BINARY, "invalid binary data for type " + type.sqlName() + ": " + why);
  }
}

package dev.patina.stream.pgwire;

/** The transaction state that ReadyForQuery reports. */
public enum TransactionStatus {
  /** Not in a transaction block ({@code I}). */
  IDLE('I'),
  /** In a transaction block ({@code T}). */
  IN_TRANSACTION('T'),
  /** In a failed transaction block, until ROLLBACK ({@code E}). */
  FAILED('E');

  private final char code;

  TransactionStatus(char code) {
    this.code = code;
  }

  /** The status byte of ReadyForQuery. */
  public char code() {
    return code;
  }
}

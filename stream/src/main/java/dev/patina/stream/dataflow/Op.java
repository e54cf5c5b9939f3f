package dev.patina.stream.dataflow;

/**
 * The kind of one row change in a {@link Chunk}: RisingWave's {@code Op}. An update travels as an
 * adjacent {@link #UPDATE_DELETE}/{@link #UPDATE_INSERT} pair so that operators which keep the key
 * can keep it an update; operators that cannot treat the halves as a delete and an insert.
 */
public enum Op {
  INSERT,
  DELETE,
  UPDATE_DELETE,
  UPDATE_INSERT;

  /** Whether the row is added (insert or the new half of an update). */
  public boolean isInsert() {
    return this == INSERT || this == UPDATE_INSERT;
  }

  /** +1 for an added row, -1 for a removed one. */
  public int sign() {
    return isInsert() ? 1 : -1;
  }

  /** The plain op with this sign: {@link #INSERT} or {@link #DELETE}. */
  public Op normalized() {
    return isInsert() ? INSERT : DELETE;
  }

  /** {@link #INSERT} for a positive sign, {@link #DELETE} otherwise. */
  public static Op of(int sign) {
    return sign > 0 ? INSERT : DELETE;
  }
}

package dev.patina.kv.raw;

/** API V2 key modes by first byte ({@code api_version::ApiV2::parse_key_mode}). */
public enum KeyMode {
  RAW,
  TXN,
  TIDB,
  UNKNOWN;

  public static final byte RAW_PREFIX = 'r';
  public static final byte TXN_PREFIX = 'x';
  static final byte TIDB_META_PREFIX = 'm';
  static final byte TIDB_TABLE_PREFIX = 't';

  public static KeyMode of(byte[] key) {
    if (key == null || key.length == 0) {
      return UNKNOWN;
    }
    return switch (key[0]) {
      case RAW_PREFIX -> RAW;
      case TXN_PREFIX -> TXN;
      case TIDB_META_PREFIX, TIDB_TABLE_PREFIX -> TIDB;
      default -> UNKNOWN;
    };
  }

  /**
   * The mode of a range: both ends non-empty and in the same mode, or the end is the first key
   * after the mode ({@code [start[0] + 1]}).
   */
  public static KeyMode ofRange(byte[] start, byte[] end) {
    if (start == null || end == null || start.length == 0 || end.length == 0) {
      return UNKNOWN;
    }
    if (start[0] == end[0] || (end.length == 1 && end[0] == (byte) (start[0] + 1))) {
      return of(start);
    }
    return UNKNOWN;
  }
}

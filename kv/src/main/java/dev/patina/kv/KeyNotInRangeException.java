package dev.patina.kv;

import java.util.HexFormat;

/** A key outside the range the command was given (TiKV's {@code KeyNotInRegion}). */
public final class KeyNotInRangeException extends KvException {
  private static final long serialVersionUID = 1L;
  private final byte[] key;
  private final byte[] start;
  private final byte[] end;

  public KeyNotInRangeException(byte[] key, KeyRange range) {
    super(
        "key "
            + HexFormat.of().withUpperCase().formatHex(key)
            + " is not in range ["
            + HexFormat.of().withUpperCase().formatHex(range.start())
            + ", "
            + HexFormat.of().withUpperCase().formatHex(range.end())
            + ")",
        null);
    this.key = key.clone();
    this.start = range.start();
    this.end = range.end();
  }

  /** The offending key, in the key space of the range (encoded for transactional keys). */
  public byte[] key() {
    return key.clone();
  }

  public byte[] start() {
    return start.clone();
  }

  public byte[] end() {
    return end.clone();
  }
}

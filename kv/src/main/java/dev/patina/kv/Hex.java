package dev.patina.kv;

import java.util.HexFormat;

/** Keys in messages, as TiKV prints them (upper-case hex). */
public final class Hex {
  private static final HexFormat UPPER = HexFormat.of().withUpperCase();

  private Hex() {}

  public static String key(byte[] key) {
    return key == null ? "" : UPPER.formatHex(key);
  }
}

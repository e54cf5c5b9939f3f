package dev.patina.stream.state;

import java.util.Arrays;

/** The key space of tables: a 4-byte big-endian table id, then the table's own key. */
public final class TableKeys {
  private TableKeys() {}

  /** The table id of the store's metadata and the catalog. */
  public static final int META_TABLE_ID = 0;

  /** The first key of table {@code tableId}. */
  public static byte[] prefix(int tableId) {
    return new byte[] {
      (byte) (tableId >>> 24), (byte) (tableId >>> 16), (byte) (tableId >>> 8), (byte) tableId
    };
  }

  /** The table id followed by {@code key}. */
  public static byte[] key(int tableId, byte[] key) {
    byte[] k = new byte[4 + key.length];
    k[0] = (byte) (tableId >>> 24);
    k[1] = (byte) (tableId >>> 16);
    k[2] = (byte) (tableId >>> 8);
    k[3] = (byte) tableId;
    System.arraycopy(key, 0, k, 4, key.length);
    return k;
  }

  /** The key just past every key of table {@code tableId}. */
  public static byte[] end(int tableId) {
    return prefixEnd(prefix(tableId));
  }

  /**
   * The least key greater than every key starting with {@code prefix}, or null if there is none
   * (the prefix is all 0xFF).
   */
  public static byte[] prefixEnd(byte[] prefix) {
    byte[] end = Arrays.copyOf(prefix, prefix.length);
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xFF) {
        end[i]++;
        return Arrays.copyOf(end, i + 1);
      }
    }
    return null;
  }
}

package dev.patina.kv.mvcc;

import dev.patina.kv.StorageFailureException;
import dev.patina.kv.codec.CodecException;
import dev.patina.kv.codec.MemComparable;
import java.util.Arrays;

/**
 * TiKV's {@code txn_types::Key}: a user key is stored memcomparable-encoded; in the write and
 * default column families the commit / start timestamp follows as {@code !ts} big-endian, so the
 * versions of a key sort newest first.
 */
public final class MvccKey {
  private MvccKey() {}

  /** {@code Key::from_raw}. */
  public static byte[] encode(byte[] raw) {
    return MemComparable.encode(raw);
  }

  /** {@code Key::to_raw}. */
  public static byte[] decode(byte[] encoded) {
    try {
      return MemComparable.decodeAll(encoded);
    } catch (CodecException e) {
      throw new StorageFailureException("corrupt key: " + e.getMessage(), e);
    }
  }

  /** {@code key.append_ts(ts)}. */
  public static byte[] appendTs(byte[] encoded, long ts) {
    byte[] out = Arrays.copyOf(encoded, encoded.length + 8);
    long v = ~ts;
    for (int i = 7; i >= 0; i--) {
      out[encoded.length + i] = (byte) v;
      v >>>= 8;
    }
    return out;
  }

  /** {@code Key::decode_ts_from}. */
  public static long decodeTs(byte[] keyWithTs) {
    if (keyWithTs.length < 8) {
      throw new StorageFailureException("key shorter than its timestamp", null);
    }
    long v = 0;
    for (int i = keyWithTs.length - 8; i < keyWithTs.length; i++) {
      v = (v << 8) | (keyWithTs[i] & 0xffL);
    }
    return ~v;
  }

  /** {@code Key::truncate_ts}. */
  public static byte[] truncateTs(byte[] keyWithTs) {
    if (keyWithTs.length < 8) {
      throw new StorageFailureException("key shorter than its timestamp", null);
    }
    return Arrays.copyOf(keyWithTs, keyWithTs.length - 8);
  }

  /** {@code Key::is_user_key_eq}: whether {@code keyWithTs} is a version of {@code encoded}. */
  public static boolean isUserKeyEq(byte[] keyWithTs, byte[] encoded) {
    return keyWithTs.length == encoded.length + 8
        && Arrays.equals(keyWithTs, 0, encoded.length, encoded, 0, encoded.length);
  }
}

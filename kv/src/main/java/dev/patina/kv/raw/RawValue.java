package dev.patina.kv.raw;

/**
 * A raw value as stored: the user's bytes, an expiry (seconds since the Unix epoch, 0 = never) and,
 * in API V2, a logical-delete flag.
 */
record RawValue(byte[] userValue, long expireTs, boolean isDelete) {

  /** TiKV's {@code RawValue::is_valid}: not deleted and not expired at {@code nowSecs}. */
  boolean isValid(long nowSecs) {
    return !isDelete && (expireTs == 0 || Long.compareUnsigned(expireTs, nowSecs) > 0);
  }
}

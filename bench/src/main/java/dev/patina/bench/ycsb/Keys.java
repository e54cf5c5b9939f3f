package dev.patina.bench.ycsb;

import java.nio.charset.StandardCharsets;

/**
 * YCSB's key names: {@code "user" + fnv64(n)} with hashed insert order, so consecutive record
 * numbers land far apart in the key space, and a scan reads records of unrelated numbers.
 */
public final class Keys {
  private Keys() {}

  private static final long FNV_OFFSET = 0xCBF29CE484222325L;
  private static final long FNV_PRIME = 1099511628211L;

  /** FNV-1a over the 8 bytes of {@code v}, made non-negative. */
  public static long fnv64(long v) {
    long h = FNV_OFFSET;
    for (int i = 0; i < 8; i++) {
      h ^= v & 0xff;
      h *= FNV_PRIME;
      v >>>= 8;
    }
    return h & Long.MAX_VALUE;
  }

  public static byte[] key(long n) {
    return ("user" + fnv64(n)).getBytes(StandardCharsets.US_ASCII);
  }
}

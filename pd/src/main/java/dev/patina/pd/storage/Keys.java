package dev.patina.pd.storage;

import dev.patina.pd.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The key layout of PD's metadata (named after the real PD's etcd paths) and the encoding of
 * fixed-width numbers in values (big-endian).
 */
public final class Keys {
  private Keys() {}

  /** The cluster id, chosen at first start. */
  public static final byte[] CLUSTER_ID = utf8("cluster_id");

  /** This PD member's id, chosen at first start. */
  public static final byte[] MEMBER_ID = utf8("member_id");

  /** {@code metapb.Cluster}: present once the cluster is bootstrapped. */
  public static final byte[] CLUSTER = utf8("raft");

  /** End (exclusive) of the id batch handed out so far. */
  public static final byte[] ALLOC_ID = utf8("alloc_id");

  /** Upper bound (ms) of the TSO physical time that may have been handed out. */
  public static final byte[] TIMESTAMP = utf8("timestamp");

  /** The GC safe point. */
  public static final byte[] GC_SAFE_POINT = utf8("gc/safe_point");

  public static final byte[] STORE_PREFIX = utf8("raft/s/");
  public static final byte[] REGION_PREFIX = utf8("raft/r/");
  public static final byte[] SERVICE_SAFE_POINT_PREFIX = utf8("gc/safe_point/service/");

  public static byte[] store(long id) {
    return utf8("raft/s/" + String.format("%020d", id));
  }

  public static byte[] region(long id) {
    return utf8("raft/r/" + String.format("%020d", id));
  }

  public static byte[] serviceSafePoint(String serviceId) {
    return concat(SERVICE_SAFE_POINT_PREFIX, utf8(serviceId));
  }

  /** The service id of a {@link #serviceSafePoint} key. */
  public static String serviceId(byte[] key) {
    int n = SERVICE_SAFE_POINT_PREFIX.length;
    return new String(key, n, key.length - n, StandardCharsets.UTF_8);
  }

  public static byte[] u64(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  /** Reads an 8-byte value, or fails precisely when the stored record has the wrong size. */
  public static long readU64(byte[] value, String what) {
    if (value.length != 8) {
      throw new StorageException(
          "corrupt " + what + " record: " + value.length + " bytes, expected 8");
    }
    return ByteBuffer.wrap(value).getLong();
  }

  public static boolean hasPrefix(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}

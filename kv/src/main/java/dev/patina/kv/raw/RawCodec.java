package dev.patina.kv.raw;

import dev.patina.kv.ApiVersion;
import dev.patina.kv.StorageFailureException;
import dev.patina.kv.codec.ByteReader;
import dev.patina.kv.codec.ByteWriter;
import dev.patina.kv.codec.CodecException;
import dev.patina.kv.codec.MemComparable;
import java.util.Arrays;

/**
 * TiKV's raw key and value formats per API version ({@code components/api_version}).
 *
 * <ul>
 *   <li>V1: key and value as given.
 *   <li>V1TTL: key as given; value {@code user_value ++ expire_ts(u64 BE, 0 = none)}.
 *   <li>V2: key {@code memcomparable(user_key) ++ !ts (u64 BE)}; value {@code user_value ++
 *       [expire_ts u64 BE] ++ flags} with flags bit 0 = has expiry, bit 1 = logical delete.
 * </ul>
 */
final class RawCodec {
  static final int FLAG_EXPIRE_TS = 0b01;
  static final int FLAG_DELETE = 0b10;

  private final ApiVersion api;

  RawCodec(ApiVersion api) {
    this.api = api;
  }

  /** The storage key (without timestamp) of a user key; region ranges use this key space. */
  byte[] storageKey(byte[] userKey) {
    return api == ApiVersion.V2 ? MemComparable.encode(userKey) : userKey;
  }

  /** V2: the versioned key {@code storageKey ++ !ts}. */
  byte[] versionedKey(byte[] userKey, long ts) {
    byte[] enc = MemComparable.encode(userKey, 8);
    long v = ~ts;
    int o = enc.length - 8;
    for (int i = 7; i >= 0; i--) {
      enc[o + i] = (byte) v;
      v >>>= 8;
    }
    return enc;
  }

  /** V2: the user key of a versioned key. */
  byte[] userKeyOfVersioned(byte[] versioned) {
    try {
      MemComparable.Decoded d = MemComparable.decode(versioned, 0);
      if (d.next() != versioned.length - 8) {
        throw new CodecException("raw V2 key without an 8-byte timestamp");
      }
      return d.raw();
    } catch (CodecException e) {
      throw new StorageFailureException("corrupt raw key: " + e.getMessage(), e);
    }
  }

  /** V2: the storage key (encoded user key) part of a versioned key. */
  static byte[] truncateTs(byte[] versioned) {
    return Arrays.copyOf(versioned, versioned.length - 8);
  }

  byte[] encodeValue(byte[] user, long expireTs, boolean delete) {
    return switch (api) {
      case V1 -> user;
      case V1TTL -> new ByteWriter(user.length + 8).put(user).putU64(expireTs).toByteArray();
      case V2 -> {
        ByteWriter w = new ByteWriter(user.length + 9);
        w.put(user);
        int flags = 0;
        if (expireTs != 0) {
          w.putU64(expireTs);
          flags |= FLAG_EXPIRE_TS;
        }
        if (delete) {
          flags |= FLAG_DELETE;
        }
        yield w.put(flags).toByteArray();
      }
    };
  }

  RawValue decodeValue(byte[] stored) {
    try {
      return switch (api) {
        case V1 -> new RawValue(stored, 0, false);
        case V1TTL -> {
          if (stored.length < 8) {
            throw new CodecException("raw value shorter than its 8-byte expiry");
          }
          long expire = new ByteReader(stored, stored.length - 8, stored.length).getU64();
          yield new RawValue(Arrays.copyOf(stored, stored.length - 8), expire, false);
        }
        case V2 -> {
          if (stored.length < 1) {
            throw new CodecException("raw value without its flags byte");
          }
          int flags = stored[stored.length - 1] & 0xff;
          if ((flags & ~(FLAG_EXPIRE_TS | FLAG_DELETE)) != 0) {
            throw new CodecException("unknown raw value flags " + flags);
          }
          int rest = stored.length - 1;
          long expire = 0;
          if ((flags & FLAG_EXPIRE_TS) != 0) {
            if (rest < 8) {
              throw new CodecException("raw value shorter than its expiry");
            }
            expire = new ByteReader(stored, rest - 8, rest).getU64();
            rest -= 8;
          }
          yield new RawValue(Arrays.copyOf(stored, rest), expire, (flags & FLAG_DELETE) != 0);
        }
      };
    } catch (CodecException e) {
      throw new StorageFailureException("corrupt raw value: " + e.getMessage(), e);
    }
  }
}

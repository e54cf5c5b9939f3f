package dev.patina.kv.raw;

import dev.patina.kv.ApiVersion;
import dev.patina.kv.Hex;
import dev.patina.kv.InvalidRequestException;
import dev.patina.kv.KeyNotInRangeException;
import dev.patina.kv.KeyRange;
import dev.patina.kv.KvPair;
import dev.patina.kv.Limits;
import dev.patina.kv.WritePath;
import dev.patina.kv.engine.Batch;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.engine.Engine;
import dev.patina.kv.engine.EngineIterator;
import dev.patina.kv.engine.EngineSnapshot;
import dev.patina.kv.txn.Latches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * TiKV's RawKV on one store: point and batch reads and writes, range deletes, scans in both
 * directions, compare-and-swap and TTL, with TiKV's checks and messages. Every call names the
 * region range it may touch: keys outside fail with {@link KeyNotInRangeException}, scans stop at
 * the range end. Writes take the scheduler latches of their keys, so compare-and-swap is atomic
 * with respect to every other raw write.
 */
public final class RawStore {
  private final Engine engine;
  private final WritePath writes;
  private final Latches latches;
  private final ApiVersion api;
  private final RawCodec codec;
  private final Limits limits;
  private final LongSupplier clockMillis;
  private final LongSupplier ts;

  public RawStore(
      Engine engine,
      WritePath writes,
      Latches latches,
      ApiVersion api,
      Limits limits,
      LongSupplier clockMillis,
      LongSupplier ts) {
    this.engine = engine;
    this.writes = writes;
    this.latches = latches;
    this.api = api;
    this.codec = new RawCodec(api);
    this.limits = limits;
    this.clockMillis = clockMillis;
    this.ts = ts;
  }

  public ApiVersion apiVersion() {
    return api;
  }

  /** One range of a batch scan: bounds as the client sent them (unchecked, unlike KeyRange). */
  public record ScanRange(byte[] start, byte[] end) {}

  /** Result of compare-and-swap: whether it swapped, and the value found before. */
  public record CasResult(boolean succeed, byte[] previousValue) {
    public boolean previousNotExist() {
      return previousValue == null;
    }
  }

  // ---- reads -------------------------------------------------------------------------------

  /** The value of {@code key}, or null when absent (or expired, or logically deleted). */
  public byte[] get(KeyRange range, String cf, byte[] key) {
    Cf family = cf(cf);
    checkMode("raw_get", key);
    byte[] sk = inRange(range, key);
    try (EngineSnapshot snap = engine.snapshot()) {
      RawValue v = read(snap, family, sk);
      return v == null ? null : v.userValue();
    }
  }

  /** The values of the keys that exist, in request order (absent keys are left out, as TiKV). */
  public List<KvPair> batchGet(KeyRange range, String cf, List<byte[]> keys) {
    Cf family = cf(cf);
    List<byte[]> sks = new ArrayList<>(keys.size());
    for (byte[] k : keys) {
      checkMode("raw_batch_get", k);
      sks.add(inRange(range, k));
    }
    List<KvPair> out = new ArrayList<>();
    try (EngineSnapshot snap = engine.snapshot()) {
      for (int i = 0; i < keys.size(); i++) {
        RawValue v = read(snap, family, sks.get(i));
        if (v != null) {
          out.add(new KvPair(keys.get(i).clone(), v.userValue()));
        }
      }
    }
    return out;
  }

  /**
   * TiKV's {@code raw_get_key_ttl}: null when the key is absent or expired, 0 when it has no TTL,
   * otherwise the seconds left.
   */
  public Long getKeyTtl(KeyRange range, String cf, byte[] key) {
    Cf family = cf(cf);
    checkMode("raw_get_key_ttl", key);
    if (!api.isTtlEnabled()) {
      throw new InvalidRequestException("ttl is not enabled, but get put request with ttl");
    }
    byte[] sk = inRange(range, key);
    long now = nowSecs();
    try (EngineSnapshot snap = engine.snapshot()) {
      RawValue v = readAny(snap, family, sk);
      if (v == null || v.isDelete()) {
        return null;
      }
      if (v.expireTs() == 0) {
        return 0L;
      }
      if (Long.compareUnsigned(v.expireTs(), now) <= 0) {
        return null;
      }
      return v.expireTs() - now;
    }
  }

  /**
   * TiKV's raw scan. Forward: keys in {@code [start, end)}. Reverse: keys in {@code [end, start)}
   * from the largest down ({@code start} is the exclusive upper bound). An empty {@code end} is
   * unbounded, an empty reverse {@code start} means the range end. At most {@code limit} pairs; the
   * scan never leaves {@code range}.
   */
  public List<KvPair> scan(
      KeyRange range,
      String cf,
      byte[] start,
      byte[] end,
      int limit,
      boolean keyOnly,
      boolean reverse) {
    Cf family = cf(cf);
    if (limit < 0) {
      throw new InvalidRequestException("invalid scan limit " + limit);
    }
    start = start == null ? new byte[0] : start;
    end = end == null ? new byte[0] : end;
    limits.checkKey(start);
    limits.checkKey(end);
    checkRangeMode("raw_scan", reverse ? end : start, reverse ? start : end);
    if (limit == 0) {
      return List.of();
    }
    byte[] lower;
    byte[] upper;
    if (!reverse) {
      lower = codec.storageKey(start);
      if (!range.contains(lower)) {
        throw new KeyNotInRangeException(lower, range);
      }
      upper = minEnd(end.length == 0 ? end : codec.storageKey(end), range.end());
    } else {
      if (start.length == 0) {
        upper = range.end();
      } else {
        upper = codec.storageKey(start);
        if (!containsInclusive(range, upper)) {
          throw new KeyNotInRangeException(upper, range);
        }
      }
      lower = max(end.length == 0 ? end : codec.storageKey(end), range.start());
    }
    if (upper.length > 0 && Arrays.compareUnsigned(lower, upper) >= 0) {
      return List.of();
    }
    long now = nowSecs();
    List<KvPair> out = new ArrayList<>(Math.min(limit, 256));
    try (EngineSnapshot snap = engine.snapshot()) {
      EngineIterator it = snap.iterator(family, lower, upper);
      if (api == ApiVersion.V2) {
        scanV2(it, reverse, limit, keyOnly, now, out);
      } else {
        boolean ok = reverse ? it.seekToLast() : it.seekToFirst();
        while (ok && out.size() < limit) {
          if (api == ApiVersion.V1) {
            out.add(new KvPair(it.key(), keyOnly ? new byte[0] : it.value()));
          } else {
            RawValue v = codec.decodeValue(it.value());
            if (v.isValid(now)) {
              out.add(new KvPair(it.key(), keyOnly ? new byte[0] : v.userValue()));
            }
          }
          ok = reverse ? it.prev() : it.next();
        }
      }
    }
    return out;
  }

  /**
   * TiKV's raw batch scan: each range scanned with {@code eachLimit}; an empty end key of a range
   * means the next range's start ("Invalid KeyRanges" when the ranges are out of order).
   */
  public List<KvPair> batchScan(
      KeyRange range,
      String cf,
      List<ScanRange> ranges,
      int eachLimit,
      boolean keyOnly,
      boolean reverse) {
    for (int i = 0; i < ranges.size(); i++) {
      byte[] s = ranges.get(i).start();
      byte[] e = ranges.get(i).end();
      if (e.length == 0 && i + 1 != ranges.size()) {
        e = ranges.get(i + 1).start();
      }
      if (e.length > 0
          && (!reverse && Arrays.compareUnsigned(s, e) >= 0
              || reverse && Arrays.compareUnsigned(s, e) <= 0)) {
        throw new InvalidRequestException("Invalid KeyRanges");
      }
    }
    List<KvPair> out = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      byte[] e = ranges.get(i).end();
      if (e.length == 0 && i + 1 != ranges.size()) {
        e = ranges.get(i + 1).start();
      }
      out.addAll(scan(range, cf, ranges.get(i).start(), e, eachLimit, keyOnly, reverse));
    }
    return out;
  }

  private void scanV2(
      EngineIterator it, boolean reverse, int limit, boolean keyOnly, long now, List<KvPair> out) {
    if (!reverse) {
      boolean ok = it.seekToFirst();
      byte[] current = null;
      while (ok && out.size() < limit) {
        byte[] k = it.key();
        byte[] sk = RawCodec.truncateTs(k);
        if (current == null || !Arrays.equals(current, sk)) {
          current = sk;
          RawValue v = codec.decodeValue(it.value());
          if (v.isValid(now)) {
            out.add(new KvPair(codec.userKeyOfVersioned(k), keyOnly ? new byte[0] : v.userValue()));
          }
        }
        ok = it.next();
      }
    } else {
      boolean ok = it.seekToLast();
      while (ok && out.size() < limit) {
        byte[] k = it.key();
        byte[] sk = RawCodec.truncateTs(k);
        byte[] latestKey = k;
        byte[] latestValue = it.value();
        ok = it.prev();
        while (ok) {
          byte[] k2 = it.key();
          if (!Arrays.equals(RawCodec.truncateTs(k2), sk)) {
            break;
          }
          latestKey = k2;
          latestValue = it.value();
          ok = it.prev();
        }
        RawValue v = codec.decodeValue(latestValue);
        if (v.isValid(now)) {
          out.add(
              new KvPair(
                  codec.userKeyOfVersioned(latestKey), keyOnly ? new byte[0] : v.userValue()));
        }
      }
    }
  }

  // ---- writes ------------------------------------------------------------------------------

  /** Puts one key; {@code ttl} seconds (0 = none) needs a TTL-enabled API version. */
  public void put(KeyRange range, String cf, byte[] key, byte[] value, long ttl) {
    batchPut(range, cf, List.of(new KvPair(key, value)), List.of(ttl), "raw_put");
  }

  /**
   * Puts many keys atomically. {@code ttls} is empty (no TTL), one TTL for every key, or one per
   * key (as TiKV's service accepts).
   */
  public void batchPut(KeyRange range, String cf, List<KvPair> pairs, List<Long> ttls) {
    batchPut(range, cf, pairs, ttls, "raw_batch_put");
  }

  private void batchPut(
      KeyRange range, String cf, List<KvPair> pairs, List<Long> ttls, String cmd) {
    Cf family = cf(cf);
    long[] t = new long[pairs.size()];
    if (ttls.size() == 1) {
      Arrays.fill(t, ttls.get(0));
    } else if (!ttls.isEmpty()) {
      if (ttls.size() != pairs.size()) {
        throw new InvalidRequestException(
            "The length of ttls does not equal to the length of pairs");
      }
      for (int i = 0; i < t.length; i++) {
        t[i] = ttls.get(i);
      }
    }
    for (long x : t) {
      if (x != 0 && !api.isTtlEnabled()) {
        throw new InvalidRequestException("ttl is not enabled, but get put request with ttl");
      }
      if (x < 0) {
        throw new InvalidRequestException("invalid ttl " + Long.toUnsignedString(x));
      }
    }
    List<byte[]> sks = new ArrayList<>(pairs.size());
    for (KvPair p : pairs) {
      checkMode(cmd, p.key());
      limits.checkKey(p.key());
      if (p.value() == null) {
        throw new InvalidRequestException("missing value");
      }
      sks.add(inRange(range, p.key()));
    }
    long now = nowSecs();
    try (Latches.Guard g = latches.acquire(sks)) {
      long version = api == ApiVersion.V2 ? ts.getAsLong() : 0;
      Batch b = new Batch();
      for (int i = 0; i < pairs.size(); i++) {
        long expire = t[i] == 0 ? 0 : saturatingAdd(t[i], now);
        b.put(
            family,
            physical(pairs.get(i).key(), sks.get(i), version),
            codec.encodeValue(pairs.get(i).value(), expire, false));
      }
      limits.checkWrite(b);
      writes.write(range, b);
    }
  }

  public void delete(KeyRange range, String cf, byte[] key) {
    batchDelete(range, cf, List.of(key), "raw_delete");
  }

  public void batchDelete(KeyRange range, String cf, List<byte[]> keys) {
    batchDelete(range, cf, keys, "raw_batch_delete");
  }

  private void batchDelete(KeyRange range, String cf, List<byte[]> keys, String cmd) {
    Cf family = cf(cf);
    List<byte[]> sks = new ArrayList<>(keys.size());
    for (byte[] k : keys) {
      checkMode(cmd, k);
      limits.checkKey(k);
      sks.add(inRange(range, k));
    }
    try (Latches.Guard g = latches.acquire(sks)) {
      Batch b = new Batch();
      if (api == ApiVersion.V2) {
        long version = ts.getAsLong();
        for (int i = 0; i < keys.size(); i++) {
          b.put(
              family,
              codec.versionedKey(keys.get(i), version),
              codec.encodeValue(new byte[0], 0, true));
        }
      } else {
        for (byte[] sk : sks) {
          b.delete(family, sk);
        }
      }
      limits.checkWrite(b);
      writes.write(range, b);
    }
  }

  /**
   * Deletes every key in {@code [start, end)} (physically, in every API version, as TiKV); the
   * deletion is clipped to {@code range}.
   */
  public void deleteRange(KeyRange range, String cf, byte[] start, byte[] end) {
    Cf family = cf(cf);
    start = start == null ? new byte[0] : start;
    end = end == null ? new byte[0] : end;
    limits.checkKey(start);
    limits.checkKey(end);
    checkRangeMode("raw_delete_range", start, end);
    if (end.length > 0 && Arrays.compareUnsigned(start, end) > 0) {
      throw new InvalidRequestException(
          "invalid range: start " + Hex.key(start) + " is after end " + Hex.key(end));
    }
    byte[] lower = max(codec.storageKey(start), range.start());
    byte[] upper = minEnd(end.length == 0 ? new byte[0] : codec.storageKey(end), range.end());
    if (upper.length > 0 && Arrays.compareUnsigned(lower, upper) >= 0) {
      return;
    }
    Batch b = new Batch().deleteRange(family, lower, upper);
    writes.write(range, b);
  }

  /**
   * TiKV's raw compare-and-swap: if the current value equals {@code previous} (null: the key must
   * not exist), write {@code value} with {@code ttl} (or delete the key when {@code delete}).
   * Returns the value found and whether it swapped.
   */
  public CasResult compareAndSwap(
      KeyRange range,
      String cf,
      byte[] key,
      byte[] previous,
      byte[] value,
      long ttl,
      boolean delete) {
    Cf family = cf(cf);
    checkMode("raw_compare_and_swap", key);
    limits.checkKey(key);
    if (ttl != 0 && !api.isTtlEnabled()) {
      throw new InvalidRequestException("ttl is not enabled, but get put request with ttl");
    }
    if (!delete && value == null) {
      throw new InvalidRequestException("missing value");
    }
    byte[] sk = inRange(range, key);
    long now = nowSecs();
    try (Latches.Guard g = latches.acquire(sk)) {
      byte[] old;
      try (EngineSnapshot snap = engine.snapshot()) {
        RawValue v = read(snap, family, sk);
        old = v == null ? null : v.userValue();
      }
      if (!Arrays.equals(old, previous)) {
        return new CasResult(false, old);
      }
      Batch b = new Batch();
      long version = api == ApiVersion.V2 ? ts.getAsLong() : 0;
      if (delete) {
        if (previous != null) {
          if (api == ApiVersion.V2) {
            b.put(
                family, codec.versionedKey(key, version), codec.encodeValue(new byte[0], 0, true));
          } else {
            b.delete(family, sk);
          }
        }
      } else {
        long expire = ttl == 0 ? 0 : saturatingAdd(ttl, now);
        b.put(family, physical(key, sk, version), codec.encodeValue(value, expire, false));
      }
      limits.checkWrite(b);
      writes.write(range, b);
      return new CasResult(true, old);
    }
  }

  // ---- GC ----------------------------------------------------------------------------------

  /**
   * Garbage collection of raw data in {@code range}, as TiKV's raw compaction filters do: in V2,
   * versions older than the newest one at or below {@code safePoint} go, and that one too when it
   * is a logical delete or expired; in V1TTL, expired entries go. Returns the entries deleted.
   */
  public long gc(KeyRange range, long safePoint) {
    if (api == ApiVersion.V1) {
      return 0;
    }
    long now = nowSecs();
    long deleted = 0;
    Batch b = new Batch();
    try (EngineSnapshot snap = engine.snapshot()) {
      EngineIterator it = snap.iterator(Cf.DEFAULT, range.start(), range.end());
      byte[] current = null;
      boolean keptAtSafePoint = false;
      for (boolean ok = it.seekToFirst(); ok; ok = it.next()) {
        byte[] k = it.key();
        if (api == ApiVersion.V1TTL) {
          if (!codec.decodeValue(it.value()).isValid(now)) {
            b.delete(Cf.DEFAULT, k);
            deleted++;
          }
        } else {
          byte[] sk = RawCodec.truncateTs(k);
          if (current == null || !Arrays.equals(current, sk)) {
            current = sk;
            keptAtSafePoint = false;
          }
          long version = dev.patina.kv.mvcc.MvccKey.decodeTs(k);
          if (Long.compareUnsigned(version, safePoint) > 0) {
            continue; // newer than the safe point: readers may still need it
          }
          if (keptAtSafePoint) {
            b.delete(Cf.DEFAULT, k);
            deleted++;
          } else {
            keptAtSafePoint = true;
            if (!codec.decodeValue(it.value()).isValid(now)) {
              b.delete(Cf.DEFAULT, k);
              deleted++;
            }
          }
        }
        if (b.size() >= limits.maxWriteBytes() / 2) {
          writes.write(range, b);
          b = new Batch();
        }
      }
    }
    writes.write(range, b);
    return deleted;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private byte[] physical(byte[] userKey, byte[] storageKey, long version) {
    return api == ApiVersion.V2 ? codec.versionedKey(userKey, version) : storageKey;
  }

  /** The valid value of a storage key (expired and deleted values are null). */
  private RawValue read(EngineSnapshot snap, Cf cf, byte[] sk) {
    RawValue v = readAny(snap, cf, sk);
    return v != null && v.isValid(nowSecs()) ? v : null;
  }

  private RawValue readAny(EngineSnapshot snap, Cf cf, byte[] sk) {
    if (api != ApiVersion.V2) {
      byte[] stored = snap.get(cf, sk);
      return stored == null ? null : codec.decodeValue(stored);
    }
    EngineIterator it = snap.iterator(cf, sk, prefixSuccessor(sk));
    if (!it.seekToFirst()) {
      return null;
    }
    return codec.decodeValue(it.value());
  }

  private long nowSecs() {
    return Math.floorDiv(clockMillis.getAsLong(), 1000L);
  }

  private static long saturatingAdd(long ttl, long now) {
    long r = ttl + now;
    return Long.compareUnsigned(r, ttl) < 0 ? -1L : r;
  }

  private Cf cf(String name) {
    String n = name == null ? "" : name;
    if (api == ApiVersion.V2) {
      if (n.isEmpty()) {
        return Cf.DEFAULT;
      }
      throw new InvalidRequestException("cf is deprecated in API V2, cf name: " + n);
    }
    return switch (n) {
      case "", "default" -> Cf.DEFAULT;
      case "lock" -> Cf.LOCK;
      case "write" -> Cf.WRITE;
      default -> throw new InvalidRequestException("invalid cf name: " + n);
    };
  }

  private void checkMode(String cmd, byte[] key) {
    if (key == null) {
      throw new InvalidRequestException("missing key");
    }
    limits.checkKey(key);
    if (api == ApiVersion.V2 && (key.length == 0 || key[0] != KeyMode.RAW_PREFIX)) {
      throw new InvalidRequestException(
          "Key mode mismatched with the request mode, cmd: "
              + cmd
              + ", storage: V2, key: "
              + Hex.key(key));
    }
  }

  private void checkRangeMode(String cmd, byte[] start, byte[] end) {
    if (api == ApiVersion.V2 && KeyMode.ofRange(start, end) != KeyMode.RAW) {
      throw new InvalidRequestException(
          "Key mode mismatched with the request mode, cmd: "
              + cmd
              + ", storage: V2, range: (Some(\""
              + Hex.key(start)
              + "\"), Some(\""
              + Hex.key(end)
              + "\"))");
    }
  }

  private byte[] inRange(KeyRange range, byte[] key) {
    byte[] sk = codec.storageKey(key);
    if (!range.contains(sk)) {
      throw new KeyNotInRangeException(sk, range);
    }
    return sk;
  }

  /** TiKV's {@code check_key_in_region_inclusive}: {@code start <= key <= end}. */
  static boolean containsInclusive(KeyRange range, byte[] key) {
    return Arrays.compareUnsigned(key, range.start()) >= 0
        && (range.isEndUnbounded() || Arrays.compareUnsigned(key, range.end()) <= 0);
  }

  static byte[] max(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
  }

  /** The smaller of two exclusive ends where empty means unbounded. */
  static byte[] minEnd(byte[] a, byte[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
  }

  /** The smallest key greater than every key with prefix {@code p} (empty if none). */
  static byte[] prefixSuccessor(byte[] p) {
    byte[] s = p.clone();
    for (int i = s.length - 1; i >= 0; i--) {
      if (s[i] != (byte) 0xff) {
        s[i]++;
        return Arrays.copyOf(s, i + 1);
      }
    }
    return new byte[0];
  }
}

package dev.patina.kv.region;

import dev.patina.kv.KeyRange;
import dev.patina.kv.codec.CodecException;
import dev.patina.kv.codec.MemComparable;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.engine.Engine;
import dev.patina.kv.engine.EngineIterator;
import dev.patina.kv.engine.EngineSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TiKV's split checks ({@code raftstore/coprocessor/split_check}): a region whose data exceeds
 * {@code regionMaxSize} bytes is split every {@code regionSplitSize} bytes; one with more than
 * {@code regionMaxKeys} keys every {@code regionSplitKeys} keys; at most 10 split keys at a time,
 * and never a last piece smaller than max − split. Sizes are key + value bytes over the {@code
 * default}, {@code write} and {@code lock} column families; keys are {@code write} entries
 * (transactional) or {@code default} entries (raw). Split keys have their timestamp stripped, as
 * TiKV's split observer does, and lie strictly inside the range.
 */
public final class SplitChecker {
  /** TiKV's {@code BATCH_SPLIT_LIMIT}. */
  public static final int BATCH_SPLIT_LIMIT = 10;

  /**
   * Thresholds. TiKV's defaults: split at 256 MiB / 2,560,000 keys, check when over 384 MiB /
   * 3,840,000 keys ({@code coprocessor.region-split-size} etc.).
   */
  public record Config(
      long regionMaxSize, long regionSplitSize, long regionMaxKeys, long regionSplitKeys) {
    public Config {
      if (regionSplitSize <= 0
          || regionSplitKeys <= 0
          || regionMaxSize < regionSplitSize
          || regionMaxKeys < regionSplitKeys) {
        throw new IllegalArgumentException("split thresholds must be positive with max >= split");
      }
    }

    public static Config tikvDefaults() {
      return of(256L << 20, 2_560_000);
    }

    /** Split size and keys; max = split × 3/2, as TiKV derives them. */
    public static Config of(long splitSize, long splitKeys) {
      return new Config(splitSize / 2 * 3, splitSize, splitKeys / 2 * 3, splitKeys);
    }
  }

  /** What a range holds and where it should split (empty when it should not). */
  public record Result(long size, long keys, List<byte[]> splitKeys) {}

  private final Engine engine;
  private final Config config;

  public SplitChecker(Engine engine, Config config) {
    this.engine = engine;
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /** Approximate bytes of the range over the data column families (RocksDB's estimate). */
  public long approximateSize(KeyRange range) {
    long s = 0;
    for (Cf cf : new Cf[] {Cf.DEFAULT, Cf.WRITE, Cf.LOCK}) {
      s += engine.approximateSize(cf, range.start(), range.end());
    }
    return s;
  }

  /**
   * Checks {@code range}: by size and by keys, the split keys TiKV would propose. {@code
   * transactional} selects which column family counts keys.
   */
  public Result check(KeyRange range, boolean transactional) {
    long size = 0;
    long keys = 0;
    long curSize = 0;
    long curKeys = 0;
    List<byte[]> sizeKeys = new ArrayList<>();
    List<byte[]> countKeys = new ArrayList<>();
    boolean sizeDone = false;
    boolean keysDone = false;
    try (EngineSnapshot snap = engine.snapshot()) {
      MergedIterator it = new MergedIterator(snap, range);
      for (MergedIterator.Entry e = it.next(); e != null; e = it.next()) {
        long entrySize = e.key().length + 1 + e.valueSize(); // + the data prefix, as TiKV counts
        size += entrySize;
        boolean counts = transactional ? e.cf() == Cf.WRITE : e.cf() == Cf.DEFAULT;
        if (counts) {
          keys++;
        }
        if (!sizeDone) {
          curSize += entrySize;
          boolean over = sizeKeys.size() >= BATCH_SPLIT_LIMIT;
          if (curSize > config.regionSplitSize() && !over) {
            sizeKeys.add(e.key());
            curSize = curSize - entrySize == config.regionSplitSize() ? entrySize : 0;
            over = sizeKeys.size() >= BATCH_SPLIT_LIMIT;
          }
          sizeDone = over && curSize + config.regionSplitSize() >= config.regionMaxSize();
        }
        if (!keysDone && counts) {
          curKeys++;
          boolean over = countKeys.size() >= BATCH_SPLIT_LIMIT;
          if (curKeys > config.regionSplitKeys() && !over) {
            countKeys.add(e.key());
            curKeys = 1;
            over = countKeys.size() >= BATCH_SPLIT_LIMIT;
          }
          keysDone = over && curKeys + config.regionSplitKeys() >= config.regionMaxKeys();
        }
      }
    }
    List<byte[]> chosen = List.of();
    if (size > config.regionMaxSize()) {
      if (curSize + config.regionSplitSize() < config.regionMaxSize() && !sizeKeys.isEmpty()) {
        sizeKeys.removeLast();
      }
      chosen = sizeKeys;
    }
    if (chosen.isEmpty() && keys > config.regionMaxKeys()) {
      if (curKeys + config.regionSplitKeys() < config.regionMaxKeys() && !countKeys.isEmpty()) {
        countKeys.removeLast();
      }
      chosen = countKeys;
    }
    return new Result(size, keys, validSplitKeys(chosen, range));
  }

  /** The key at the middle of the range by size (TiKV's half split), or null if none. */
  public byte[] halfSplitKey(KeyRange range) {
    long total = 0;
    try (EngineSnapshot snap = engine.snapshot()) {
      MergedIterator it = new MergedIterator(snap, range);
      for (MergedIterator.Entry e = it.next(); e != null; e = it.next()) {
        total += e.key().length + e.valueSize();
      }
    }
    long acc = 0;
    try (EngineSnapshot snap = engine.snapshot()) {
      MergedIterator it = new MergedIterator(snap, range);
      for (MergedIterator.Entry e = it.next(); e != null; e = it.next()) {
        acc += e.key().length + e.valueSize();
        if (acc * 2 >= total) {
          List<byte[]> k = validSplitKeys(List.of(e.key()), range);
          return k.isEmpty() ? null : k.get(0);
        }
      }
    }
    return null;
  }

  /** TiKV's {@code strip_timestamp_if_exists} plus {@code is_valid_split_key}, deduplicated. */
  static List<byte[]> validSplitKeys(List<byte[]> keys, KeyRange range) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] k : keys) {
      byte[] s = stripTimestampIfExists(k);
      if (s.length == 0 || Arrays.equals(s, range.start()) || !range.contains(s)) {
        continue;
      }
      if (!out.isEmpty() && Arrays.compareUnsigned(out.getLast(), s) >= 0) {
        continue;
      }
      out.add(s);
    }
    return out;
  }

  /** A key that decodes as memcomparable bytes loses whatever follows (the timestamp). */
  public static byte[] stripTimestampIfExists(byte[] key) {
    try {
      int next = MemComparable.decode(key, 0).next();
      return Arrays.copyOf(key, next);
    } catch (CodecException e) {
      return key;
    }
  }

  /** Entries of the data column families in key order. */
  private static final class MergedIterator {
    record Entry(Cf cf, byte[] key, int valueSize) {}

    private final Cf[] cfs = {Cf.DEFAULT, Cf.WRITE, Cf.LOCK};
    private final EngineIterator[] its = new EngineIterator[3];
    private final boolean[] valid = new boolean[3];

    MergedIterator(EngineSnapshot snap, KeyRange range) {
      for (int i = 0; i < 3; i++) {
        its[i] = snap.iterator(cfs[i], range.start(), range.end());
        valid[i] = its[i].seekToFirst();
      }
    }

    Entry next() {
      int best = -1;
      byte[] bestKey = null;
      for (int i = 0; i < 3; i++) {
        if (valid[i]) {
          byte[] k = its[i].key();
          if (best < 0 || Arrays.compareUnsigned(k, bestKey) < 0) {
            best = i;
            bestKey = k;
          }
        }
      }
      if (best < 0) {
        return null;
      }
      Entry e = new Entry(cfs[best], bestKey, its[best].value().length);
      valid[best] = its[best].next();
      return e;
    }
  }
}

package dev.patina.kv.region;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.KeyRange;
import dev.patina.kv.KvPair;
import dev.patina.kv.Mutation;
import dev.patina.kv.PrewriteRequest;
import dev.patina.kv.Storage;
import dev.patina.kv.StorageOptions;
import dev.patina.kv.engine.Durability;
import dev.patina.kv.mvcc.MvccKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitCheckerTest {
  @TempDir Path dir;

  private Storage open() {
    return Storage.open(
        StorageOptions.builder(dir)
            .durability(Durability.PROCESS_CRASH_SAFE)
            .blockCacheBytes(8 << 20)
            .writeBufferBytes(4 << 20)
            .build());
  }

  static byte[] k(int i) {
    return String.format("key%05d", i).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void transactionalRegionsSplitByKeysAtUserKeyBoundaries() {
    try (Storage s = open()) {
      List<Mutation> ms = new ArrayList<>();
      List<byte[]> keys = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        ms.add(Mutation.put(k(i), new byte[20]));
        keys.add(k(i));
      }
      s.txn().prewrite(KeyRange.ALL, PrewriteRequest.optimistic(ms, k(0), 10, 3000));
      s.txn().commit(KeyRange.ALL, keys, 10, 11);
      SplitChecker c = s.splitChecker(SplitChecker.Config.of(1L << 30, 100));
      SplitChecker.Result r = c.check(KeyRange.ALL, true);
      assertEquals(1000, r.keys());
      assertEquals(9, r.splitKeys().size()); // at keys 100, 200, ... 900
      // Every split key is an encoded user key without a timestamp, every 100 keys.
      for (int i = 0; i < r.splitKeys().size(); i++) {
        assertArrayEquals(MvccKey.encode(k(100 * (i + 1))), r.splitKeys().get(i));
      }
      // Under the max (150 keys) nothing splits.
      KeyRange small = KeyRange.of(MvccKey.encode(k(0)), MvccKey.encode(k(140)));
      assertTrue(c.check(small, true).splitKeys().isEmpty());
      // By size: ~1000 entries of ~50 bytes in write CF.
      SplitChecker bySize = s.splitChecker(SplitChecker.Config.of(10_000, 1_000_000));
      SplitChecker.Result rs = bySize.check(KeyRange.ALL, true);
      assertTrue(rs.size() > 40_000, "size " + rs.size());
      assertTrue(!rs.splitKeys().isEmpty());
      byte[] half = bySize.halfSplitKey(KeyRange.ALL);
      assertNotNull(half);
      byte[] raw = MvccKey.decode(half);
      int idx = Integer.parseInt(new String(raw, StandardCharsets.UTF_8).substring(3));
      assertTrue(idx > 400 && idx < 600, "half at " + idx);
    }
  }

  @Test
  void rawRegionsSplitTooAndKeysStayInside() {
    try (Storage s = open()) {
      List<KvPair> pairs = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        pairs.add(new KvPair(k(i), new byte[100]));
      }
      s.raw().batchPut(KeyRange.ALL, "", pairs, List.of());
      SplitChecker c = s.splitChecker(SplitChecker.Config.of(10_000, 1_000_000));
      KeyRange region = KeyRange.of(k(100), k(400));
      SplitChecker.Result r = c.check(region, false);
      assertEquals(300, r.keys());
      assertTrue(r.splitKeys().size() >= 2);
      byte[] prev = region.start();
      for (byte[] key : r.splitKeys()) {
        assertTrue(region.contains(key) && Arrays.compareUnsigned(key, prev) > 0);
        prev = key;
      }
    }
  }
}

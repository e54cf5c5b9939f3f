package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.ApiVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tikv.common.TiConfiguration;
import org.tikv.common.TiSession;
import org.tikv.common.exception.RawCASConflictException;
import org.tikv.kvproto.Kvrpcpb.KvPair;
import org.tikv.raw.RawKVClient;
import org.tikv.shade.com.google.protobuf.ByteString;

/**
 * TTL and compare-and-swap through the official client on a store with TTL (API V1 with {@code
 * enable-ttl}) and on an API V2 store (keyspace prefixes, versioned raw values), including a forced
 * split and scans across it.
 */
class RawTtlAndApiV2Test {
  @TempDir Path dir;

  static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @ParameterizedTest
  @EnumSource(
      value = ApiVersion.class,
      names = {"V1TTL", "V2"})
  void ttlCasAndSplits(ApiVersion api) throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, b -> b.apiVersion(api))) {
      TiConfiguration conf = TiConfiguration.createRawDefault(cluster.pdAddress());
      conf.setEnableAtomicForCAS(true);
      if (api == ApiVersion.V2) {
        conf.setApiVersion(TiConfiguration.ApiVersion.V2);
      }
      try (TiSession session = TiSession.create(conf)) {
        RawKVClient raw = session.createRawClient();

        // TTL: a key lives for its TTL, then reads as absent.
        raw.put(bs("t/short"), bs("v"), 2);
        raw.put(bs("t/forever"), bs("v"));
        long ttl = raw.getKeyTTL(bs("t/short")).orElseThrow();
        assertTrue(ttl >= 1 && ttl <= 2, "ttl " + ttl);
        assertEquals(Optional.of(0L), raw.getKeyTTL(bs("t/forever")));
        assertEquals(Optional.empty(), raw.getKeyTTL(bs("t/none")));
        Map<ByteString, ByteString> batch = new HashMap<>();
        batch.put(bs("t/b1"), bs("1"));
        batch.put(bs("t/b2"), bs("2"));
        raw.batchPut(batch, 2);
        Thread.sleep(3100);
        assertFalse(raw.get(bs("t/short")).isPresent());
        assertEquals(Optional.empty(), raw.getKeyTTL(bs("t/short")));
        assertTrue(raw.get(bs("t/forever")).isPresent());
        assertEquals(List.of("t/forever"), keys(raw.scanPrefix(bs("t/"))));

        // Compare-and-swap, also with a TTL.
        assertEquals(Optional.empty(), raw.putIfAbsent(bs("c/k"), bs("one"), 60));
        assertEquals(Optional.of(bs("one")), raw.putIfAbsent(bs("c/k"), bs("two")));
        raw.compareAndSet(bs("c/k"), Optional.of(bs("one")), bs("three"));
        assertThrows(
            RawCASConflictException.class,
            () -> raw.compareAndSet(bs("c/k"), Optional.of(bs("one")), bs("four")));
        assertEquals(Optional.of(bs("three")), raw.get(bs("c/k")));
        raw.delete(bs("c/k"));
        assertEquals(Optional.empty(), raw.putIfAbsent(bs("c/k"), bs("again")));

        // Many keys, a split, scans and deletes across regions.
        Map<ByteString, ByteString> kvs = new HashMap<>();
        for (int i = 0; i < 200; i++) {
          kvs.put(bs(String.format("s/%03d", i)), bs("v" + i));
        }
        raw.batchPut(kvs);
        int before = cluster.kv.regionCount();
        session.splitRegionAndScatter(
            new ArrayList<>(List.of("s/050".getBytes(), "s/100".getBytes(), "s/150".getBytes())));
        assertEquals(before + 3, cluster.kv.regionCount());
        List<KvPair> all = raw.scanPrefix(bs("s/"));
        assertEquals(200, all.size());
        assertEquals("s/199", all.getLast().getKey().toStringUtf8());
        raw.deleteRange(bs("s/040"), bs("s/160"));
        assertEquals(80, raw.scanPrefix(bs("s/")).size());
        assertEquals(Optional.of(bs("v39")), raw.get(bs("s/039")));
      }
    }
  }

  private static List<String> keys(List<KvPair> pairs) {
    List<String> out = new ArrayList<>();
    for (KvPair p : pairs) {
      out.add(p.getKey().toStringUtf8());
    }
    return out;
  }
}

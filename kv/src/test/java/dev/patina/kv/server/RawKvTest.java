package dev.patina.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tikv.common.TiConfiguration;
import org.tikv.common.TiSession;
import org.tikv.common.exception.RawCASConflictException;
import org.tikv.common.util.Pair;
import org.tikv.common.util.ScanOption;
import org.tikv.kvproto.Kvrpcpb.KvPair;
import org.tikv.raw.RawKVClient;
import org.tikv.shade.com.google.protobuf.ByteString;

/**
 * Every raw operation of the official client (tikv-client-java 3.3.5, unchanged) against PD and one
 * store, API V1: single and batch reads and writes, scans (limits, key-only, prefixes, batches),
 * range deletes, compare-and-swap, and scans across many regions after forced splits.
 */
class RawKvTest {
  @TempDir static Path dir;
  static TestCluster cluster;
  static TiSession session;
  static RawKVClient raw;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(dir);
    TiConfiguration conf = TiConfiguration.createRawDefault(cluster.pdAddress());
    conf.setEnableAtomicForCAS(true);
    session = TiSession.create(conf);
    raw = session.createRawClient();
  }

  @AfterAll
  static void stop() throws Exception {
    if (session != null) {
      session.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  static List<String> keysOf(List<KvPair> pairs) {
    List<String> out = new ArrayList<>();
    for (KvPair p : pairs) {
      out.add(p.getKey().toStringUtf8());
    }
    return out;
  }

  @Test
  void putGetDelete() {
    raw.put(bs("a/k1"), bs("v1"));
    assertEquals(Optional.of(bs("v1")), raw.get(bs("a/k1")));
    raw.put(bs("a/k1"), bs("v2"));
    assertEquals(Optional.of(bs("v2")), raw.get(bs("a/k1")));
    raw.delete(bs("a/k1"));
    assertFalse(raw.get(bs("a/k1")).isPresent());
    raw.delete(bs("a/never"));
    assertFalse(raw.get(bs("a/never")).isPresent());
  }

  @Test
  void emptyValuesAndBinaryKeys() {
    ByteString key = ByteString.copyFrom(new byte[] {'b', 0, (byte) 0xff, 1});
    raw.put(key, ByteString.EMPTY);
    assertEquals(Optional.of(ByteString.EMPTY), raw.get(key));
    byte[] big = new byte[200_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    raw.put(bs("b/big"), ByteString.copyFrom(big));
    assertEquals(ByteString.copyFrom(big), raw.get(bs("b/big")).orElseThrow());
  }

  @Test
  void batchPutGetDelete() {
    Map<ByteString, ByteString> kvs = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      kvs.put(bs(String.format("c/%03d", i)), bs("v" + i));
    }
    raw.batchPut(kvs);
    List<ByteString> keys = new ArrayList<>();
    for (int i = 99; i >= 0; i -= 3) {
      keys.add(bs(String.format("c/%03d", i)));
    }
    keys.add(bs("c/missing"));
    List<KvPair> got = raw.batchGet(keys);
    assertEquals(34, got.size());
    for (KvPair p : got) {
      assertEquals(kvs.get(p.getKey()), p.getValue());
    }
    List<ByteString> del = new ArrayList<>(List.of(bs("c/000"), bs("c/001"), bs("c/002")));
    raw.batchDelete(del);
    assertEquals(97, raw.scanPrefix(bs("c/")).size());
    assertFalse(raw.get(bs("c/001")).isPresent());
  }

  @Test
  void scans() {
    Map<ByteString, ByteString> kvs = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      kvs.put(bs(String.format("d/%02d", i)), bs("v" + i));
    }
    raw.batchPut(kvs);
    List<KvPair> all = raw.scan(bs("d/"), bs("d0"));
    assertEquals(50, all.size());
    assertEquals("d/00", all.getFirst().getKey().toStringUtf8());
    assertEquals("v49", all.getLast().getValue().toStringUtf8());

    List<KvPair> limited = raw.scan(bs("d/10"), bs("d0"), 5);
    assertEquals(List.of("d/10", "d/11", "d/12", "d/13", "d/14"), keysOf(limited));

    List<KvPair> keyOnly = raw.scan(bs("d/20"), bs("d/23"), true);
    assertEquals(List.of("d/20", "d/21", "d/22"), keysOf(keyOnly));
    assertTrue(keyOnly.getFirst().getValue().isEmpty());

    assertEquals(10, raw.scanPrefix(bs("d/3")).size());
    assertEquals(3, raw.scanPrefix(bs("d/4"), 3, false).size());

    List<List<KvPair>> batch =
        raw.batchScan(
            List.of(
                ScanOption.newBuilder()
                    .setStartKey(bs("d/00"))
                    .setEndKey(bs("d/05"))
                    .setLimit(100)
                    .build(),
                ScanOption.newBuilder()
                    .setStartKey(bs("d/40"))
                    .setEndKey(bs("d0"))
                    .setLimit(2)
                    .build()));
    assertEquals(5, batch.get(0).size());
    assertEquals(List.of("d/40", "d/41"), keysOf(batch.get(1)));
    List<List<ByteString>> batchKeys =
        raw.batchScanKeys(List.of(Pair.create(bs("d/47"), bs("d0"))), 10);
    assertEquals(3, batchKeys.getFirst().size());
  }

  @Test
  void deleteRangeAndPrefix() {
    Map<ByteString, ByteString> kvs = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      kvs.put(bs(String.format("e/%02d", i)), bs("v" + i));
      kvs.put(bs(String.format("f/%02d", i)), bs("v" + i));
    }
    raw.batchPut(kvs);
    raw.deleteRange(bs("e/10"), bs("e/20"));
    assertEquals(20, raw.scanPrefix(bs("e/")).size());
    assertFalse(raw.get(bs("e/15")).isPresent());
    assertTrue(raw.get(bs("e/20")).isPresent());
    raw.deletePrefix(bs("f/"));
    assertEquals(0, raw.scanPrefix(bs("f/")).size());
    assertEquals(20, raw.scanPrefix(bs("e/")).size());
  }

  @Test
  void compareAndSwap() throws Exception {
    ByteString k = bs("g/cas");
    assertEquals(Optional.empty(), raw.putIfAbsent(k, bs("one")));
    assertEquals(Optional.of(bs("one")), raw.putIfAbsent(k, bs("two")));
    assertEquals(Optional.of(bs("one")), raw.get(k));
    raw.compareAndSet(k, Optional.of(bs("one")), bs("three"));
    assertEquals(Optional.of(bs("three")), raw.get(k));
    RawCASConflictException e =
        assertThrows(
            RawCASConflictException.class,
            () -> raw.compareAndSet(k, Optional.of(bs("one")), bs("four")));
    assertEquals(Optional.of(bs("three")), e.getPrevValue());
    assertThrows(
        RawCASConflictException.class, () -> raw.compareAndSet(k, Optional.empty(), bs("five")));
    assertEquals(Optional.of(bs("three")), raw.get(k));
  }

  @Test
  void ttlIsRefusedInV1() {
    // API V1 without enable-ttl: TiKV refuses TTLs with an error the client surfaces.
    assertThrows(RuntimeException.class, () -> raw.put(bs("h/ttl"), bs("v"), 10));
    assertThrows(RuntimeException.class, () -> raw.getKeyTTL(bs("h/ttl")));
  }

  @Test
  void scansAcrossManyRegionsAfterForcedSplits() {
    Map<ByteString, ByteString> kvs = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      kvs.put(bs(String.format("s/%04d", i)), bs("value-" + i));
    }
    raw.batchPut(kvs);
    int before = cluster.kv.regionCount();
    List<byte[]> splitKeys = new ArrayList<>();
    for (int i = 20; i < 400; i += 20) {
      splitKeys.add(String.format("s/%04d", i).getBytes());
    }
    session.splitRegionAndScatter(splitKeys); // PD's ScatterRegion and GetOperator too
    assertEquals(before + splitKeys.size(), cluster.kv.regionCount());

    // One scan over 20 regions: every region stops at its end, the client continues.
    List<KvPair> all = raw.scan(bs("s/"), bs("s0"));
    assertEquals(400, all.size());
    for (int i = 0; i < 400; i++) {
      assertEquals(String.format("s/%04d", i), all.get(i).getKey().toStringUtf8());
    }
    assertEquals(123, raw.scan(bs("s/0100"), bs("s0"), 123).size());
    assertEquals(
        List.of("s/0019", "s/0020", "s/0021"), keysOf(raw.scan(bs("s/0019"), bs("s/0022"))));

    // Writes and batch reads after the split: routed by the new regions.
    List<ByteString> keys = new ArrayList<>();
    for (int i = 0; i < 400; i += 7) {
      keys.add(bs(String.format("s/%04d", i)));
    }
    assertEquals(keys.size(), raw.batchGet(keys).size());
    raw.deleteRange(bs("s/0010"), bs("s/0390"));
    assertEquals(20, raw.scanPrefix(bs("s/")).size());
  }
}

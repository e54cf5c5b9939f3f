package dev.patina.kv.raw;

import static dev.patina.kv.TestKeys.b;
import static dev.patina.kv.TestKeys.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.ApiVersion;
import dev.patina.kv.EntryTooLargeException;
import dev.patina.kv.InvalidRequestException;
import dev.patina.kv.KeyNotInRangeException;
import dev.patina.kv.KeyRange;
import dev.patina.kv.KvPair;
import dev.patina.kv.Storage;
import dev.patina.kv.StorageOptions;
import dev.patina.kv.engine.Durability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawStoreTest {
  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final List<Storage> open = new ArrayList<>();
  private static final KeyRange ALL = KeyRange.ALL;

  private RawStore store(ApiVersion v) {
    Storage s =
        Storage.open(
            StorageOptions.builder(dir.resolve(v.name() + open.size()))
                .apiVersion(v)
                .durability(Durability.PROCESS_CRASH_SAFE)
                .blockCacheBytes(8 << 20)
                .writeBufferBytes(4 << 20)
                .clockMillis(clock::get)
                .maxWriteBytes(1 << 20)
                .build());
    open.add(s);
    return s.raw();
  }

  @AfterEach
  void close() {
    open.forEach(Storage::close);
  }

  private static List<String> keys(List<KvPair> pairs) {
    return pairs.stream().map(p -> s(p.key())).toList();
  }

  @Test
  void putGetDeleteV1() {
    RawStore r = store(ApiVersion.V1);
    assertNull(r.get(ALL, "", b("a")));
    r.put(ALL, "", b("a"), b("1"), 0);
    assertEquals("1", s(r.get(ALL, "", b("a"))));
    r.put(ALL, "default", b("a"), b("2"), 0);
    assertEquals("2", s(r.get(ALL, "", b("a"))));
    r.delete(ALL, "", b("a"));
    assertNull(r.get(ALL, "", b("a")));
    // An empty value is a value.
    r.put(ALL, "", b("e"), new byte[0], 0);
    assertArrayEquals(new byte[0], r.get(ALL, "", b("e")));
    // Column families are separate key spaces in V1.
    r.put(ALL, "write", b("w"), b("x"), 0);
    assertNull(r.get(ALL, "", b("w")));
    assertEquals("x", s(r.get(ALL, "write", b("w"))));
  }

  @Test
  void batchOperationsKeepRequestOrderAndSkipAbsentKeys() {
    RawStore r = store(ApiVersion.V1);
    r.batchPut(ALL, "", List.of(new KvPair(b("c"), b("3")), new KvPair(b("a"), b("1"))), List.of());
    List<KvPair> got = r.batchGet(ALL, "", List.of(b("c"), b("b"), b("a")));
    assertEquals(List.of("c", "a"), keys(got));
    r.batchDelete(ALL, "", List.of(b("a"), b("zz")));
    assertEquals(List.of("c"), keys(r.batchGet(ALL, "", List.of(b("a"), b("c")))));
  }

  @Test
  void scansForwardReverseKeyOnlyLimitAndRange() {
    RawStore r = store(ApiVersion.V1);
    for (String k : List.of("a", "b", "c", "d", "e")) {
      r.put(ALL, "", b(k), b(k + k), 0);
    }
    assertEquals(
        List.of("a", "b", "c", "d", "e"), keys(r.scan(ALL, "", b(""), b(""), 100, false, false)));
    assertEquals(List.of("b", "c"), keys(r.scan(ALL, "", b("b"), b("d"), 100, false, false)));
    assertEquals(List.of("b", "c"), keys(r.scan(ALL, "", b("b"), b(""), 2, false, false)));
    List<KvPair> ko = r.scan(ALL, "", b("a"), b(""), 1, true, false);
    assertArrayEquals(new byte[0], ko.get(0).value());
    assertEquals("aa", s(r.scan(ALL, "", b("a"), b(""), 1, false, false).get(0).value()));
    // Reverse: [end, start) from the top.
    assertEquals(List.of("c", "b"), keys(r.scan(ALL, "", b("d"), b("b"), 100, false, true)));
    assertEquals(List.of("e", "d"), keys(r.scan(ALL, "", b(""), b(""), 2, false, true)));
    assertEquals(List.of(), r.scan(ALL, "", b("a"), b(""), 0, false, false));
    // Region [b, d): the scan stops at the region end.
    KeyRange region = KeyRange.of(b("b"), b("d"));
    assertEquals(List.of("b", "c"), keys(r.scan(region, "", b("b"), b(""), 100, false, false)));
    assertEquals(List.of("c", "b"), keys(r.scan(region, "", b("d"), b(""), 100, false, true)));
    assertEquals(List.of("c", "b"), keys(r.scan(region, "", b(""), b(""), 100, false, true)));
    assertThrows(
        KeyNotInRangeException.class, () -> r.scan(region, "", b("a"), b(""), 9, false, false));
    assertThrows(KeyNotInRangeException.class, () -> r.get(region, "", b("d")));
    assertThrows(KeyNotInRangeException.class, () -> r.put(region, "", b("a"), b("1"), 0));
    // Inverted ranges scan nothing.
    assertEquals(List.of(), r.scan(ALL, "", b("d"), b("b"), 100, false, false));
  }

  @Test
  void batchScanFollowsTikvRangeRules() {
    RawStore r = store(ApiVersion.V1);
    for (String k : List.of("a", "b", "c", "d", "e")) {
      r.put(ALL, "", b(k), b(k), 0);
    }
    List<RawStore.ScanRange> ranges =
        List.of(new RawStore.ScanRange(b("a"), b("")), new RawStore.ScanRange(b("c"), b("e")));
    assertEquals(List.of("a", "b", "c", "d"), keys(r.batchScan(ALL, "", ranges, 10, false, false)));
    assertEquals(List.of("a", "c"), keys(r.batchScan(ALL, "", ranges, 1, false, false)));
    List<RawStore.ScanRange> bad = List.of(new RawStore.ScanRange(b("c"), b("a")));
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class, () -> r.batchScan(ALL, "", bad, 1, false, false));
    assertEquals("Invalid KeyRanges", e.getMessage());
  }

  @Test
  void deleteRangeClipsToRegion() {
    RawStore r = store(ApiVersion.V1);
    for (String k : List.of("a", "b", "c", "d", "e")) {
      r.put(ALL, "", b(k), b(k), 0);
    }
    r.deleteRange(KeyRange.of(b("b"), b("d")), "", b("a"), b("z"));
    assertEquals(List.of("a", "d", "e"), keys(r.scan(ALL, "", b(""), b(""), 10, true, false)));
    r.deleteRange(ALL, "", b("d"), b(""));
    assertEquals(List.of("a"), keys(r.scan(ALL, "", b(""), b(""), 10, true, false)));
    assertThrows(InvalidRequestException.class, () -> r.deleteRange(ALL, "", b("z"), b("a")));
  }

  @Test
  void compareAndSwapSemantics() {
    RawStore r = store(ApiVersion.V1);
    RawStore.CasResult res = r.compareAndSwap(ALL, "", b("k"), null, b("v1"), 0, false);
    assertTrue(res.succeed());
    assertTrue(res.previousNotExist());
    res = r.compareAndSwap(ALL, "", b("k"), null, b("v2"), 0, false);
    assertFalse(res.succeed());
    assertEquals("v1", s(res.previousValue()));
    res = r.compareAndSwap(ALL, "", b("k"), b("wrong"), b("v2"), 0, false);
    assertFalse(res.succeed());
    assertEquals("v1", s(r.get(ALL, "", b("k"))));
    res = r.compareAndSwap(ALL, "", b("k"), b("v1"), b("v2"), 0, false);
    assertTrue(res.succeed());
    assertEquals("v1", s(res.previousValue()));
    res = r.compareAndSwap(ALL, "", b("k"), b("v2"), null, 0, true);
    assertTrue(res.succeed());
    assertNull(r.get(ALL, "", b("k")));
  }

  @Test
  void ttlNeedsATtlEnabledApi() {
    RawStore r = store(ApiVersion.V1);
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> r.put(ALL, "", b("k"), b("v"), 10));
    assertEquals("ttl is not enabled, but get put request with ttl", e.getMessage());
    assertThrows(
        InvalidRequestException.class,
        () -> r.compareAndSwap(ALL, "", b("k"), null, b("v"), 5, false));
  }

  @Test
  void ttlExpiryV1Ttl() {
    RawStore r = store(ApiVersion.V1TTL);
    r.put(ALL, "", b("short"), b("s"), 10);
    r.put(ALL, "", b("forever"), b("f"), 0);
    assertEquals(10L, r.getKeyTtl(ALL, "", b("short")));
    assertEquals(0L, r.getKeyTtl(ALL, "", b("forever")));
    assertNull(r.getKeyTtl(ALL, "", b("absent")));
    clock.addAndGet(4_000);
    assertEquals(6L, r.getKeyTtl(ALL, "", b("short")));
    assertEquals("s", s(r.get(ALL, "", b("short"))));
    clock.addAndGet(6_000);
    assertNull(r.get(ALL, "", b("short")));
    assertNull(r.getKeyTtl(ALL, "", b("short")));
    assertEquals(List.of("forever"), keys(r.scan(ALL, "", b(""), b(""), 10, true, false)));
    assertEquals(List.of("forever"), keys(r.batchGet(ALL, "", List.of(b("short"), b("forever")))));
    // An expired key does not exist for compare-and-swap.
    assertTrue(r.compareAndSwap(ALL, "", b("short"), null, b("again"), 0, false).succeed());
    // One TTL applies to every pair; a mismatched count is TiKV's error.
    r.batchPut(
        ALL, "", List.of(new KvPair(b("x"), b("1")), new KvPair(b("y"), b("2"))), List.of(5L));
    assertEquals(5L, r.getKeyTtl(ALL, "", b("y")));
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                r.batchPut(
                    ALL,
                    "",
                    List.of(
                        new KvPair(b("x"), b("1")),
                        new KvPair(b("y"), b("2")),
                        new KvPair(b("z"), b("3"))),
                    List.of(1L, 2L)));
    assertEquals("The length of ttls does not equal to the length of pairs", e.getMessage());
  }

  @Test
  void apiV2KeyModesVersionsAndLogicalDeletes() {
    RawStore r = store(ApiVersion.V2);
    byte[] k1 = b("r\0\0\0k1");
    byte[] k2 = b("r\0\0\0k2");
    byte[] k3 = b("r\0\0\0k3");
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> r.put(ALL, "", b("xkey"), b("v"), 0));
    assertTrue(
        e.getMessage().startsWith("Key mode mismatched with the request mode"), e.getMessage());
    assertThrows(InvalidRequestException.class, () -> r.put(ALL, "default", k1, b("v"), 0));
    r.put(ALL, "", k1, b("a"), 0);
    r.put(ALL, "", k1, b("b"), 0);
    r.put(ALL, "", k2, b("c"), 0);
    r.put(ALL, "", k3, b("d"), 100);
    assertEquals("b", s(r.get(ALL, "", k1)));
    byte[] end = b("s");
    assertEquals(
        List.of("b", "c", "d"),
        r.scan(ALL, "", k1, end, 10, false, false).stream().map(p -> s(p.value())).toList());
    assertEquals(
        List.of("d", "c", "b"),
        r.scan(ALL, "", end, b("r"), 10, false, true).stream().map(p -> s(p.value())).toList());
    r.delete(ALL, "", k2);
    assertNull(r.get(ALL, "", k2));
    assertEquals(2, r.scan(ALL, "", k1, end, 10, true, false).size());
    assertEquals(100L, r.getKeyTtl(ALL, "", k3));
    assertNull(r.getKeyTtl(ALL, "", k2));
    assertTrue(r.compareAndSwap(ALL, "", k2, null, b("e"), 0, false).succeed());
    assertEquals("e", s(r.get(ALL, "", k2)));
    // A scan needs both ends in raw mode.
    assertThrows(InvalidRequestException.class, () -> r.scan(ALL, "", k1, b(""), 10, false, false));
  }

  @Test
  void gcDropsOldVersionsDeletesAndExpiredValues() {
    AtomicLong ts = new AtomicLong(100);
    Storage st =
        Storage.open(
            StorageOptions.builder(dir.resolve("gc"))
                .apiVersion(ApiVersion.V2)
                .durability(Durability.PROCESS_CRASH_SAFE)
                .blockCacheBytes(8 << 20)
                .clockMillis(clock::get)
                .rawTs(ts::incrementAndGet)
                .build());
    open.add(st);
    RawStore r = st.raw();
    byte[] a = b("r\0\0\0a");
    byte[] d = b("r\0\0\0d");
    r.put(ALL, "", a, b("1"), 0); // ts 101
    r.put(ALL, "", a, b("2"), 0); // ts 102
    r.put(ALL, "", d, b("x"), 0); // ts 103
    r.delete(ALL, "", d); // ts 104
    r.put(ALL, "", a, b("3"), 0); // ts 105
    // Safe point 104: a keeps 105 and 102 (newest at the safe point), loses 101; d loses both.
    assertEquals(3, r.gc(ALL, 104));
    assertEquals("3", s(r.get(ALL, "", a)));
    assertNull(r.get(ALL, "", d));
    assertEquals(0, r.gc(ALL, 104));

    RawStore t = store(ApiVersion.V1TTL);
    t.put(ALL, "", b("short"), b("s"), 5);
    t.put(ALL, "", b("long"), b("l"), 0);
    clock.addAndGet(10_000);
    assertEquals(1, t.gc(ALL, 0));
    assertEquals("l", s(t.get(ALL, "", b("long"))));
  }

  @Test
  void badInputGivesPreciseErrors() {
    RawStore r = store(ApiVersion.V1);
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class, () -> r.put(ALL, "", new byte[9000], b("v"), 0));
    assertEquals("max key size exceeded, size: 9000, limit: 8192", e.getMessage());
    e = assertThrows(InvalidRequestException.class, () -> r.get(ALL, "nope", b("k")));
    assertEquals("invalid cf name: nope", e.getMessage());
    assertThrows(
        InvalidRequestException.class, () -> r.scan(ALL, "", b("a"), b(""), -1, false, false));
    EntryTooLargeException big =
        assertThrows(
            EntryTooLargeException.class, () -> r.put(ALL, "", b("k"), new byte[2 << 20], 0));
    assertEquals(1 << 20, big.limit());
    assertNull(r.get(ALL, "", b("k")));
    assertThrows(InvalidRequestException.class, () -> KeyRange.of(b("b"), b("a")));
  }

  @Test
  void dataSurvivesReopen() {
    Path p = dir.resolve("reopen");
    try (Storage s = Storage.open(StorageOptions.builder(p).blockCacheBytes(8 << 20).build())) {
      s.raw().put(ALL, "", b("k"), b("v"), 0);
    }
    try (Storage s = Storage.open(StorageOptions.builder(p).blockCacheBytes(8 << 20).build())) {
      assertEquals("v", s(s.raw().get(ALL, "", b("k"))));
    }
  }
}

package dev.patina.kv.mvcc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.StorageFailureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MvccEncodingTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void lockBytesAreTikvs() {
    // 'P', compact("pk") = var_i64(2) 04 'p' 'k', start_ts 1, ttl 10, 'v' 1 'v'.
    Lock l = Lock.of(LockType.PUT, "pk".getBytes(), 1, 10, "v".getBytes(), 0, 0, 0, false);
    assertEquals("5004706b010a760176", HEX.formatHex(l.toBytes()));
    // Pessimistic lock with for_update_ts 5 and min_commit_ts 6: 'S', ..., 'f' u64, 'c' u64.
    Lock p = Lock.of(LockType.PESSIMISTIC, "k".getBytes(), 3, 0, null, 5, 0, 6, false);
    assertEquals(
        "5302" + "6b" + "03" + "00" + "66" + "0000000000000005" + "63" + "0000000000000006",
        HEX.formatHex(p.toBytes()));
    assertEquals(p, Lock.parse(p.toBytes()));
    // TiKV allows the TTL to be absent.
    Lock noTtl = Lock.parse(HEX.parseHex("4c02" + "6b" + "07"));
    assertEquals(LockType.LOCK, noTtl.lockType());
    assertEquals(7, noTtl.ts());
    assertEquals(0, noTtl.ttl());
  }

  @Test
  void writeBytesAreTikvs() {
    assertEquals(
        "5005760261" + "62", HEX.formatHex(Write.of(WriteType.PUT, 5, "ab".getBytes()).toBytes()));
    assertEquals("5205760170", HEX.formatHex(Write.rollback(5, true).toBytes()));
    assertTrue(Write.parse(HEX.parseHex("5205760170")).isProtected());
    Write overlapped = Write.of(WriteType.PUT, 5, null).withOverlappedRollback(true, true, 9);
    assertEquals("500552" + "46" + "0000000000000009", HEX.formatHex(overlapped.toBytes()));
    // Parsing stops at an unknown field (forward compatibility).
    Write w = Write.parse(HEX.parseHex("4405" + "7a" + "ffff"));
    assertEquals(WriteType.DELETE, w.writeType());
  }

  @Provide
  Arbitrary<Lock> locks() {
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
    Arbitrary<byte[]> shortValue =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(255).injectNull(0.3);
    Arbitrary<Long> ts = Arbitraries.longs();
    return Combinators.combine(
            Arbitraries.of(LockType.class), bytes, ts, ts, shortValue, ts, ts, ts)
        .as(
            (t, pk, st, ttl, sv, fut, size, mct) ->
                Lock.of(t, pk, st, ttl, sv, fut, size, mct, false))
        .flatMap(
            l ->
                Combinators.combine(
                        bytes.list().ofMaxSize(3).injectNull(0.5),
                        ts.list().ofMaxSize(3),
                        Arbitraries.longs().between(0, 5),
                        Arbitraries.of(true, false))
                    .as(
                        (secs, rts, versions, conflict) -> {
                          Lock x = l.withRollbackTs(rts).withTxnSource(versions);
                          if (secs != null) {
                            x = x.withAsyncCommit(true, secs);
                          }
                          if (versions > 0) {
                            x = x.withLastChange(versions * 7, versions);
                          }
                          return new Lock(
                              x.lockType(),
                              x.primary(),
                              x.ts(),
                              x.ttl(),
                              x.shortValue(),
                              x.forUpdateTs(),
                              x.txnSize(),
                              x.minCommitTs(),
                              x.useAsyncCommit(),
                              x.secondaries(),
                              x.rollbackTs(),
                              x.lastChangeTs(),
                              x.versionsToLastChange(),
                              x.txnSource(),
                              conflict,
                              versions);
                        }));
  }

  @Property(tries = 300)
  void locksRoundTrip(@ForAll("locks") Lock lock) {
    assertEquals(lock, Lock.parse(lock.toBytes()));
  }

  @Property(tries = 300)
  void writesRoundTrip(
      @ForAll WriteType type,
      @ForAll long startTs,
      @ForAll @Size(max = 255) byte[] sv,
      @ForAll boolean overlapped,
      @ForAll long fence) {
    Write w = Write.of(type, startTs, sv).withOverlappedRollback(overlapped, fence % 2 == 0, fence);
    assertEquals(w, Write.parse(w.toBytes()));
  }

  @Property(tries = 500)
  void garbageNeverCrashesTheParsers(@ForAll @Size(max = 40) byte[] junk) {
    try {
      Lock.parse(junk);
    } catch (StorageFailureException expected) {
      // a precise error is fine
    }
    try {
      Write.parse(junk);
    } catch (StorageFailureException expected) {
      // a precise error is fine
    }
  }

  @Test
  void truncatedRecordsAreErrors() {
    assertThrows(StorageFailureException.class, () -> Lock.parse(new byte[0]));
    assertThrows(StorageFailureException.class, () -> Lock.parse(HEX.parseHex("5004706b010a7605")));
    assertThrows(StorageFailureException.class, () -> Write.parse(HEX.parseHex("50")));
    assertThrows(StorageFailureException.class, () -> Write.parse(HEX.parseHex("58")));
  }

  @Property(tries = 500)
  void versionsOfAKeySortNewestFirst(
      @ForAll @Size(max = 12) byte[] k, @ForAll long a, @ForAll long b) {
    byte[] enc = MvccKey.encode(k);
    byte[] ka = MvccKey.appendTs(enc, a);
    byte[] kb = MvccKey.appendTs(enc, b);
    assertEquals(
        Integer.signum(Long.compareUnsigned(b, a)), Integer.signum(Arrays.compareUnsigned(ka, kb)));
    assertEquals(a, MvccKey.decodeTs(ka));
    assertArrayEquals(enc, MvccKey.truncateTs(ka));
    assertTrue(MvccKey.isUserKeyEq(ka, enc));
    assertArrayEquals(k, MvccKey.decode(enc));
  }

  @Test
  void timestampsCompareUnsigned() {
    assertTrue(TimeStamps.gt(TimeStamps.MAX, 5));
    assertEquals(TimeStamps.MAX, TimeStamps.next(TimeStamps.MAX));
    assertEquals(0, TimeStamps.prev(0));
    assertEquals(List.of(5L), List.of(TimeStamps.physical(TimeStamps.compose(5, 3))));
  }
}

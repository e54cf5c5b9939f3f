package dev.patina.kv;

import static dev.patina.kv.TestKeys.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.kv.engine.Batch;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.engine.Durability;
import dev.patina.kv.mvcc.MvccKey;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests and damaged data give precise errors, never a crash. */
class BadInputTest {
  @TempDir Path dir;

  private Storage open(String name, ApiVersion api) {
    return Storage.open(
        StorageOptions.builder(dir.resolve(name))
            .apiVersion(api)
            .durability(Durability.PROCESS_CRASH_SAFE)
            .blockCacheBytes(8 << 20)
            .writeBufferBytes(4 << 20)
            .maxWriteBytes(1 << 20)
            .build());
  }

  @Test
  void transactionalRequests() {
    try (Storage s = open("v1", ApiVersion.V1)) {
      var txn = s.txn();
      KeyRange all = KeyRange.ALL;
      EntryTooLargeException big =
          assertThrows(
              EntryTooLargeException.class,
              () ->
                  txn.prewrite(
                      all,
                      PrewriteRequest.optimistic(
                          List.of(Mutation.put(b("k"), new byte[2 << 20])), b("k"), 10, 100)));
      assertTrue(big.size() > big.limit());
      assertTrue(txn.scanLocks(all, 100, b(""), b(""), 0).isEmpty(), "nothing written");
      InvalidRequestException e =
          assertThrows(
              InvalidRequestException.class,
              () -> txn.get(all, new byte[8193], 10, TxnReadOptions.DEFAULT));
      assertEquals("max key size exceeded, size: 8193, limit: 8192", e.getMessage());
      assertThrows(
          InvalidRequestException.class,
          () ->
              txn.prewrite(
                  all,
                  PrewriteRequest.optimistic(
                      List.of(new Mutation(Op.ROLLBACK, b("k"), null, null)), b("k"), 10, 100)));
      assertThrows(
          InvalidRequestException.class,
          () ->
              txn.prewrite(
                  all,
                  PrewriteRequest.optimistic(
                      List.of(new Mutation(Op.PUT, b("k"), null, null)), b("k"), 10, 100)));
      assertThrows(
          InvalidRequestException.class,
          () -> txn.prewrite(all, PrewriteRequest.optimistic(List.of(), null, 10, 100)));
      assertThrows(
          InvalidRequestException.class,
          () -> txn.scan(all, b("a"), b(""), -5, 10, false, false, TxnReadOptions.DEFAULT));
      assertEquals(
          List.of(), txn.scan(all, b("z"), b("a"), 10, 10, false, false, TxnReadOptions.DEFAULT));
      KeyErrorException tso =
          assertThrows(KeyErrorException.class, () -> txn.commit(all, List.of(b("k")), 10, 10));
      assertTrue(tso.error() instanceof KeyError.InvalidTxnTso);
      assertThrows(
          InvalidRequestException.class,
          () ->
              txn.pessimisticLock(all, PessimisticLockRequest.of(List.of(b("k")), null, 1, 1, 1)));
      assertThrows(InvalidRequestException.class, () -> KeyRange.of(b("b"), b("a")));
      KeyRange region = KeyRange.of(MvccKey.encode(b("m")), new byte[0]);
      assertThrows(KeyNotInRangeException.class, () -> txn.commit(region, List.of(b("a")), 1, 2));
    }
  }

  @Test
  void apiVersionsGuardKeyModes() {
    try (Storage s = open("ttl", ApiVersion.V1TTL)) {
      InvalidRequestException e =
          assertThrows(
              InvalidRequestException.class,
              () -> s.txn().get(KeyRange.ALL, b("k"), 1, TxnReadOptions.DEFAULT));
      assertTrue(
          e.getMessage().startsWith("Api version in request does not match"), e.getMessage());
    }
    try (Storage s = open("v2", ApiVersion.V2)) {
      assertThrows(
          InvalidRequestException.class,
          () -> s.txn().get(KeyRange.ALL, b("rkey"), 1, TxnReadOptions.DEFAULT));
      assertEquals(null, s.txn().get(KeyRange.ALL, b("x\0\0\0key"), 1, TxnReadOptions.DEFAULT));
      assertThrows(
          InvalidRequestException.class, () -> s.raw().get(KeyRange.ALL, "", b("x\0\0\0key")));
    }
  }

  @Test
  void damagedRecordsAreStorageFailures() {
    try (Storage s = open("bad", ApiVersion.V1)) {
      s.engine()
          .write(new Batch().put(Cf.LOCK, MvccKey.encode(b("k")), new byte[] {'P', (byte) 0x80}));
      StorageFailureException e =
          assertThrows(
              StorageFailureException.class,
              () -> s.txn().get(KeyRange.ALL, b("k"), 10, TxnReadOptions.DEFAULT));
      assertTrue(e.getMessage().startsWith("bad format lock"), e.getMessage());
      s.engine()
          .write(
              new Batch()
                  .put(Cf.WRITE, MvccKey.appendTs(MvccKey.encode(b("w")), 5), new byte[] {'Q'}));
      assertThrows(
          StorageFailureException.class,
          () -> s.txn().get(KeyRange.ALL, b("w"), 10, TxnReadOptions.DEFAULT));
      // A write record whose value is missing from the default column family.
      s.engine()
          .write(
              new Batch()
                  .put(Cf.WRITE, MvccKey.appendTs(MvccKey.encode(b("d")), 5), new byte[] {'P', 4}));
      KeyErrorException dnf =
          assertThrows(
              KeyErrorException.class,
              () -> s.txn().get(KeyRange.ALL, b("d"), 10, TxnReadOptions.DEFAULT));
      assertTrue(dnf.error() instanceof KeyError.DefaultNotFound);
    }
  }

  @Test
  void closedStorageRefusesWork() {
    Storage s = open("closed", ApiVersion.V1);
    s.close();
    s.close(); // idempotent
    assertThrows(StorageClosedException.class, () -> s.raw().get(KeyRange.ALL, "", b("k")));
    assertThrows(
        StorageClosedException.class,
        () -> s.txn().get(KeyRange.ALL, b("k"), 1, TxnReadOptions.DEFAULT));
  }
}

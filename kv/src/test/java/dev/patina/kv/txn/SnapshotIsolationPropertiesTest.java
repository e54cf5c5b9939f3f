package dev.patina.kv.txn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.patina.kv.KeyError;
import dev.patina.kv.KeyErrorException;
import dev.patina.kv.KeyRange;
import dev.patina.kv.Mutation;
import dev.patina.kv.PrewriteRequest;
import dev.patina.kv.PrewriteResult;
import dev.patina.kv.Storage;
import dev.patina.kv.StorageOptions;
import dev.patina.kv.TxnReadOptions;
import dev.patina.kv.TxnStatus;
import dev.patina.kv.engine.Durability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Snapshot isolation against a model: random interleavings of transactions (reads, buffered writes,
 * prewrite, commit, abort, clients dying before or after committing the primary, and readers
 * resolving the locks they left) are run step by step against the store and a model of committed
 * versions and locks. Every read must return the model's latest version committed before the read's
 * start_ts, or {@code KeyIsLocked} exactly when an older transaction holds a lock; a prewrite must
 * fail exactly when a newer commit (write-write conflict, no lost update) or another transaction's
 * lock is on its keys.
 */
class SnapshotIsolationPropertiesTest {
  static Storage storage;
  static Path dir;
  static final AtomicInteger TRY = new AtomicInteger();
  static final int KEYS = 4;
  static final int TXNS = 4;
  static final long TTL_MS = 1000;

  @BeforeContainer
  static void open() throws IOException {
    dir = Files.createTempDirectory("patina-si");
    storage =
        Storage.open(
            StorageOptions.builder(dir)
                .durability(Durability.PROCESS_CRASH_SAFE)
                .blockCacheBytes(8 << 20)
                .writeBufferBytes(8 << 20)
                .build());
  }

  @AfterContainer
  static void close() throws IOException {
    storage.close();
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  enum Kind {
    READ,
    WRITE,
    DELETE,
    PREWRITE,
    COMMIT,
    ABORT,
    CRASH_BEFORE_COMMIT,
    CRASH_AFTER_PRIMARY,
    RESOLVE_READ
  }

  record Step(Kind kind, int txn, int key, int value) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, TXNS - 1),
                Arbitraries.integers().between(0, KEYS - 1),
                Arbitraries.integers().between(0, 99))
            .as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(40);
  }

  enum State {
    IDLE,
    ACTIVE,
    PREWRITTEN,
    CRASHED
  }

  static final class Txn {
    State state = State.IDLE;
    long startTs;
    long commitTs;
    boolean primaryCommitted;
    Map<Integer, Integer> writes = new LinkedHashMap<>(); // -1 = delete

    int primary() {
      return writes.keySet().iterator().next();
    }
  }

  /** A fake TSO: every call advances physical time by 1 ms. */
  long tsoPhysical = 1_000;

  long tso() {
    return (++tsoPhysical) << 18;
  }

  @Property(tries = 80)
  void snapshotIsolationHolds(@ForAll("steps") List<Step> steps) {
    String prefix = "t" + TRY.incrementAndGet() + "/";
    TxnStore store = storage.txn();
    KeyRange all = KeyRange.ALL;
    Txn[] txns = new Txn[TXNS];
    for (int i = 0; i < TXNS; i++) {
      txns[i] = new Txn();
    }
    List<TreeMap<Long, Integer>> history = new ArrayList<>();
    Map<Integer, Txn> lockOwner = new HashMap<>();
    for (int k = 0; k < KEYS; k++) {
      history.add(new TreeMap<>());
    }

    for (Step s : steps) {
      Txn t = txns[s.txn()];
      if (t.state == State.IDLE && s.kind() != Kind.RESOLVE_READ) {
        t.state = State.ACTIVE;
        t.startTs = tso();
        t.writes.clear();
      }
      switch (s.kind()) {
        case READ -> {
          if (t.state != State.ACTIVE) {
            continue;
          }
          checkRead(store, all, prefix, s.key(), t.startTs, history, lockOwner);
        }
        case WRITE, DELETE -> {
          if (t.state == State.ACTIVE) {
            t.writes.put(s.key(), s.kind() == Kind.DELETE ? -1 : s.value());
          }
        }
        case PREWRITE -> {
          if (t.state != State.ACTIVE || t.writes.isEmpty()) {
            continue;
          }
          boolean conflict = false;
          boolean locked = false;
          for (int k : t.writes.keySet()) {
            Long newest = history.get(k).isEmpty() ? null : history.get(k).lastKey();
            conflict |= newest != null && newest > t.startTs;
            Txn owner = lockOwner.get(k);
            locked |= owner != null && owner != t;
          }
          List<Mutation> ms = new ArrayList<>();
          for (Map.Entry<Integer, Integer> w : t.writes.entrySet()) {
            byte[] key = key(prefix, w.getKey());
            ms.add(
                w.getValue() < 0 ? Mutation.delete(key) : Mutation.put(key, value(w.getValue())));
          }
          boolean ok;
          try {
            PrewriteResult r =
                store.prewrite(
                    all,
                    PrewriteRequest.optimistic(ms, key(prefix, t.primary()), t.startTs, TTL_MS));
            ok = r.ok();
            if (!ok) {
              assertTrue(locked, "prewrite reported locks the model does not have");
              r.errors().forEach(e -> assertInstanceOf(KeyError.Locked.class, e));
            }
          } catch (KeyErrorException e) {
            ok = false;
            assertTrue(conflict, "unexpected prewrite error " + e.getMessage());
            assertInstanceOf(KeyError.WriteConflict.class, e.error());
          }
          if (ok) {
            assertTrue(
                !conflict && !locked, "prewrite succeeded over a conflict or a lock (lost update)");
            t.state = State.PREWRITTEN;
            for (int k : t.writes.keySet()) {
              lockOwner.put(k, t);
            }
          } else {
            assertTrue(conflict || locked);
            t.state = State.IDLE; // aborted: nothing was written
          }
        }
        case COMMIT -> {
          if (t.state != State.PREWRITTEN) {
            continue;
          }
          t.commitTs = tso();
          List<byte[]> keys = new ArrayList<>();
          for (int k : t.writes.keySet()) {
            keys.add(key(prefix, k));
          }
          store.commit(all, keys, t.startTs, t.commitTs);
          for (Map.Entry<Integer, Integer> w : t.writes.entrySet()) {
            history.get(w.getKey()).put(t.commitTs, w.getValue());
            lockOwner.remove(w.getKey());
          }
          t.state = State.IDLE;
        }
        case ABORT -> {
          if (t.state == State.ACTIVE) {
            t.state = State.IDLE;
          } else if (t.state == State.PREWRITTEN) {
            List<byte[]> keys = new ArrayList<>();
            for (int k : t.writes.keySet()) {
              keys.add(key(prefix, k));
              lockOwner.remove(k);
            }
            store.batchRollback(all, keys, t.startTs);
            t.state = State.IDLE;
          }
        }
        case CRASH_BEFORE_COMMIT, CRASH_AFTER_PRIMARY -> {
          if (t.state != State.PREWRITTEN) {
            continue;
          }
          if (s.kind() == Kind.CRASH_AFTER_PRIMARY) {
            t.commitTs = tso();
            store.commit(all, List.of(key(prefix, t.primary())), t.startTs, t.commitTs);
            history.get(t.primary()).put(t.commitTs, t.writes.get(t.primary()));
            lockOwner.remove(t.primary());
            t.primaryCommitted = true;
          }
          t.state = State.CRASHED;
          txns[s.txn()] = new Txn(); // the client is gone; a new one takes its slot
        }
        case RESOLVE_READ -> {
          // A reader at a fresh ts meets the lock on the key; if its owner is dead and
          // expired, resolve it as a client would.
          Txn owner = lockOwner.get(s.key());
          long readTs = tso();
          if (owner == null || owner.state != State.CRASHED) {
            checkRead(store, all, prefix, s.key(), readTs, history, lockOwner);
            continue;
          }
          KeyErrorException e =
              org.junit.jupiter.api.Assertions.assertThrows(
                  KeyErrorException.class,
                  () -> store.get(all, key(prefix, s.key()), readTs, TxnReadOptions.DEFAULT));
          KeyError.Locked l = assertInstanceOf(KeyError.Locked.class, e.error());
          assertEquals(owner.startTs, l.lock().lockVersion());
          long expiredNow = readTs + ((TTL_MS + 10) << 18);
          TxnStatus st =
              store.checkTxnStatus(
                  all,
                  l.lock().primaryLock(),
                  owner.startTs,
                  readTs,
                  expiredNow,
                  true,
                  false,
                  false,
                  true);
          if (owner.primaryCommitted) {
            assertEquals(owner.commitTs, st.commitVersion());
          } else {
            assertTrue(
                st instanceof TxnStatus.TtlExpire || st instanceof TxnStatus.RolledBack,
                "expected the dead primary rolled back: " + st);
            lockOwner.remove(owner.primary());
          }
          store.resolveLock(all, owner.startTs, st.commitVersion(), List.of(key(prefix, s.key())));
          lockOwner.remove(s.key());
          if (owner.primaryCommitted) {
            history.get(s.key()).put(owner.commitTs, owner.writes.get(s.key()));
          }
          checkRead(store, all, prefix, s.key(), tso(), history, lockOwner);
        }
      }
    }
  }

  private static void checkRead(
      TxnStore store,
      KeyRange all,
      String prefix,
      int key,
      long ts,
      List<TreeMap<Long, Integer>> history,
      Map<Integer, Txn> lockOwner) {
    Txn owner = lockOwner.get(key);
    boolean expectLocked = owner != null && owner.startTs < ts;
    byte[] got;
    try {
      got = store.get(all, key(prefix, key), ts, TxnReadOptions.DEFAULT);
    } catch (KeyErrorException e) {
      assertTrue(expectLocked, "read at " + ts + " met an unexpected lock: " + e.getMessage());
      assertInstanceOf(KeyError.Locked.class, e.error());
      return;
    }
    if (expectLocked) {
      fail("read at " + ts + " ignored the lock of a txn started at " + owner.startTs);
    }
    Map.Entry<Long, Integer> visible = history.get(key).lowerEntry(ts);
    Integer expected = visible == null ? null : visible.getValue();
    if (expected == null || expected < 0) {
      assertEquals(null, got == null ? null : new String(got, StandardCharsets.UTF_8));
    } else {
      assertArrayEquals(value(expected), got);
    }
  }

  static byte[] key(String prefix, int k) {
    return (prefix + k).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] value(int v) {
    return ("v" + v).getBytes(StandardCharsets.UTF_8);
  }
}

package dev.patina.kv.server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tikv.common.BytePairWrapper;
import org.tikv.common.ByteWrapper;
import org.tikv.common.TiSession;
import org.tikv.common.util.ConcreteBackOffer;
import org.tikv.kvproto.Kvrpcpb;
import org.tikv.shade.com.google.protobuf.ByteString;
import org.tikv.txn.KVClient;
import org.tikv.txn.TwoPhaseCommitter;

/**
 * Percolator transactions with the official client's own building blocks: {@link TwoPhaseCommitter}
 * (prewrite primary, prewrite secondaries, commit primary, commit secondaries) and {@link KVClient}
 * reads at a timestamp (which resolve locks they meet).
 */
final class Txns {
  private Txns() {}

  /** Where a writer stops, to leave locks behind as a client that died would. */
  enum Stop {
    NOWHERE,
    AFTER_PREWRITE,
    AFTER_PRIMARY_COMMIT
  }

  static long ts(TiSession s) {
    return s.getTimestamp().getVersion();
  }

  /**
   * Writes {@code writes} (an empty value deletes) in one transaction that started at {@code
   * startTs}; the first key is the primary. Returns the commit timestamp.
   *
   * @throws RuntimeException when prewrite or commit fails (a conflict, or the txn was rolled back)
   */
  static long commit(
      TiSession s, long startTs, Map<ByteString, ByteString> writes, long lockTtlMs, Stop stop)
      throws Exception {
    return commit(s, startTs, writes, lockTtlMs, stop, 20_000);
  }

  /** As above, giving up after {@code backoffMs} of retries (the client retries conflicts). */
  static long commit(
      TiSession s,
      long startTs,
      Map<ByteString, ByteString> writes,
      long lockTtlMs,
      Stop stop,
      int backoffMs)
      throws Exception {
    List<Map.Entry<ByteString, ByteString>> entries = new ArrayList<>(writes.entrySet());
    byte[] primary = entries.getFirst().getKey().toByteArray();
    try (TwoPhaseCommitter c = new TwoPhaseCommitter(s, startTs, lockTtlMs)) {
      c.prewritePrimaryKey(
          ConcreteBackOffer.newCustomBackOff(backoffMs),
          primary,
          entries.getFirst().getValue().toByteArray());
      List<BytePairWrapper> secondaries = new ArrayList<>();
      List<ByteWrapper> secondaryKeys = new ArrayList<>();
      for (int i = 1; i < entries.size(); i++) {
        secondaries.add(
            new BytePairWrapper(
                entries.get(i).getKey().toByteArray(), entries.get(i).getValue().toByteArray()));
        secondaryKeys.add(new ByteWrapper(entries.get(i).getKey().toByteArray()));
      }
      if (!secondaries.isEmpty()) {
        c.prewriteSecondaryKeys(primary, secondaries.iterator(), backoffMs);
      }
      if (stop == Stop.AFTER_PREWRITE) {
        return 0;
      }
      long commitTs = ts(s);
      c.commitPrimaryKey(ConcreteBackOffer.newCustomBackOff(backoffMs), primary, commitTs);
      if (stop == Stop.AFTER_PRIMARY_COMMIT) {
        return commitTs;
      }
      if (!secondaryKeys.isEmpty()) {
        Iterator<ByteWrapper> it = secondaryKeys.iterator();
        c.commitSecondaryKeys(it, commitTs, 20_000);
      }
      return commitTs;
    }
  }

  static long commit(TiSession s, Map<ByteString, ByteString> writes) throws Exception {
    return commit(s, ts(s), writes, 3000, Stop.NOWHERE);
  }

  static Map<ByteString, ByteString> of(String... kv) {
    Map<ByteString, ByteString> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(ByteString.copyFromUtf8(kv[i]), ByteString.copyFromUtf8(kv[i + 1]));
    }
    return m;
  }

  /** The value at {@code version}, or null (the client answers absent keys with empty values). */
  static String get(TiSession s, String key, long version) {
    try (KVClient c = s.createKVClient()) {
      ByteString v = c.get(ByteString.copyFromUtf8(key), version);
      return v.isEmpty() ? null : v.toStringUtf8();
    }
  }

  static Map<String, String> batchGet(TiSession s, List<String> keys, long version) {
    List<ByteString> list = new ArrayList<>();
    for (String k : keys) {
      list.add(ByteString.copyFromUtf8(k));
    }
    Map<String, String> out = new LinkedHashMap<>();
    try (KVClient c = s.createKVClient()) {
      for (Kvrpcpb.KvPair p :
          c.batchGet(ConcreteBackOffer.newCustomBackOff(60_000), list, version)) {
        out.put(p.getKey().toStringUtf8(), p.getValue().toStringUtf8());
      }
    }
    return out;
  }

  static List<Kvrpcpb.KvPair> scan(TiSession s, String start, String end, long version) {
    try (KVClient c = s.createKVClient()) {
      return c.scan(ByteString.copyFromUtf8(start), ByteString.copyFromUtf8(end), version);
    }
  }
}

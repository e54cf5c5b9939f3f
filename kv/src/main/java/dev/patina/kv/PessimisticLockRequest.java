package dev.patina.kv;

import java.util.List;

/**
 * kvrpcpb.PessimisticLockRequest.
 *
 * @param mutations the keys: {@link Op#PESSIMISTIC_LOCK}, or {@link Op#INSERT} meaning the key must
 *     not exist
 * @param primary the primary key
 * @param startTs start_ts
 * @param lockTtl TTL in ms
 * @param forUpdateTs the transaction's for_update_ts for this statement
 * @param waitTimeoutMs how long to wait for a lock (0: fail at once, negative: no wait either)
 * @param returnValues return the current values
 * @param checkExistence return whether the keys exist
 * @param minCommitTs min_commit_ts to record
 * @param lockOnlyIfExists lock only keys that exist (needs returnValues)
 */
public record PessimisticLockRequest(
    List<Mutation> mutations,
    byte[] primary,
    long startTs,
    long lockTtl,
    long forUpdateTs,
    long waitTimeoutMs,
    boolean returnValues,
    boolean checkExistence,
    long minCommitTs,
    boolean lockOnlyIfExists) {

  public PessimisticLockRequest {
    mutations = List.copyOf(mutations);
  }

  public static PessimisticLockRequest of(
      List<byte[]> keys, byte[] primary, long startTs, long lockTtl, long forUpdateTs) {
    return new PessimisticLockRequest(
        keys.stream().map(k -> new Mutation(Op.PESSIMISTIC_LOCK, k, null, Assertion.NONE)).toList(),
        primary,
        startTs,
        lockTtl,
        forUpdateTs,
        0,
        false,
        false,
        0,
        false);
  }
}

package dev.patina.kv;

import java.util.List;

/**
 * kvrpcpb.PrewriteRequest.
 *
 * @param mutations the keys to lock and their changes
 * @param primary the primary key
 * @param startTs the transaction's start_ts
 * @param lockTtl lock TTL in milliseconds
 * @param skipConstraintCheck skip the write-conflict check (optimistic)
 * @param txnSize keys in the whole transaction
 * @param forUpdateTs non-zero for a pessimistic transaction
 * @param pessimisticActions per mutation (pessimistic transactions; empty = all SKIP)
 * @param minCommitTs lower bound for the commit_ts
 * @param secondaries non-null for async commit: the secondary keys (on the primary's prewrite)
 * @param tryOnePc commit in this prewrite (1PC)
 * @param maxCommitTs upper bound of the commit_ts for async commit / 1PC (0 = none)
 * @param assertionLevel how assertions are checked
 */
public record PrewriteRequest(
    List<Mutation> mutations,
    byte[] primary,
    long startTs,
    long lockTtl,
    boolean skipConstraintCheck,
    long txnSize,
    long forUpdateTs,
    List<PessimisticAction> pessimisticActions,
    long minCommitTs,
    List<byte[]> secondaries,
    boolean tryOnePc,
    long maxCommitTs,
    AssertionLevel assertionLevel) {

  public PrewriteRequest {
    mutations = List.copyOf(mutations);
    pessimisticActions = pessimisticActions == null ? List.of() : List.copyOf(pessimisticActions);
    secondaries = secondaries == null ? null : List.copyOf(secondaries);
    assertionLevel = assertionLevel == null ? AssertionLevel.OFF : assertionLevel;
  }

  /** An optimistic two-phase-commit prewrite. */
  public static PrewriteRequest optimistic(
      List<Mutation> mutations, byte[] primary, long startTs, long lockTtl) {
    return new PrewriteRequest(
        mutations,
        primary,
        startTs,
        lockTtl,
        false,
        mutations.size(),
        0,
        List.of(),
        0,
        null,
        false,
        0,
        AssertionLevel.OFF);
  }

  /** A pessimistic prewrite: every mutation with {@code action}. */
  public static PrewriteRequest pessimistic(
      List<Mutation> mutations,
      byte[] primary,
      long startTs,
      long lockTtl,
      long forUpdateTs,
      List<PessimisticAction> actions) {
    return new PrewriteRequest(
        mutations,
        primary,
        startTs,
        lockTtl,
        false,
        mutations.size(),
        forUpdateTs,
        actions,
        0,
        null,
        false,
        0,
        AssertionLevel.OFF);
  }

  public boolean isPessimistic() {
    return forUpdateTs != 0;
  }

  public PessimisticAction actionOf(int i) {
    return i < pessimisticActions.size()
        ? pessimisticActions.get(i)
        : PessimisticAction.SKIP_PESSIMISTIC_CHECK;
  }
}

package dev.patina.kv;

import java.util.Set;

/**
 * How a transactional read treats locks (kvrpcpb.Context fields).
 *
 * @param isolationLevel SI (default) or RC
 * @param resolvedLocks start_ts of transactions known rolled back or committed after the read ts:
 *     their locks are bypassed
 * @param committedLocks start_ts of transactions known committed before the read ts: their locks'
 *     values are read
 */
public record TxnReadOptions(
    IsolationLevel isolationLevel, Set<Long> resolvedLocks, Set<Long> committedLocks) {

  public static final TxnReadOptions DEFAULT =
      new TxnReadOptions(IsolationLevel.SI, Set.of(), Set.of());

  public TxnReadOptions {
    isolationLevel = isolationLevel == null ? IsolationLevel.SI : isolationLevel;
    resolvedLocks = resolvedLocks == null ? Set.of() : Set.copyOf(resolvedLocks);
    committedLocks = committedLocks == null ? Set.of() : Set.copyOf(committedLocks);
  }
}

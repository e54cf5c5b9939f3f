package dev.patina.kv;

/**
 * kvrpcpb.PrewriteRequest.PessimisticAction: what a pessimistic prewrite does for one mutation
 * (older clients send {@code is_pessimistic_lock} booleans: true = {@link #DO_PESSIMISTIC_CHECK},
 * false = {@link #SKIP_PESSIMISTIC_CHECK}).
 */
public enum PessimisticAction {
  /** The key is not pessimistically locked: no lock check. */
  SKIP_PESSIMISTIC_CHECK,
  /** The key must hold this transaction's pessimistic lock. */
  DO_PESSIMISTIC_CHECK,
  /** Not locked; check constraints (newer writes) as an optimistic prewrite would. */
  DO_CONSTRAINT_CHECK
}

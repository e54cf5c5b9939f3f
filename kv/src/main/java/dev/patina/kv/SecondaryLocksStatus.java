package dev.patina.kv;

import java.util.List;

/** The answer to check_secondary_locks (resolving async-commit transactions). */
public sealed interface SecondaryLocksStatus {
  /** Every key is still locked by the transaction. */
  record Locked(List<LockInfo> locks) implements SecondaryLocksStatus {}

  record Committed(long commitTs) implements SecondaryLocksStatus {}

  /** Some key was not locked: the transaction is rolled back (rollback records written). */
  record RolledBack() implements SecondaryLocksStatus {}
}

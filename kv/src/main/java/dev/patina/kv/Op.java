package dev.patina.kv;

/** kvrpcpb.Op: what a mutation or a lock does. */
public enum Op {
  PUT,
  DEL,
  LOCK,
  ROLLBACK,
  /** Put only if the key does not exist ({@code AlreadyExist} otherwise). */
  INSERT,
  PESSIMISTIC_LOCK,
  /** Check that the key does not exist; writes nothing. */
  CHECK_NOT_EXISTS
}

package dev.patina.kv.mvcc;

/** TiKV's write-record types and their flag bytes. */
public enum WriteType {
  PUT('P'),
  DELETE('D'),
  LOCK('L'),
  ROLLBACK('R');

  final byte flag;

  WriteType(char flag) {
    this.flag = (byte) flag;
  }

  static WriteType ofFlag(int b) {
    for (WriteType t : values()) {
      if (t.flag == b) {
        return t;
      }
    }
    return null;
  }

  /** {@code WriteType::from_lock_type}: null for pessimistic locks. */
  public static WriteType ofLock(LockType t) {
    return switch (t) {
      case PUT -> PUT;
      case DELETE -> DELETE;
      case LOCK -> LOCK;
      case PESSIMISTIC -> null;
    };
  }
}

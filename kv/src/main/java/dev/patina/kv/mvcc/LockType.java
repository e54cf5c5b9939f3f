package dev.patina.kv.mvcc;

import dev.patina.kv.Op;

/** TiKV's lock types and their flag bytes. */
public enum LockType {
  PUT('P'),
  DELETE('D'),
  LOCK('L'),
  PESSIMISTIC('S');

  final byte flag;

  LockType(char flag) {
    this.flag = (byte) flag;
  }

  static LockType ofFlag(int b) {
    for (LockType t : values()) {
      if (t.flag == b) {
        return t;
      }
    }
    return null;
  }

  public Op op() {
    return switch (this) {
      case PUT -> Op.PUT;
      case DELETE -> Op.DEL;
      case LOCK -> Op.LOCK;
      case PESSIMISTIC -> Op.PESSIMISTIC_LOCK;
    };
  }
}

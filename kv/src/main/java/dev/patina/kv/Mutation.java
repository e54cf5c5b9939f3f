package dev.patina.kv;

import java.util.Objects;

/** kvrpcpb.Mutation: what a prewrite does to one key. {@code value} is used by PUT and INSERT. */
public record Mutation(Op op, byte[] key, byte[] value, Assertion assertion) {
  public Mutation {
    Objects.requireNonNull(op, "op");
    assertion = assertion == null ? Assertion.NONE : assertion;
  }

  public static Mutation put(byte[] key, byte[] value) {
    return new Mutation(Op.PUT, key, value, Assertion.NONE);
  }

  public static Mutation insert(byte[] key, byte[] value) {
    return new Mutation(Op.INSERT, key, value, Assertion.NONE);
  }

  public static Mutation delete(byte[] key) {
    return new Mutation(Op.DEL, key, null, Assertion.NONE);
  }

  public static Mutation lock(byte[] key) {
    return new Mutation(Op.LOCK, key, null, Assertion.NONE);
  }

  public static Mutation checkNotExists(byte[] key) {
    return new Mutation(Op.CHECK_NOT_EXISTS, key, null, Assertion.NONE);
  }

  @Override
  public String toString() {
    return op + "(" + Hex.key(key) + ")";
  }
}

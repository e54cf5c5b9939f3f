package dev.patina.pd.storage;

import java.util.ArrayList;
import java.util.List;

/** Puts and deletes applied together by {@link Backend#write}. */
public final class WriteBatch {
  /** One operation; a null value deletes. */
  public record Op(byte[] key, byte[] value) {}

  private final List<Op> ops = new ArrayList<>();

  public WriteBatch put(byte[] key, byte[] value) {
    ops.add(new Op(key.clone(), value.clone()));
    return this;
  }

  public WriteBatch delete(byte[] key) {
    ops.add(new Op(key.clone(), null));
    return this;
  }

  public List<Op> ops() {
    return List.copyOf(ops);
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }
}

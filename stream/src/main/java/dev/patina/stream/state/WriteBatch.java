package dev.patina.stream.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Writes that a {@link StateStore} applies atomically, in order, with one epoch. */
public final class WriteBatch {
  /** One write. */
  public sealed interface Op {
    record Put(byte[] key, byte[] value) implements Op {}

    record Delete(byte[] key) implements Op {}

    /** Deletes every key in {@code [from, to)}. */
    record DeleteRange(byte[] from, byte[] to) implements Op {}
  }

  private final List<Op> ops = new ArrayList<>();

  public WriteBatch put(byte[] key, byte[] value) {
    ops.add(new Op.Put(key, value));
    return this;
  }

  public WriteBatch delete(byte[] key) {
    ops.add(new Op.Delete(key));
    return this;
  }

  public WriteBatch deleteRange(byte[] from, byte[] to) {
    java.util.Objects.requireNonNull(to, "to");
    ops.add(new Op.DeleteRange(from, to));
    return this;
  }

  /** Appends every write of {@code other}. */
  public WriteBatch addAll(WriteBatch other) {
    ops.addAll(other.ops);
    return this;
  }

  public List<Op> ops() {
    return Collections.unmodifiableList(ops);
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  public int size() {
    return ops.size();
  }
}

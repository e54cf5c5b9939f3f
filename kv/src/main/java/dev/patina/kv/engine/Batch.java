package dev.patina.kv.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Changes to apply atomically: puts, deletes and range deletes over column families, in order. Keys
 * are storage keys (without the data prefix; the engine adds it).
 */
public final class Batch {
  /** One change. {@code value} is null for deletes; {@code end} is set for range deletes. */
  public record Modify(Kind kind, Cf cf, byte[] key, byte[] value, byte[] end) {
    public long size() {
      return key.length + (value == null ? 0 : value.length) + (end == null ? 0 : end.length);
    }
  }

  public enum Kind {
    PUT,
    DELETE,
    DELETE_RANGE
  }

  private final List<Modify> modifies = new ArrayList<>();
  private long size;

  public Batch put(Cf cf, byte[] key, byte[] value) {
    return add(new Modify(Kind.PUT, cf, key, value, null));
  }

  public Batch delete(Cf cf, byte[] key) {
    return add(new Modify(Kind.DELETE, cf, key, null, null));
  }

  /** Deletes {@code [start, end)}; an empty {@code end} means to the end of the family. */
  public Batch deleteRange(Cf cf, byte[] start, byte[] end) {
    return add(new Modify(Kind.DELETE_RANGE, cf, start, null, end));
  }

  public Batch add(Modify m) {
    modifies.add(m);
    size += m.size();
    return this;
  }

  public Batch addAll(Batch other) {
    for (Modify m : other.modifies) {
      add(m);
    }
    return this;
  }

  public List<Modify> modifies() {
    return modifies;
  }

  public boolean isEmpty() {
    return modifies.isEmpty();
  }

  /** Bytes of keys and values in the batch (as TiKV counts a write's size). */
  public long size() {
    return size;
  }

  public void clear() {
    modifies.clear();
    size = 0;
  }
}

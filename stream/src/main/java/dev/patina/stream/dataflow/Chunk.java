package dev.patina.stream.dataflow;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch of row changes (RisingWave's {@code StreamChunk}): rows as {@code Object[]} (null is SQL
 * NULL) each with an {@link Op}. Immutable once built; rows must not be modified by receivers.
 */
public final class Chunk {
  private static final Op[] NO_OPS = new Op[0];
  private static final Object[][] NO_ROWS = new Object[0][];

  /** A chunk with no rows. */
  public static final Chunk EMPTY = new Chunk(NO_OPS, NO_ROWS);

  private final Op[] ops;
  private final Object[][] rows;

  private Chunk(Op[] ops, Object[][] rows) {
    this.ops = ops;
    this.rows = rows;
  }

  /** A chunk of {@code rows} all with op {@code op}. */
  public static Chunk of(Op op, List<Object[]> rows) {
    Builder b = new Builder();
    for (Object[] r : rows) {
      b.add(op, r);
    }
    return b.build();
  }

  /** A chunk of inserts. */
  public static Chunk inserts(List<Object[]> rows) {
    return of(Op.INSERT, rows);
  }

  public int size() {
    return ops.length;
  }

  public boolean isEmpty() {
    return ops.length == 0;
  }

  public Op op(int i) {
    return ops[i];
  }

  public Object[] row(int i) {
    return rows[i];
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Chunk[");
    for (int i = 0; i < ops.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(ops[i]).append(java.util.Arrays.toString(rows[i]));
    }
    return sb.append(']').toString();
  }

  /** Collects changes into a chunk. */
  public static final class Builder {
    private final List<Op> ops = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    public Builder add(Op op, Object[] row) {
      ops.add(op);
      rows.add(row);
      return this;
    }

    /** Adds {@code count} copies of a plain insert or delete (sign of {@code count}). */
    public Builder addCopies(int count, Object[] row) {
      Op op = Op.of(count);
      for (int i = Math.abs(count); i > 0; i--) {
        add(op, row);
      }
      return this;
    }

    /** Adds an update pair. */
    public Builder update(Object[] oldRow, Object[] newRow) {
      return add(Op.UPDATE_DELETE, oldRow).add(Op.UPDATE_INSERT, newRow);
    }

    public int size() {
      return ops.size();
    }

    public boolean isEmpty() {
      return ops.isEmpty();
    }

    /** The chunk of the changes so far; the builder is then empty again. */
    public Chunk build() {
      if (ops.isEmpty()) {
        return EMPTY;
      }
      Chunk c = new Chunk(ops.toArray(NO_OPS), rows.toArray(NO_ROWS));
      ops.clear();
      rows.clear();
      return c;
    }
  }
}

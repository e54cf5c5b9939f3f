package dev.patina.stream.state;

import dev.patina.stream.types.DataType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A keyed table of rows in a {@link StateStore}: a user table's rows, a materialized view's, or an
 * operator's state. Rows are keyed by their primary key columns ({@link TableLayout}); a row with
 * the key of an existing row replaces it.
 *
 * <p>Writes are staged in the table and become part of an epoch when the owner moves them into that
 * epoch's {@link WriteBatch} ({@link #writeTo}) and commits it. Reads ({@link #get}, {@link #scan})
 * see the staged writes over the {@link ReadView} the table was opened with. Not thread-safe: one
 * owner (an operator, a statement) at a time.
 */
public final class StateTable {
  private static final byte[] TOMBSTONE = new byte[0];

  private final TableLayout layout;
  private final ReadView view;
  private final int[] pk;
  private final List<DataType> pkTypes;
  private final TreeMap<byte[], byte[]> staged = new TreeMap<>(Arrays::compareUnsigned);

  public StateTable(TableLayout layout, ReadView view) {
    this.layout = layout;
    this.view = view;
    this.pk = layout.pk().stream().mapToInt(Integer::intValue).toArray();
    this.pkTypes = layout.pkTypes();
  }

  public TableLayout layout() {
    return layout;
  }

  /** The store key of {@code row}. */
  public byte[] keyOf(Object[] row) {
    return TableKeys.key(
        layout.tableId(), Memcomparable.encode(row, pk, pkTypes, layout.pkOrders()));
  }

  /** The store key prefix of rows whose first key columns are {@code prefix}. */
  public byte[] keyPrefix(Object[] prefix) {
    ByteBuf out = new ByteBuf();
    out.put(TableKeys.prefix(layout.tableId()));
    for (int i = 0; i < prefix.length; i++) {
      Memcomparable.encode(out, pkTypes.get(i), prefix[i], layout.pkOrders().get(i));
    }
    return out.toArray();
  }

  /** The row whose key columns are {@code key} (in key order), or null. */
  public Object[] get(Object[] key) {
    byte[] k = keyPrefix(key);
    byte[] v = staged.get(k);
    if (v == null) {
      v = view.get(k);
    } else if (v == TOMBSTONE) {
      return null;
    }
    return v == null ? null : RowCodec.decode(layout.columnTypes(), v);
  }

  /** Inserts {@code row}, replacing a row with the same key. */
  public void insert(Object[] row) {
    staged.put(keyOf(row), RowCodec.encode(layout.columnTypes(), row));
  }

  /** Deletes the row with {@code row}'s key. */
  public void delete(Object[] row) {
    staged.put(keyOf(row), TOMBSTONE);
  }

  /** Replaces {@code oldRow} by {@code newRow} (their keys may differ). */
  public void update(Object[] oldRow, Object[] newRow) {
    byte[] oldKey = keyOf(oldRow);
    byte[] newKey = keyOf(newRow);
    if (!Arrays.equals(oldKey, newKey)) {
      staged.put(oldKey, TOMBSTONE);
    }
    staged.put(newKey, RowCodec.encode(layout.columnTypes(), newRow));
  }

  /** Every row, in key order. */
  public CloseableIterator<Object[]> scan() {
    return scanPrefix(new Object[0]);
  }

  /** The rows whose first key columns equal {@code prefix}, in key order. */
  public CloseableIterator<Object[]> scanPrefix(Object[] prefix) {
    byte[] from = keyPrefix(prefix);
    byte[] to = TableKeys.prefixEnd(from);
    return scanKeys(from, to);
  }

  /** The rows with keys in {@code [from, to)} (store keys, {@code to} null: to the end). */
  public CloseableIterator<Object[]> scanKeys(byte[] from, byte[] to) {
    Map<byte[], byte[]> local = to == null ? staged.tailMap(from, true) : staged.subMap(from, to);
    if (local.isEmpty()) {
      CloseableIterator<KeyValue> it = view.scan(from, to);
      return new CloseableIterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Object[] next() {
          return RowCodec.decode(layout.columnTypes(), it.next().value());
        }

        @Override
        public void close() {
          it.close();
        }
      };
    }
    return new Merged(view.scan(from, to), local.entrySet().iterator());
  }

  /** Whether writes are staged. */
  public boolean hasStagedWrites() {
    return !staged.isEmpty();
  }

  /** Moves the staged writes into {@code batch}. */
  public void writeTo(WriteBatch batch) {
    for (Map.Entry<byte[], byte[]> e : staged.entrySet()) {
      if (e.getValue() == TOMBSTONE) {
        batch.delete(e.getKey());
      } else {
        batch.put(e.getKey(), e.getValue());
      }
    }
    staged.clear();
  }

  /** Forgets the staged writes. */
  public void discard() {
    staged.clear();
  }

  /** Adds a deletion of every row of table {@code tableId} to {@code batch}. */
  public static void truncate(int tableId, WriteBatch batch) {
    batch.deleteRange(TableKeys.prefix(tableId), TableKeys.end(tableId));
  }

  /** Store entries merged with staged writes, staged ones winning. */
  private final class Merged implements CloseableIterator<Object[]> {
    private final CloseableIterator<KeyValue> store;
    private final Iterator<Map.Entry<byte[], byte[]>> local;
    private KeyValue s;
    private Map.Entry<byte[], byte[]> l;
    private Object[] next;

    Merged(CloseableIterator<KeyValue> store, Iterator<Map.Entry<byte[], byte[]>> local) {
      this.store = store;
      this.local = local;
      s = store.hasNext() ? store.next() : null;
      l = local.hasNext() ? local.next() : null;
      advance();
    }

    private void advance() {
      next = null;
      while (next == null && (s != null || l != null)) {
        int c = s == null ? 1 : l == null ? -1 : Arrays.compareUnsigned(s.key(), l.getKey());
        byte[] value;
        if (c < 0) {
          value = s.value();
          s = store.hasNext() ? store.next() : null;
        } else {
          value = l.getValue();
          if (c == 0) {
            s = store.hasNext() ? store.next() : null;
          }
          l = local.hasNext() ? local.next() : null;
          if (value == TOMBSTONE) {
            continue;
          }
        }
        next = RowCodec.decode(layout.columnTypes(), value);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Object[] next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Object[] r = next;
      advance();
      return r;
    }

    @Override
    public void close() {
      store.close();
    }
  }
}

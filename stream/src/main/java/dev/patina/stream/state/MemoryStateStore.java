package dev.patina.stream.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A {@link StateStore} in memory, for tests and throwaway databases. Commits replace an immutable
 * map, so snapshots cost nothing and commits cost a copy.
 */
public final class MemoryStateStore implements StateStore {
  private volatile NavigableMap<byte[], byte[]> data = new TreeMap<>(Arrays::compareUnsigned);
  private volatile long committedEpoch;

  @Override
  public ReadView latest() {
    return new View(null);
  }

  @Override
  public ReadView snapshot() {
    return new View(data);
  }

  @Override
  public synchronized void commit(WriteBatch batch, long epoch) {
    if (epoch <= committedEpoch) {
      throw new IllegalArgumentException(
          "epoch " + epoch + " is not after the committed epoch " + committedEpoch);
    }
    TreeMap<byte[], byte[]> next = new TreeMap<>(data);
    for (WriteBatch.Op op : batch.ops()) {
      switch (op) {
        case WriteBatch.Op.Put p -> next.put(p.key().clone(), p.value().clone());
        case WriteBatch.Op.Delete d -> next.remove(d.key());
        case WriteBatch.Op.DeleteRange r -> next.subMap(r.from(), r.to()).clear();
      }
    }
    data = next;
    committedEpoch = epoch;
  }

  @Override
  public long committedEpoch() {
    return committedEpoch;
  }

  @Override
  public void checkpoint() {}

  @Override
  public void close() {}

  private final class View implements ReadView {
    private final NavigableMap<byte[], byte[]> pinned;
    private final long epoch = committedEpoch;

    View(NavigableMap<byte[], byte[]> pinned) {
      this.pinned = pinned;
    }

    private NavigableMap<byte[], byte[]> map() {
      return pinned != null ? pinned : data;
    }

    @Override
    public byte[] get(byte[] key) {
      return map().get(key);
    }

    @Override
    public CloseableIterator<KeyValue> scan(byte[] from, byte[] to) {
      NavigableMap<byte[], byte[]> m = map();
      Map<byte[], byte[]> range = to == null ? m.tailMap(from, true) : m.subMap(from, to);
      List<KeyValue> out = new ArrayList<>(range.size());
      range.forEach((k, v) -> out.add(new KeyValue(k, v)));
      return CloseableIterator.of(out);
    }

    @Override
    public long epoch() {
      return pinned != null ? epoch : committedEpoch;
    }

    @Override
    public void close() {}
  }
}

package dev.patina.pd.storage;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/** A backend in memory, for tests and throw-away clusters. */
public final class MemoryBackend implements Backend {
  private final ConcurrentSkipListMap<byte[], byte[]> map =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

  @Override
  public byte[] get(byte[] key) {
    byte[] v = map.get(key);
    return v == null ? null : v.clone();
  }

  @Override
  public void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    for (Map.Entry<byte[], byte[]> e : map.tailMap(prefix, true).entrySet()) {
      if (!Keys.hasPrefix(e.getKey(), prefix)) {
        break;
      }
      visitor.accept(e.getKey().clone(), e.getValue().clone());
    }
  }

  @Override
  public synchronized void write(WriteBatch batch) {
    for (WriteBatch.Op op : batch.ops()) {
      if (op.value() == null) {
        map.remove(op.key());
      } else {
        map.put(op.key(), op.value());
      }
    }
  }

  @Override
  public void close() {}
}

package dev.patina.pd.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.pd.storage.Backend;
import dev.patina.pd.storage.Keys;
import dev.patina.pd.storage.MemoryBackend;
import dev.patina.pd.storage.WriteBatch;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class IdAllocatorTest {

  /** Counts durable writes. */
  static final class CountingBackend implements Backend {
    final MemoryBackend inner = new MemoryBackend();
    int writes;

    @Override
    public byte[] get(byte[] key) {
      return inner.get(key);
    }

    @Override
    public void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
      inner.scan(prefix, visitor);
    }

    @Override
    public void write(WriteBatch batch) {
      writes++;
      inner.write(batch);
    }

    @Override
    public void close() {}
  }

  @Test
  void idsStartAtOneAndIncrease() {
    IdAllocator ids = new IdAllocator(new MemoryBackend());
    assertEquals(1, ids.alloc());
    assertEquals(2, ids.alloc());
    assertEquals(3, ids.alloc());
  }

  @Test
  void oneDurableWritePerBatch() {
    CountingBackend b = new CountingBackend();
    IdAllocator ids = new IdAllocator(b);
    for (int i = 0; i < 2500; i++) {
      ids.alloc();
    }
    assertEquals(3, b.writes);
    assertEquals(3000, Keys.readU64(b.get(Keys.ALLOC_ID), "alloc id"));
  }

  @Test
  void restartNeverReusesAnId() {
    MemoryBackend b = new MemoryBackend();
    Set<Long> seen = new HashSet<>();
    long max = 0;
    for (int restart = 0; restart < 5; restart++) {
      IdAllocator ids = new IdAllocator(b);
      for (int i = 0; i < 777; i++) {
        long id = ids.alloc();
        assertTrue(seen.add(id), "id " + id + " handed out twice");
        assertTrue(id > max);
        max = id;
      }
    }
  }
}

package dev.patina.kv.txn;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * TiKV's scheduler latches: every write command first takes the latches of the keys it writes, so
 * commands on the same keys run one after another while others run in parallel. Keys hash to a
 * fixed number of slots; a command takes its slots in ascending order (no deadlock), and releases
 * them when its write is durable.
 */
public final class Latches {
  private final ReentrantLock[] slots;
  private final int mask;

  /** {@code size} is rounded up to a power of two. */
  public Latches(int size) {
    int n = Integer.highestOneBit(Math.max(1, size - 1)) << 1;
    slots = new ReentrantLock[n];
    for (int i = 0; i < n; i++) {
      slots[i] = new ReentrantLock();
    }
    mask = n - 1;
  }

  private int slot(byte[] key) {
    int h = Arrays.hashCode(key);
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h & mask;
  }

  /** The latches held by one command; release them with {@link Guard#close()}. */
  public final class Guard implements AutoCloseable {
    private final int[] held;
    private boolean released;

    private Guard(int[] held) {
      this.held = held;
    }

    @Override
    public void close() {
      if (released) {
        return;
      }
      released = true;
      for (int i = held.length - 1; i >= 0; i--) {
        slots[held[i]].unlock();
      }
    }
  }

  /** Takes the latches of {@code keys} (waiting for other commands on them). */
  public Guard acquire(Collection<byte[]> keys) {
    int[] idx = new int[keys.size()];
    int n = 0;
    for (byte[] k : keys) {
      idx[n++] = slot(k);
    }
    Arrays.sort(idx);
    int u = 0;
    for (int i = 0; i < n; i++) {
      if (u == 0 || idx[u - 1] != idx[i]) {
        idx[u++] = idx[i];
      }
    }
    int[] held = Arrays.copyOf(idx, u);
    int taken = 0;
    try {
      for (int s : held) {
        slots[s].lock();
        taken++;
      }
    } catch (Throwable t) {
      for (int i = taken - 1; i >= 0; i--) {
        slots[held[i]].unlock();
      }
      throw t;
    }
    return new Guard(held);
  }

  public Guard acquire(byte[] key) {
    return acquire(java.util.List.of(key));
  }
}

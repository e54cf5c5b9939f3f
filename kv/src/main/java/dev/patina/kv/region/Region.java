package dev.patina.kv.region;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A region as a store serves it: its current {@link RegionMeta} (replaced as a whole when the
 * region splits) and the traffic seen since the last heartbeat and split check. The unit of routing
 * and splitting (and, later, of replication: one Raft group per region).
 */
public final class Region {
  private volatile RegionMeta meta;

  private final LongAdder bytesWritten = new LongAdder();
  private final LongAdder keysWritten = new LongAdder();
  private final LongAdder bytesRead = new LongAdder();
  private final LongAdder keysRead = new LongAdder();
  private final AtomicLong sizeDiff = new AtomicLong();
  private final AtomicLong keysDiff = new AtomicLong();
  private volatile long approximateSize = -1;
  private volatile long approximateKeys = -1;
  private volatile long lastHeartbeatMillis = System.currentTimeMillis();

  Region(RegionMeta meta) {
    this.meta = meta;
  }

  public RegionMeta meta() {
    return meta;
  }

  void setMeta(RegionMeta m) {
    this.meta = m;
  }

  public long id() {
    return meta.id();
  }

  /** Counts a write for heartbeats and split checks. */
  public void recordWrite(long bytes, long keys) {
    bytesWritten.add(bytes);
    keysWritten.add(keys);
    sizeDiff.addAndGet(bytes);
    keysDiff.addAndGet(keys);
  }

  public void recordRead(long bytes, long keys) {
    bytesRead.add(bytes);
    keysRead.add(keys);
  }

  /** Bytes and keys written since the last split check. */
  public long sizeDiff() {
    return sizeDiff.get();
  }

  public long keysDiff() {
    return keysDiff.get();
  }

  /** Records a split check's result (or -1 when unknown) and restarts the diff counters. */
  public void checked(long size, long keys) {
    sizeDiff.set(0);
    keysDiff.set(0);
    approximateSize = size;
    approximateKeys = keys;
  }

  public long approximateSize() {
    return approximateSize;
  }

  public long approximateKeys() {
    return approximateKeys;
  }

  /** Traffic since the previous heartbeat; resets the counters. */
  public record Flow(
      long bytesWritten, long keysWritten, long bytesRead, long keysRead, long sinceMillis) {}

  public Flow takeFlow(long nowMillis) {
    Flow f =
        new Flow(
            bytesWritten.sumThenReset(),
            keysWritten.sumThenReset(),
            bytesRead.sumThenReset(),
            keysRead.sumThenReset(),
            lastHeartbeatMillis);
    lastHeartbeatMillis = nowMillis;
    return f;
  }

  @Override
  public String toString() {
    return meta.toString();
  }
}

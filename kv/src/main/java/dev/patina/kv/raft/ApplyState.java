package dev.patina.kv.raft;

import dev.patina.kv.engine.Batch;
import dev.patina.kv.engine.Cf;
import dev.patina.kv.engine.Engine;
import dev.patina.kv.engine.EngineSnapshot;
import java.nio.ByteBuffer;

/**
 * The last log index a region applied, kept in the {@code raft} column family at TiKV's {@code
 * apply_state_key} ({@code 01 02 <region id> 03}) and written in the same batch as the entry's
 * changes: after a crash the store knows exactly which entries its engine already holds, and skips
 * them when Ratis replays its log.
 */
final class ApplyState {
  private ApplyState() {}

  static byte[] key(long regionId) {
    return ByteBuffer.allocate(11)
        .put((byte) 1)
        .put((byte) 2)
        .putLong(regionId)
        .put((byte) 3)
        .array();
  }

  /** The applied index, or 0 when the region applied nothing here yet. */
  static long read(Engine engine, long regionId) {
    try (EngineSnapshot s = engine.snapshot()) {
      byte[] v = s.get(Cf.RAFT, key(regionId));
      return v == null || v.length < 16 ? 0 : ByteBuffer.wrap(v).getLong(8);
    }
  }

  /** Adds "applied up to (term, index)" to {@code batch}. */
  static Batch put(Batch batch, long regionId, long term, long index) {
    return batch.put(
        Cf.RAFT, key(regionId), ByteBuffer.allocate(16).putLong(term).putLong(index).array());
  }
}
